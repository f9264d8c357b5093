package io.asyncio4j.http;

import io.asyncio4j.http.internal.HeadersAccess;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * HTTP header fields, aiohttp's {@code CIMultiDict}: names are case-insensitive (a lookup of {@code "content-type"}
 * finds {@code "Content-Type"}), a name may have several values, and the fields keep the order in which they were
 * added (a name keeps the case it was first given).
 *
 * <p>Every value added is checked: a name must be an RFC 9110 token and a value must not contain CR, LF or NUL,
 * so a header built from user input cannot split a response. A read-only view ({@link #readOnly()}, what
 * {@code Request.headers()} returns) throws {@link UnsupportedOperationException} on any change.
 *
 * <p>Not thread-safe; like every loop object, use it from the loop's thread (or one thread at a time).
 */
public final class Headers implements Iterable<Map.Entry<String, String>> {
    static {
        // the parsers (io.asyncio4j.http.internal) add fields they have validated without a second check
        HeadersAccess.install((h, name, value) -> h.addParsed(name, value));
    }

    private final ArrayList<String> names;
    private final ArrayList<String> values;
    private final boolean readOnly;

    /** Empty headers. */
    public Headers() {
        this(new ArrayList<>(8), new ArrayList<>(8), false);
    }

    private Headers(ArrayList<String> names, ArrayList<String> values, boolean readOnly) {
        this.names = names;
        this.values = values;
        this.readOnly = readOnly;
    }

    /**
     * Headers holding each {@code name, value} pair in turn: {@code Headers.of("Accept", "*&#47;*", "X-A", "1")}.
     *
     * @param nameValuePairs names at even indexes, each followed by its value; each name a token, no value null or
     *        holding CR, LF or NUL
     * @return new writable headers with the fields in the given order
     * @throws IllegalArgumentException if the count is odd, or a name or value is invalid
     * @throws NullPointerException if a name or value is null
     */
    public static Headers of(String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("Headers.of needs name, value pairs; got an odd count "
                    + nameValuePairs.length);
        }
        Headers h = new Headers();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            h.add(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return h;
    }

    /**
     * Adds a field, after those already there (the name may repeat).
     *
     * @param name  the field name, an RFC 9110 token
     * @param value the value, without CR, LF or NUL
     * @return this
     * @throws IllegalArgumentException if {@code name} is empty or not a token, or {@code value} holds CR, LF or NUL
     * @throws NullPointerException if {@code name} or {@code value} is null
     * @throws UnsupportedOperationException if these headers are read-only
     */
    public Headers add(String name, String value) {
        checkWritable();
        checkName(name);
        checkValue(name, value);
        names.add(name);
        values.add(value);
        return this;
    }

    /** Adds a field the request parser has already validated (no second check per character). */
    void addParsed(String name, String value) {
        names.add(name);
        values.add(value);
    }

    /**
     * Replaces every field named {@code name} by one with {@code value} (where the first was, else at the end).
     *
     * @param name  the field name, an RFC 9110 token, matched case-insensitively
     * @param value the value, without CR, LF or NUL
     * @return this
     * @throws IllegalArgumentException if {@code name} is empty or not a token, or {@code value} holds CR, LF or NUL
     * @throws NullPointerException if {@code name} or {@code value} is null
     * @throws UnsupportedOperationException if these headers are read-only
     */
    public Headers set(String name, String value) {
        checkWritable();
        checkName(name);
        checkValue(name, value);
        int first = indexOf(name, 0);
        if (first < 0) {
            names.add(name);
            values.add(value);
            return this;
        }
        values.set(first, value);
        for (int i = names.size() - 1; i > first; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
            }
        }
        return this;
    }

    /**
     * Adds {@code name} with {@code value} only if it has no field yet, as {@code MultiDict.setdefault}.
     *
     * @param name  the field name, an RFC 9110 token, matched case-insensitively
     * @param value the value, without CR, LF or NUL
     * @return this
     * @throws IllegalArgumentException if the field is added and {@code name} or {@code value} is invalid
     * @throws UnsupportedOperationException if the field is added and these headers are read-only
     */
    public Headers setDefault(String name, String value) {
        if (!contains(name)) {
            add(name, value);
        }
        return this;
    }

    /**
     * Removes every field named {@code name}.
     *
     * @param name the field name, matched case-insensitively
     * @return whether there was one
     * @throws UnsupportedOperationException if these headers are read-only
     */
    public boolean remove(String name) {
        checkWritable();
        boolean removed = false;
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
                removed = true;
            }
        }
        return removed;
    }

    /**
     * The first value of {@code name}.
     *
     * @param name the field name, matched case-insensitively
     * @return the first value, or null if there is no such field
     */
    public String get(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : values.get(i);
    }

    /**
     * The first value of {@code name}, or {@code dflt}.
     *
     * @param name the field name, matched case-insensitively
     * @param dflt what to return if there is no such field; may be null
     * @return the first value, or {@code dflt}
     */
    public String getOrDefault(String name, String dflt) {
        String v = get(name);
        return v == null ? dflt : v;
    }

    /**
     * Every value of {@code name}, in order, as aiohttp's {@code getall} (which raises where this returns empty).
     *
     * @param name the field name, matched case-insensitively
     * @return the values in the order added; an unmodifiable list, empty if there is none
     */
    public List<String> getAll(String name) {
        List<String> out = null;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(values.get(i));
            }
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    /**
     * Whether there is a field named {@code name}.
     *
     * @param name the field name, matched case-insensitively
     * @return true if at least one field has that name
     */
    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    /** {@return the number of fields (a name with two values counts twice)} */
    public int size() {
        return names.size();
    }

    /** {@return whether there are no fields} */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** {@return the distinct names, in first-seen order and case; an unmodifiable snapshot} */
    public Set<String> names() {
        Set<String> seen = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            if (seen.add(n)) {
                out.add(n);
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * Calls {@code action} with each field in order.
     *
     * @param action called with each name and value; it must not change these headers
     */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < names.size(); i++) {
            action.accept(names.get(i), values.get(i));
        }
    }

    /** The fields in order, as immutable entries. */
    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < names.size();
            }

            @Override
            public Map.Entry<String, String> next() {
                if (i >= names.size()) {
                    throw new java.util.NoSuchElementException();
                }
                Map.Entry<String, String> e = Map.entry(names.get(i), values.get(i));
                i++;
                return e;
            }
        };
    }

    /** {@return a writable copy, independent of these headers (also of a read-only view)} */
    public Headers copy() {
        return new Headers(new ArrayList<>(names), new ArrayList<>(values), false);
    }

    /**
     * {@return a read-only view of these headers: changes to this object show through it, and changing the view throws
     * {@link UnsupportedOperationException}; this object if it is already read-only}
     */
    public Headers readOnly() {
        return readOnly ? this : new Headers(names, values, true);
    }

    /** {@return whether this is a read-only view} */
    public boolean isReadOnly() {
        return readOnly;
    }

    private int indexOf(String name, int from) {
        for (int i = from; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private void checkWritable() {
        if (readOnly) {
            throw new UnsupportedOperationException("these headers are read-only");
        }
    }

    /**
     * Whether {@code c} may appear in an RFC 9110 token (a field name, a method).
     *
     * @param c a character or code point
     * @return true for a visible US-ASCII character other than a delimiter ({@code "(),/:;<=>?@[\]{}} and DQUOTE)
     */
    public static boolean isTokenChar(int c) {
        if (c <= 32 || c >= 127) {
            return false;
        }
        return "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "header name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("header name " + quote(name) + " has a character not allowed"
                        + " in a token at index " + i);
            }
        }
    }

    private static void checkValue(String name, String value) {
        Objects.requireNonNull(value, () -> "header " + name + ": value is null");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header " + name + ": value has CR, LF or NUL at index " + i
                        + ": " + quote(value));
            }
        }
    }

    private static String quote(String s) {
        return '"' + s.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + '"';
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Headers h) || h.size() != size()) {
            return false;
        }
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equalsIgnoreCase(h.names.get(i)) || !values.get(i).equals(h.values.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < names.size(); i++) {
            h = 31 * h + names.get(i).toLowerCase(java.util.Locale.ROOT).hashCode();
            h = 31 * h + values.get(i).hashCode();
        }
        return h;
    }

    /** {@code <Headers(Name: value, ...)>}, as aiohttp's repr. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Headers(");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names.get(i)).append(": ").append(values.get(i));
        }
        return sb.append(")>").toString();
    }
}
