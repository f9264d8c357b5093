package io.asyncio4j;

import java.util.Collection;
import java.util.stream.Collectors;

/** Test helper: Python's {@code repr()}/{@code str()} of Java values, to compare logs with CPython's output. */
public final class Py {
    private Py() {
    }

    /** Python's {@code repr(v)}. */
    public static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof CharSequence s) {
            return quote(s.toString());
        }
        if (v instanceof Throwable t) {
            return t.getClass().getSimpleName() + (t.getMessage() == null ? "()" : "(" + quote(t.getMessage()) + ")");
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(Py::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(v);
    }

    /** Python's {@code str(v)}: strings as they are, the rest as {@link #repr}. */
    public static String str(Object v) {
        return v instanceof CharSequence s ? s.toString() : repr(v);
    }

    /** Python's {@code exc.args} for an exception built with at most one message argument. */
    public static String args(Throwable t) {
        return t.getMessage() == null ? "()" : "(" + quote(t.getMessage()) + ",)";
    }

    /** Python's {@code round(x, 1)} for the non-negative, non-tie values the tests use. */
    public static String round1(double x) {
        return String.valueOf(Math.round(x * 10) / 10.0);
    }

    private static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        return q + s + q;
    }
}
