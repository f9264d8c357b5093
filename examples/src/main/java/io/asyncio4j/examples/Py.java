package io.asyncio4j.examples;

import io.asyncio4j.Done;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Python's {@code print}, {@code str()} and {@code repr()} of Java values, so the twins print the seeds' lines:
 * {@code {'data': 1}}, {@code [2, 6, 24]}, {@code None}, {@code 5.0}, {@code set()}. Futures and tasks print as
 * their own {@code toString()}, which already has CPython's shape.
 */
public final class Py {
    private Py() {
    }

    /** Python's {@code print(*args)}: the {@link #str} of each, separated by spaces. */
    public static void print(PrintStream out, Object... args) {
        StringJoiner line = new StringJoiner(" ");
        for (Object a : args) {
            line.add(str(a));
        }
        out.println(line);
    }

    /** Python's {@code str(v)}: strings as they are, the rest as {@link #repr}. */
    public static String str(Object v) {
        return v instanceof CharSequence s ? s.toString() : repr(v);
    }

    /**
     * Python's {@code repr(v)}: {@code None}, {@code True}/{@code False}, quoted strings, floats as Python writes
     * them, lists as {@code [...]}, sets as {@code {...}} or {@code set()}, maps as {@code {k: v}}, arrays and
     * {@link Done} as tuples.
     */
    public static String repr(Object v) {
        return switch (v) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case CharSequence s -> quote(s.toString());
            case Double d -> floatRepr(d);
            case Float f -> floatRepr(f);
            case Set<?> s -> s.isEmpty() ? "set()" : items(s.iterator(), "{", "}");
            case Collection<?> c -> items(c.iterator(), "[", "]");
            case Map<?, ?> m -> {
                StringJoiner j = new StringJoiner(", ", "{", "}");
                m.forEach((k, x) -> j.add(repr(k) + ": " + repr(x)));
                yield j.toString();
            }
            case Done<?> d -> tuple(d.done(), d.pending());
            case Object[] a -> tuple(a);
            default -> String.valueOf(v);
        };
    }

    /** Python's {@code repr} of the tuple {@code (items...)}. */
    public static String tuple(Object... items) {
        return items.length == 1 ? "(" + repr(items[0]) + ",)" : items(List.of(items).iterator(), "(", ")");
    }

    /** Python's {@code repr(float)}: the shortest digits that read back, positional from 1e-4 up to 1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String sign = Math.copySign(1, d) < 0 ? "-" : "";
        // Double.toString gives the shortest digits that read back (JDK 19+); only the layout differs.
        BigDecimal b = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = b.unscaledValue().toString();
        int exp = digits.length() - 1 - b.scale();
        if (b.signum() == 0 || (exp >= -4 && exp < 16)) {
            String s = b.toPlainString();
            return sign + (s.contains(".") ? s : s + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    private static String items(Iterator<?> it, String open, String close) {
        StringJoiner j = new StringJoiner(", ", open, close);
        it.forEachRemaining(x -> j.add(repr(x)));
        return j.toString();
    }

    /** Python's quoting: single quotes unless the text has one and no double quote. */
    private static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(q);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c == q ? "\\" + c : String.valueOf(c));
            }
        }
        return sb.append(q).toString();
    }
}
