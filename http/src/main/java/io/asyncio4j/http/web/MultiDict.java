package io.asyncio4j.http.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * aiohttp's (multidict's) {@code MultiDictProxy}: an immutable list of name-value pairs in which a name may occur
 * several times, looked up by name; what {@link Request#post()} returns.
 *
 * <pre>{@code
 * MultiDict<Object> form = request.post().await();
 * String title = form.getString("title");          // the first value, or null
 * List<Object> tags = form.getAll("tag");           // every value, in order
 * FileField upload = form.getFile("upload");
 * }</pre>
 *
 * @param <V> the values' type
 */
public final class MultiDict<V> {
    private final List<Map.Entry<String, V>> entries;

    /**
     * The pairs of {@code entries}, in order (copied).
     *
     * @param entries the name-value pairs; no name or value may be null
     * @throws NullPointerException if {@code entries}, or a name or value in it, is null
     */
    public MultiDict(List<Map.Entry<String, V>> entries) {
        List<Map.Entry<String, V>> copy = new ArrayList<>(entries.size());
        for (Map.Entry<String, V> e : entries) {
            copy.add(Map.entry(e.getKey(), e.getValue()));
        }
        this.entries = Collections.unmodifiableList(copy);
    }

    /**
     * An empty one.
     *
     * @param <V> the values' type
     * @return a multidict with no pairs
     */
    public static <V> MultiDict<V> empty() {
        return new MultiDict<>(List.of());
    }

    /**
     * The first value of {@code name}, as multidict's {@code get(name)}. Names are case-sensitive.
     *
     * @param name the name; not null
     * @return the first value, or null if {@code name} does not occur
     * @throws NullPointerException if {@code name} is null
     */
    public V get(String name) {
        Objects.requireNonNull(name, "name");
        for (Map.Entry<String, V> e : entries) {
            if (e.getKey().equals(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * Every value of {@code name}, as multidict's {@code getall(name, [])}.
     *
     * @param name the name; not null
     * @return the values in order; an unmodifiable list, empty if none
     * @throws NullPointerException if {@code name} is null
     */
    public List<V> getAll(String name) {
        Objects.requireNonNull(name, "name");
        List<V> out = new ArrayList<>(1);
        for (Map.Entry<String, V> e : entries) {
            if (e.getKey().equals(name)) {
                out.add(e.getValue());
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The first value of {@code name} if it is a string (a text form field).
     *
     * @param name the name; not null
     * @return the first value, or null if {@code name} does not occur or its first value is not a string
     * @throws NullPointerException if {@code name} is null
     */
    public String getString(String name) {
        return get(name) instanceof String s ? s : null;
    }

    /**
     * The first value of {@code name} if it is an uploaded file.
     *
     * @param name the name; not null
     * @return the first value, or null if {@code name} does not occur or its first value is not a {@link FileField}
     * @throws NullPointerException if {@code name} is null
     */
    public FileField getFile(String name) {
        return get(name) instanceof FileField f ? f : null;
    }

    /**
     * Whether {@code name} occurs.
     *
     * @param name the name; not null
     * @return true if at least one pair has that name
     * @throws NullPointerException if {@code name} is null
     */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /** {@return the distinct names, in order of first occurrence; an unmodifiable set} */
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, V> e : entries) {
            out.add(e.getKey());
        }
        return Collections.unmodifiableSet(out);
    }

    /** {@return every pair, in order; an unmodifiable list} */
    public List<Map.Entry<String, V>> entries() {
        return entries;
    }

    /** {@return the number of pairs} */
    public int size() {
        return entries.size();
    }

    /** {@return whether there are no pairs} */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public String toString() {
        return "<MultiDict" + entries + ">";
    }
}
