package io.asyncio4j.http.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Percent-decoding of paths and queries (lenient, as yarl: a malformed escape stays as it is). */
public final class Urls {
    private Urls() {
    }

    /** The path of a request target: origin-form up to '?', the path of an absolute-form, or the target itself. */
    public static String rawPathOf(String target) {
        int q = target.indexOf('?');
        String p = q < 0 ? target : target.substring(0, q);
        if (!p.startsWith("/")) {
            int scheme = p.indexOf("://");
            if (scheme > 0) {
                int slash = p.indexOf('/', scheme + 3);
                return slash < 0 ? "/" : p.substring(slash);
            }
        }
        return p;
    }

    /** The query string of a request target (after '?', before any '#'), or "". */
    public static String rawQueryOf(String target) {
        int q = target.indexOf('?');
        if (q < 0) {
            return "";
        }
        int h = target.indexOf('#', q);
        return h < 0 ? target.substring(q + 1) : target.substring(q + 1, h);
    }

    /** Fully decoded ({@code +} stays a plus). */
    public static String decodePath(String raw) {
        return decode(raw, false, false);
    }

    /** Decoded but for {@code %2F} and {@code %25}, which stay encoded (upper case): the string routes match. */
    public static String decodeForRouting(String raw) {
        return decode(raw, false, true);
    }

    /** A literal part of a route path as {@link #decodeForRouting} presents it: '%' becomes {@code %25}. */
    public static String encodeForRouting(String literal) {
        return literal.replace("%", "%25");
    }

    /** A matched value of {@link #decodeForRouting}'s string, fully decoded. */
    public static String decodeRoutingValue(String v) {
        return v.indexOf('%') < 0 ? v : v.replace("%2F", "/").replace("%25", "%");
    }

    /** Parses {@code a=1&b=2&a=3} into names and their values in order ({@code +} is a space). */
    public static Map<String, List<String>> parseQuery(String qs) {
        if (qs.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String part : qs.split("[&;]")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = decode(eq < 0 ? part : part.substring(0, eq), true, false);
            String v = eq < 0 ? "" : decode(part.substring(eq + 1), true, false);
            out.computeIfAbsent(k, x -> new ArrayList<>(1)).add(v);
        }
        out.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(out);
    }

    private static String decode(String s, boolean plusIsSpace, boolean keepSlashAndPercent) {
        if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                int b = hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2));
                if (keepSlashAndPercent && (b == '/' || b == '%')) {
                    out.writeBytes((b == '/' ? "%2F" : "%25").getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(b);
                }
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else if (c == '%' && keepSlashAndPercent) {
                out.writeBytes("%25".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
