package io.asyncio4j.examples;

import io.asyncio4j.Done;
import io.asyncio4j.Repr;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.Headers;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Python's {@code print}, {@code str()} and {@code repr()} of Java values, so the twins print the seeds' lines:
 * {@code {'data': 1}}, {@code [2, 6, 24]}, {@code None}, {@code 5.0}, {@code set()}, {@code b'abc\n'}. Futures and
 * tasks print as their own {@code toString()}, which already has CPython's shape; a {@link ClientResponse} prints
 * as aiohttp's does, with its headers.
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
     * {@link Done} as tuples, {@code byte[]} as {@code bytes}, a {@link ClientResponse} as aiohttp's two lines
     * ({@code <ClientResponse(url) [200 OK]>} and its headers as a {@code <CIMultiDictProxy(...)>}, each ended by a
     * newline).
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
            case byte[] b -> bytes(b);
            case ClientResponse r -> "<ClientResponse(" + r.url() + ") [" + r.status() + " " + r.reason() + "]>\n"
                    + repr(r.headers()) + "\n";
            case Headers h -> {
                StringJoiner j = new StringJoiner(", ", "<CIMultiDictProxy(", ")>");
                h.forEach((k, x) -> j.add(repr(k) + ": " + repr(x)));
                yield j.toString();
            }
            case Object[] a -> tuple(a);
            default -> String.valueOf(v);
        };
    }

    /** Python's {@code format(x, '.N')} (an f-string's {@code {x:.N}}): N significant digits, as Python lays them out. */
    public static String format(double x, int significant) {
        if (significant < 1) {
            throw new IllegalArgumentException("format: at least one significant digit, not " + significant);
        }
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return floatRepr(x);
        }
        String sign = Math.copySign(1, x) < 0 ? "-" : "";
        BigDecimal b = new BigDecimal(Math.abs(x)).round(new MathContext(significant, RoundingMode.HALF_EVEN));
        int exp = b.signum() == 0 ? 0 : b.precision() - b.scale() - 1;
        // Python's '' type: fixed-point only while it keeps a digit after the point within the precision.
        if (exp < -4 || exp >= Math.max(1, significant - 1)) {
            String digits = b.unscaledValue().toString().replaceAll("0+$", "");
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        String s = b.stripTrailingZeros().toPlainString();
        return sign + (s.contains(".") ? s : s + ".0");
    }

    /** Python's {@code repr(bytes)}: {@code b'...'}, printable ASCII as it is, the rest escaped. */
    static String bytes(byte[] data) {
        boolean single = false;
        boolean dbl = false;
        for (byte c : data) {
            single |= c == '\'';
            dbl |= c == '"';
        }
        char q = single && !dbl ? '"' : '\'';
        StringBuilder sb = new StringBuilder(data.length + 3).append('b').append(q);
        for (byte c : data) {
            int u = c & 0xff;
            switch (u) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (u == q) {
                        sb.append('\\').append((char) u);
                    } else if (u < 0x20 || u >= 0x7f) {
                        sb.append(String.format("\\x%02x", u));
                    } else {
                        sb.append((char) u);
                    }
                }
            }
        }
        return sb.append(q).toString();
    }

    /** Python's {@code repr} of the tuple {@code (items...)}. */
    public static String tuple(Object... items) {
        return items.length == 1 ? "(" + repr(items[0]) + ",)" : items(List.of(items).iterator(), "(", ")");
    }

    /** Python's {@code repr(float)}. */
    static String floatRepr(double d) {
        return Repr.ofFloat(d);
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
