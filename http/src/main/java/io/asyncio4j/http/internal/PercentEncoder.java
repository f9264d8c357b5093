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
 * and one per part of a URL the client is given as text, each as yarl 1.8.2's {@code URL(str)} requotes it
 * ({@code _PATH_REQUOTER}, {@code _QUERY_REQUOTER}, {@code _FRAGMENT_REQUOTER}, {@code _REQUOTER}): a character
 * the part cannot hold as it is (a space, {@code |}, {@code "}, a non-ASCII letter...) is encoded, an escape that
 * is already there is kept in upper case, or decoded if it stands for a character the part holds as it is
 * ({@code %7e} becomes {@code ~}), except the part's protected delimiters ({@code %2F} stays in a path,
 * {@code %26} in a query); a {@code %} that starts no escape becomes {@code %25}:
 * <ul>
 *   <li>{@link #requotePath}: {@code pchar}s and {@code /} stay; {@code %2F} and {@code %2B} are protected;</li>
 *   <li>{@link #requoteQuery}: as a path plus {@code ?}; a space becomes {@code +}; {@code %3D %2B %26 %3B}
 *       are protected;</li>
 *   <li>{@link #requoteFragment}: as a path plus {@code ?};</li>
 *   <li>{@link #requoteUserInfo}: a user name or password: unreserved, {@code !$'()*,} and {@code +&=;}.</li>
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
    /** yarl's safe sets: its {@code ALLOWED} (unreserved and {@code !$'()*,}) and the part's extras. */
    private static final long[] REQUOTE_PATH = allowed("!$'()*,+&=;@:/");
    private static final long[] REQUOTE_QUERY = allowed("!$'()*,?/:@=+&;");
    private static final long[] REQUOTE_FRAGMENT = allowed("!$'()*,+&=;?/:@");
    private static final long[] REQUOTE_USER_INFO = allowed("!$'()*,+&=;");
    /** What an escape keeps encoded even where the character itself would stay. */
    private static final long[] PROTECTED_PATH = set("/+");
    private static final long[] PROTECTED_QUERY = set("=+&;");
    private static final long[] PROTECTED_NONE = set("");

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

    /**
     * A URL's path as yarl's {@code URL(str)} requotes it (see the class comment).
     *
     * @param s the path as given, escapes and all
     * @return the path, every character one a URL holds as it is
     */
    public static String requotePath(String s) {
        return requote(s, REQUOTE_PATH, PROTECTED_PATH, false);
    }

    /**
     * A URL's query string (after {@code ?}) as yarl's {@code URL(str)} requotes it: a space becomes {@code +}.
     *
     * @param s the query as given
     * @return the query, every character one a URL holds as it is
     */
    public static String requoteQuery(String s) {
        return requote(s, REQUOTE_QUERY, PROTECTED_QUERY, true);
    }

    /**
     * A URL's fragment (after {@code #}) as yarl's {@code URL(str)} requotes it.
     *
     * @param s the fragment as given
     * @return the fragment, every character one a URL holds as it is
     */
    public static String requoteFragment(String s) {
        return requote(s, REQUOTE_FRAGMENT, PROTECTED_NONE, false);
    }

    /**
     * A user name or password of a URL as yarl's {@code URL(str)} requotes it.
     *
     * @param s the user name or password as given
     * @return it, every character one a URL's user information holds as it is
     */
    public static String requoteUserInfo(String s) {
        return requote(s, REQUOTE_USER_INFO, PROTECTED_NONE, false);
    }

    /** yarl's {@code _Quoter(requote=True)}, over the string's UTF-8 (a lone surrogate is dropped, as yarl drops it). */
    private static String requote(String s, long[] safe, long[] protect, boolean spaceIsPlus) {
        byte[] b = utf8DroppingLoneSurrogates(s);
        StringBuilder sb = new StringBuilder(b.length + 8);
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (c == '%') {
                int hi = i + 2 < b.length ? Character.digit(b[i + 1], 16) : -1;
                int lo = hi >= 0 ? Character.digit(b[i + 2], 16) : -1;
                if (lo < 0) {
                    sb.append("%25");
                    continue;
                }
                int d = hi * 16 + lo;
                if (in(safe, d) && !in(protect, d)) {
                    sb.append((char) d);
                } else {
                    sb.append('%').append(HEX[hi]).append(HEX[lo]);
                }
                i += 2;
            } else if (c == ' ' && spaceIsPlus) {
                sb.append('+');
            } else if (in(safe, c)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return sb.toString();
    }

    private static byte[] utf8DroppingLoneSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1)))) {
                StringBuilder kept = new StringBuilder(s.length());
                s.codePoints().filter(cp -> !(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE))
                        .forEach(kept::appendCodePoint);
                return kept.toString().getBytes(StandardCharsets.UTF_8);
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean in(long[] set, int c) {
        return c < 128 && (set[c >> 6] & (1L << (c & 63))) != 0;
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
        return set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~" + extra);
    }

    /** The characters of {@code all} (ASCII), as a bit set. */
    private static long[] set(String all) {
        long[] set = new long[2];
        for (int i = 0; i < all.length(); i++) {
            char c = all.charAt(i);
            set[c >> 6] |= 1L << (c & 63);
        }
        return set;
    }
}
