package io.asyncio4j.http.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A URL given as text, made the URL aiohttp requests: what yarl 1.8.2's {@code URL(str)} does to it, after
 * Python 3.11's {@code urlsplit}. Leading spaces and control characters are dropped, tabs and line breaks
 * removed wherever they are; the scheme and the host are lower-cased, a non-ASCII host encoded by {@link Idna}
 * ({@code bücher.example} is {@code xn--bcher-kva.example}); the path, query, fragment and user information are
 * requoted by {@link PercentEncoder} ({@code /a b|c?q=x y} is {@code /a%20b%7Cc?q=x+y}); {@code .} and {@code ..}
 * segments of an absolute URL's path are resolved; an empty query or fragment ({@code ?} or {@code #} alone) and
 * port 0 are left out. The result has only characters {@link URI} takes as they are, so {@code URI} parses it
 * without a change. Stateless and thread-safe.
 */
public final class UrlRequoter {
    private UrlRequoter() {
    }

    /**
     * {@code text} as yarl's {@code URL(text)} has it, as a {@link URI}: absolute or relative.
     *
     * @param text a URL as a user writes it
     * @return the URL
     * @throws URISyntaxException if it is no URL even so: a bracket without its pair, a port that is not a number
     *                            from 0 to 65535, an absolute URL without a host, a host with a character no host
     *                            name has, a label IDNA cannot encode
     */
    public static URI parse(String text) throws URISyntaxException {
        String s = clean(text);
        String scheme = null;
        int colon = s.indexOf(':');
        if (colon > 0 && isAsciiLetter(s.charAt(0)) && s.substring(0, colon).chars().allMatch(c -> c < 128
                && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.'))) {
            scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
            s = s.substring(colon + 1);
        }
        String netloc = null;
        if (s.startsWith("//")) {
            int end = s.length();
            for (char d : new char[] {'/', '?', '#'}) {
                int at = s.indexOf(d, 2);
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
            netloc = s.substring(2, end);
            s = s.substring(end);
            if (netloc.contains("[") != netloc.contains("]")) {
                throw new URISyntaxException(text, "Invalid IPv6 URL");
            }
        }
        String fragment = null;
        int hash = s.indexOf('#');
        if (hash >= 0) {
            fragment = s.substring(hash + 1);
            s = s.substring(0, hash);
        }
        String query = null;
        int qm = s.indexOf('?');
        if (qm >= 0) {
            query = s.substring(qm + 1);
            s = s.substring(0, qm);
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        if (scheme != null) {
            out.append(scheme).append(':');
        }
        String path = PercentEncoder.requotePath(s);
        if (netloc != null) {
            out.append("//");
            if (!netloc.isEmpty()) {
                authority(out, netloc, text);
                path = removeDotSegments(path);
            }
            if (path.isEmpty() && !netloc.isEmpty() && (query != null && !query.isEmpty()
                    || fragment != null && !fragment.isEmpty())) {
                path = "/"; // as yarl's str(): http://ex.com?q=1 is http://ex.com/?q=1
            }
        }
        out.append(path);
        if (query != null && !query.isEmpty()) {
            out.append('?').append(PercentEncoder.requoteQuery(query));
        }
        if (fragment != null && !fragment.isEmpty()) {
            out.append('#').append(PercentEncoder.requoteFragment(fragment));
        }
        return new URI(out.toString());
    }

    /** urlsplit's clean-up: leading C0 controls and spaces dropped, tabs, CRs and LFs removed. */
    private static String clean(String text) {
        int start = 0;
        while (start < text.length() && text.charAt(start) <= ' ') {
            start++;
        }
        String s = text.substring(start);
        if (s.indexOf('\t') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            s = s.replace("\t", "").replace("\r", "").replace("\n", "");
        }
        return s;
    }

    private static boolean isAsciiLetter(char c) {
        return c < 128 && Character.isLetter(c);
    }

    /** User information, host and port, as yarl's {@code _make_netloc} writes them. */
    private static void authority(StringBuilder out, String netloc, String text) throws URISyntaxException {
        int at = netloc.lastIndexOf('@');
        String hostinfo = netloc.substring(at + 1);
        if (at >= 0) {
            String userinfo = netloc.substring(0, at);
            int c = userinfo.indexOf(':');
            String user = c < 0 ? userinfo : userinfo.substring(0, c);
            if (c >= 0) {
                out.append(PercentEncoder.requoteUserInfo(user)).append(':')
                        .append(PercentEncoder.requoteUserInfo(userinfo.substring(c + 1))).append('@');
            } else if (!user.isEmpty()) {
                out.append(PercentEncoder.requoteUserInfo(user)).append('@');
            }
        }
        String host;
        String port;
        int open = hostinfo.indexOf('[');
        if (open >= 0) {
            String bracketed = hostinfo.substring(open + 1);
            int close = bracketed.indexOf(']');
            host = close < 0 ? bracketed : bracketed.substring(0, close);
            String rest = close < 0 ? "" : bracketed.substring(close + 1);
            int c = rest.indexOf(':');
            port = c < 0 ? "" : rest.substring(c + 1);
        } else {
            int c = hostinfo.indexOf(':');
            host = c < 0 ? hostinfo : hostinfo.substring(0, c);
            port = c < 0 ? "" : hostinfo.substring(c + 1);
        }
        if (host.isEmpty()) {
            throw new URISyntaxException(text, "Invalid URL: host is required for absolute urls");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (open >= 0 || host.indexOf(':') >= 0) {
            out.append('[').append(host).append(']');
        } else {
            try {
                out.append(Idna.toAscii(host));
            } catch (IllegalArgumentException e) {
                throw new URISyntaxException(text, "Invalid URL: the host cannot be encoded (" + e.getMessage() + ")");
            }
        }
        if (!port.isEmpty()) {
            String digits = port.replaceFirst("^0+(?=.)", "");
            if (!port.chars().allMatch(ch -> ch >= '0' && ch <= '9') || digits.length() > 5
                    || Integer.parseInt(digits) > 65535) {
                throw new URISyntaxException(text, "Invalid URL: port can't be converted to integer");
            }
            int p = Integer.parseInt(digits);
            if (p != 0) {
                out.append(':').append(p);
            }
        }
    }

    /** yarl's {@code _normalize_path}: {@code .} segments dropped, {@code ..} drops the one before it. */
    static String removeDotSegments(String path) {
        if (!path.contains(".")) {
            return path;
        }
        String[] segments = path.split("/", -1);
        List<String> kept = new ArrayList<>(segments.length);
        for (String seg : segments) {
            if (seg.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
            } else if (!seg.equals(".")) {
                kept.add(seg);
            }
        }
        String last = segments[segments.length - 1];
        if (last.equals(".") || last.equals("..")) {
            kept.add("");
        }
        return String.join("/", kept);
    }
}
