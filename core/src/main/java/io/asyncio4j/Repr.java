package io.asyncio4j;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/** Python-style {@code repr()} of values, for the CPython-shaped {@code toString()} of futures and tasks. */
final class Repr {
    private static final int MAX_STRING = 30;
    private static final int MAX_ITEMS = 6;

    private Repr() {
    }

    static String of(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
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
