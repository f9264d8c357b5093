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

    /** The pairs of {@code entries}, in order (copied). */
    public MultiDict(List<Map.Entry<String, V>> entries) {
        List<Map.Entry<String, V>> copy = new ArrayList<>(entries.size());
        for (Map.Entry<String, V> e : entries) {
            copy.add(Map.entry(e.getKey(), e.getValue()));
        }
        this.entries = Collections.unmodifiableList(copy);
    }

    /** An empty one. */
    public static <V> MultiDict<V> empty() {
        return new MultiDict<>(List.of());
    }

    /** The first value of {@code name}, or null. */
    public V get(String name) {
        Objects.requireNonNull(name, "name");
        for (Map.Entry<String, V> e : entries) {
            if (e.getKey().equals(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Every value of {@code name}, in order (empty if none). */
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

    /** The first value of {@code name} if it is a string, else null. */
    public String getString(String name) {
        return get(name) instanceof String s ? s : null;
    }

    /** The first value of {@code name} if it is an uploaded file, else null. */
    public FileField getFile(String name) {
        return get(name) instanceof FileField f ? f : null;
    }

    /** Whether {@code name} occurs. */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /** The distinct names, in order of first occurrence. */
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, V> e : entries) {
            out.add(e.getKey());
        }
        return Collections.unmodifiableSet(out);
    }

    /** Every pair, in order (unmodifiable). */
    public List<Map.Entry<String, V>> entries() {
        return entries;
    }

    /** The number of pairs. */
    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public String toString() {
        return "<MultiDict" + entries + ">";
    }
}
