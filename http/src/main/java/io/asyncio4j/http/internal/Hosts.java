package io.asyncio4j.http.internal;

import java.net.URI;
import java.util.Locale;

/**
 * Host names and ports, in one place: an IPv6 address in brackets in URLs, request targets and {@code Host}
 * fields and without them everywhere else; the schemes' default ports; the {@code Host} field; origins.
 * Stateless and thread-safe.
 */
public final class Hosts {
    private Hosts() {
    }

    /**
     * {@code host} as a URL or a {@code Host} field writes it: an IPv6 address in brackets.
     *
     * @param host a host name or address, without brackets
     * @return the host, bracketed if it is an IPv6 address
     */
    public static String bracketed(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /**
     * {@code host} without the brackets of an IPv6 address.
     *
     * @param host a host as a URL gives it
     * @return the host without brackets
     */
    public static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The host of {@code u}, without brackets, in lower case; empty if it has none.
     *
     * @param u a URL
     * @return its host
     */
    public static String of(URI u) {
        return u.getHost() == null ? "" : unbracketed(u.getHost()).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code scheme} runs over TLS: {@code https} or {@code wss}, in any case.
     *
     * @param scheme a URL scheme, or null
     * @return true for https and wss
     */
    public static boolean secure(String scheme) {
        return scheme != null && (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("wss"));
    }

    /**
     * The default port of {@code scheme}: 443 for https and wss, else 80.
     *
     * @param scheme a URL scheme, or null
     * @return the port
     */
    public static int defaultPort(String scheme) {
        return secure(scheme) ? 443 : 80;
    }

    /**
     * The port of {@code u}: the one it gives, else its scheme's default.
     *
     * @param u a URL
     * @return the port
     */
    public static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : defaultPort(u.getScheme());
    }

    /**
     * A {@code Host} field's value (RFC 9110 section 7.2): the host, bracketed if IPv6, and {@code :port} unless
     * the port is {@code defaultPort}.
     *
     * @param host        the host, without brackets
     * @param port        the port connected to
     * @param defaultPort the port left out (the scheme's default)
     * @return the value
     */
    public static String hostHeader(String host, int port, int defaultPort) {
        String h = bracketed(host);
        return port == defaultPort ? h : h + ":" + port;
    }

    /**
     * The origin of {@code u}: {@code scheme://host:port}, the port given or the scheme's (443 for https and wss).
     *
     * @param u a URL
     * @return its origin
     */
    public static String origin(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        return scheme + "://" + of(u) + ":" + port(u);
    }

    /**
     * Whether {@code value} is a {@code Host} field's value a server accepts (RFC 9110 §7.2: {@code uri-host [ ":"
     * port ]}): empty; a reg-name (unreserved characters, percent-encodings, sub-delims) or IPv4 address; an IPv6
     * address in brackets, or without them (as Jetty's parser took it); then an optional port from 1 to 65535.
     *
     * @param value the field's value, without surrounding whitespace
     * @return whether it is a host and an optional port
     */
    public static boolean isHostField(String value) {
        int n = value.length();
        if (n == 0) {
            return true;
        }
        int hostEnd;
        int portFrom;
        if (value.charAt(0) == '[') {
            int close = value.indexOf(']');
            if (close < 2 || !ipv6(value, 1, close)) {
                return false;
            }
            if (close == n - 1) {
                return true;
            }
            if (value.charAt(close + 1) != ':') {
                return false;
            }
            return port(value, close + 2);
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && value.indexOf(':', colon + 1) >= 0) {
            return ipv6(value, 0, n); // an IPv6 address without brackets
        }
        hostEnd = colon < 0 ? n : colon;
        portFrom = colon < 0 ? -1 : colon + 1;
        if (hostEnd == 0) {
            return false;
        }
        for (int i = 0; i < hostEnd; i++) {
            char c = value.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (c == '%') {
                if (i + 2 >= hostEnd || Character.digit(value.charAt(i + 1), 16) < 0
                        || Character.digit(value.charAt(i + 2), 16) < 0) {
                    return false; // pct-encoded = "%" HEXDIG HEXDIG
                }
                i += 2;
            } else if (!alnum && "-._~!$&'()*+,;=".indexOf(c) < 0) {
                return false;
            }
        }
        return portFrom < 0 || port(value, portFrom);
    }

    /**
     * Whether {@code value[from, to)} is an IPv6 address (RFC 3986 §3.2.2): eight groups of one to four hex digits
     * separated by colons, one {@code ::} standing for one or more groups of zeros, the last two groups possibly an
     * IPv4 address in dotted form.
     */
    private static boolean ipv6(String value, int from, int to) {
        int groups = 0;
        boolean elided = false;
        int i = from;
        if (value.startsWith("::", i)) {
            elided = true;
            i += 2;
        } else if (i < to && value.charAt(i) == ':') {
            return false;
        }
        while (i < to) {
            int start = i;
            while (i < to && i - start < 5 && Character.digit(value.charAt(i), 16) >= 0) {
                i++;
            }
            if (i < to && value.charAt(i) == '.') {
                return ipv4(value, start, to) && (elided ? groups <= 5 : groups == 6);
            }
            if (i == start || i - start > 4) {
                return false;
            }
            groups++;
            if (i == to) {
                break;
            }
            if (value.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && value.charAt(i) == ':') {
                if (elided) {
                    return false;
                }
                elided = true;
                i++;
            } else if (i == to) {
                return false;
            }
        }
        return elided ? groups <= 7 : groups == 8;
    }

    /** Whether {@code value[from, to)} is an IPv4 address in dotted form (four decimal octets). */
    private static boolean ipv4(String value, int from, int to) {
        int octets = 0;
        int i = from;
        while (i < to) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 4 && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
                v = v * 10 + value.charAt(i) - '0';
                i++;
            }
            if (i == start || i - start > 3 || v > 255) {
                return false;
            }
            octets++;
            if (i < to) {
                if (value.charAt(i) != '.' || i + 1 == to) {
                    return false;
                }
                i++;
            }
        }
        return octets == 4;
    }

    /** Whether {@code value} from {@code from} to its end is a port number from 1 to 65535. */
    private static boolean port(String value, int from) {
        int n = value.length();
        if (from >= n || n - from > 5) {
            return false;
        }
        int port = 0;
        for (int i = from; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + c - '0';
        }
        return port >= 1 && port <= 65535;
    }
}
