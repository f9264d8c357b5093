package io.asyncio4j;

/**
 * The immutable mapping behind a {@link Context}: {@link ContextVar} to value, keys compared by identity.
 *
 * <p><b>Why a copy-on-write array and not CPython's HAMT.</b> A context holds the variables set in it, which in
 * practice are a handful (a request id, a user, a deadline). For that size a flat array of key/value pairs wins on
 * every operation that matters: a lookup is a linear scan of a few identity comparisons over one cache line, a
 * {@code set} copies a few references, and a copy of the whole context ({@code copyContext}, every task and
 * callback) shares the array and costs nothing. A HAMT's {@code O(log n)} set and lookup only pay off past hundreds
 * of variables per context, which asyncio programs do not reach; its node allocations and bitmap arithmetic would
 * cost more on every read below that.
 *
 * <p>Instances are immutable and safely published (final fields): any thread may read one it was handed.
 */
final class ContextMap {
    static final ContextMap EMPTY = new ContextMap(new Object[0]);

    /** Keys at even indexes, their values at the following odd ones; never modified once built. */
    private final Object[] entries;

    private ContextMap(Object[] entries) {
        this.entries = entries;
    }

    int size() {
        return entries.length >> 1;
    }

    /** The index of {@code var}'s value, or -1. */
    private int indexOf(ContextVar<?> var) {
        Object[] e = entries;
        for (int i = 0; i < e.length; i += 2) {
            if (e[i] == var) {
                return i + 1;
            }
        }
        return -1;
    }

    boolean containsKey(ContextVar<?> var) {
        return indexOf(var) >= 0;
    }

    /** The value of {@code var}, or {@code missing} if it is not in this map. */
    Object get(ContextVar<?> var, Object missing) {
        int i = indexOf(var);
        return i < 0 ? missing : entries[i];
    }

    /** This map with {@code var} bound to {@code value}. */
    ContextMap with(ContextVar<?> var, Object value) {
        int i = indexOf(var);
        Object[] e;
        if (i >= 0) {
            if (entries[i] == value) {
                return this;
            }
            e = entries.clone();
            e[i] = value;
        } else {
            e = java.util.Arrays.copyOf(entries, entries.length + 2);
            e[entries.length] = var;
            e[entries.length + 1] = value;
        }
        return new ContextMap(e);
    }

    /** This map without {@code var}. */
    ContextMap without(ContextVar<?> var) {
        int i = indexOf(var);
        if (i < 0) {
            return this;
        }
        if (entries.length == 2) {
            return EMPTY;
        }
        Object[] e = new Object[entries.length - 2];
        System.arraycopy(entries, 0, e, 0, i - 1);
        System.arraycopy(entries, i + 1, e, i - 1, entries.length - i - 1);
        return new ContextMap(e);
    }
}
