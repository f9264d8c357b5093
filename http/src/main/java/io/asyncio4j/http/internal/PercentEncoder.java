package io.asyncio4j.http.internal;

import java.nio.charset.StandardCharsets;

/**
 * The one percent-encoder (RFC 3986 section 2.1: a byte of the string's UTF-8 as {@code %XX}, upper-case hex),
 * with one method per place a string goes, each keeping what yarl, aiohttp or Python keep there:
 * <ul>
 *   <li>{@link #path}: a URL path, as yarl's path quoter: RFC 3986 {@code pchar}s (unreserved, sub-delims,
 *       {@code :} and {@code @}) and {@code /} stay;</li>
 *   <li>{@link #pathSegment}: one segment of a path (a route variable's value in {@code url_for}): as
 *       {@link #path} but {@code /} is encoded too;</li>
 *   <li>{@link #query}: a name or value of a URL's query, as yarl's {@code with_query}/{@code update_query}:
 *       unreserved, {@code !$'()*,} and {@code /?:@} stay, a space becomes {@code +}, and {@code + & = ;} are
 *       encoded;</li>
 *   <li>{@link #form}: a name or value of an {@code application/x-www-form-urlencoded} body, as Python's
 *       {@code urlencode} ({@code quote_plus(s, safe='')}): only unreserved characters stay, a space becomes
 *       {@code +};</li>
 *   <li>{@link #component}: Python's {@code quote(s, safe='')} (RFC 5987 values, file names in a multipart
 *       head): only unreserved characters stay, a space is {@code %20}.</li>
 * </ul>
 * Stateless and thread-safe. Decoding is {@link Urls}'s.
 */
public final class PercentEncoder {
    /** Which bytes stay as they are, per variant: bit i of the long pair is byte i (ASCII only). */
    private static final long[] PATH = allowed("!$&'()*+,;=:@/");
    private static final long[] SEGMENT = allowed("!$&'()*+,;=:@");
    private static final long[] QUERY = allowed("!$'()*,/?:@");
    private static final long[] UNRESERVED = allowed("");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoder() {
    }

    /**
     * A URL path: {@code /} and the other {@code pchar}s stay.
     *
     * @param s the decoded path
     * @return the encoded path
     */
    public static String path(String s) {
        return encode(new StringBuilder(s.length() + 8), s, PATH, false).toString();
    }

    /**
     * Appends {@code s} encoded as a URL path ({@link #path}).
     *
     * @param sb where to append
     * @param s  the decoded path
     * @return {@code sb}
     */
    public static StringBuilder appendPath(StringBuilder sb, String s) {
        return encode(sb, s, PATH, false);
    }

    /**
     * One path segment: as {@link #path}, but {@code /} is encoded.
     *
     * @param s the decoded segment
     * @return the encoded segment
     */
    public static String pathSegment(String s) {
        return encode(new StringBuilder(s.length() + 8), s, SEGMENT, false).toString();
    }

    /**
     * Appends {@code s} encoded as one path segment ({@link #pathSegment}).
     *
     * @param sb where to append
     * @param s  the decoded segment
     * @return {@code sb}
     */
    public static StringBuilder appendPathSegment(StringBuilder sb, String s) {
        return encode(sb, s, SEGMENT, false);
    }

    /**
     * A query name or value, as yarl encodes it.
     *
     * @param s the decoded name or value
     * @return the encoded name or value
     */
    public static String query(String s) {
        return encode(new StringBuilder(s.length() + 8), s, QUERY, true).toString();
    }

    /**
     * Appends {@code s} encoded as a query name or value ({@link #query}).
     *
     * @param sb where to append
     * @param s  the decoded name or value
     * @return {@code sb}
     */
    public static StringBuilder appendQuery(StringBuilder sb, String s) {
        return encode(sb, s, QUERY, true);
    }

    /**
     * A name or value of a urlencoded form, as Python's {@code urlencode}.
     *
     * @param s the decoded name or value
     * @return the encoded name or value
     */
    public static String form(String s) {
        return encode(new StringBuilder(s.length() + 8), s, UNRESERVED, true).toString();
    }

    /**
     * Python's {@code quote(s, safe='')}: only unreserved characters stay.
     *
     * @param s the string
     * @return the encoded string
     */
    public static String component(String s) {
        return encode(new StringBuilder(s.length() + 8), s, UNRESERVED, false).toString();
    }

    private static StringBuilder encode(StringBuilder sb, String s, long[] allowed, boolean spaceIsPlus) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 128 && (allowed[c >> 6] & (1L << (c & 63))) != 0) {
                sb.append((char) c);
            } else if (c == ' ' && spaceIsPlus) {
                sb.append('+');
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return sb;
    }

    /** The set of unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) and {@code extra}, as a bit set. */
    private static long[] allowed(String extra) {
        long[] set = new long[2];
        String all = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~" + extra;
        for (int i = 0; i < all.length(); i++) {
            char c = all.charAt(i);
            set[c >> 6] |= 1L << (c & 63);
        }
        return set;
    }
}
