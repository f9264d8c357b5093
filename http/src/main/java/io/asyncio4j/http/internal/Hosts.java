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
}
