package io.asyncio4j;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Python-style {@code repr()} of values, for the CPython-shaped {@code toString()} of futures, tasks and timeouts.
 * Public for its float formatting only ({@link #ofFloat}, {@link #round}), which programs that print what a Python
 * twin prints need too; the rest is internal.
 */
public final class Repr {
    private static final int MAX_STRING = 30;
    private static final int MAX_ITEMS = 6;

    private Repr() {
    }

    /**
     * Python's {@code repr()} in full, as CPython's default exception handler writes a context's values: strings
     * quoted but not shortened; anything else as {@link #of}.
     */
    static String full(Object v) {
        return v instanceof CharSequence s ? quote(s.toString()) : of(v);
    }

    static String of(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double || v instanceof Float) {
            return ofFloat(((Number) v).doubleValue());
        }
        if (v instanceof CharSequence s) {
            return truncate(quote(s.toString()));
        }
        if (v instanceof Throwable t) {
            String msg = t.getMessage();
            return t.getClass().getSimpleName() + "(" + (msg == null ? "" : quote(msg)) + ")";
        }
        if (v instanceof Collection<?> c) {
            return items(c.iterator(), "[", "]");
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            int n = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (n > 0) {
                    sb.append(", ");
                }
                if (n++ == MAX_ITEMS) {
                    sb.append("...");
                    break;
                }
                sb.append(of(e.getKey())).append(": ").append(of(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return String.valueOf(v);
    }

    /**
     * Python's {@code repr(float)} (and {@code str}): the shortest digits that read back, positional from 1e-4 up
     * to 1e16, else in exponent form: {@code 1.0}, {@code 0.1}, {@code 1e+16}, {@code 1.5e-05}, {@code inf},
     * {@code nan}.
     *
     * @param d the value
     * @return the text Python would print for it
     */
    public static String ofFloat(double d) {
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

    /**
     * Python's {@code round(x, ndigits)} of a float: the exact binary value rounded to {@code ndigits} decimals,
     * ties to even, then the nearest double; NaN and infinities as they are, the sign of a zero kept.
     *
     * @param x the value
     * @param ndigits the number of decimals to keep; negative rounds to tens, hundreds, ...
     * @return the rounded value
     */
    public static double round(double x, int ndigits) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double r = new BigDecimal(x).setScale(ndigits, RoundingMode.HALF_EVEN).doubleValue();
        return r == 0 ? Math.copySign(0.0, x) : r;
    }

    /** How a callback is shown in handles and error messages. */
    static String callback(Object cb) {
        return String.valueOf(cb);
    }

    private static String items(Iterator<?> it, String open, String close) {
        StringBuilder sb = new StringBuilder(open);
        int n = 0;
        while (it.hasNext()) {
            if (n > 0) {
                sb.append(", ");
            }
            if (n++ == MAX_ITEMS) {
                sb.append("...");
                break;
            }
            sb.append(of(it.next()));
        }
        return sb.append(close).toString();
    }

    /** Python's quoting: single quotes unless the text has one and no double quote. */
    static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == q) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.append(q).toString();
    }

    /** reprlib's rule for long strings: keep the head and the tail around "...". */
    private static String truncate(String s) {
        if (s.length() <= MAX_STRING) {
            return s;
        }
        int i = (MAX_STRING - 3) / 2;
        int j = MAX_STRING - 3 - i;
        return s.substring(0, i) + "..." + s.substring(s.length() - j);
    }
}
