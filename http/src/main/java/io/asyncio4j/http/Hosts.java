package io.asyncio4j.http;

import java.net.URI;
import java.util.Locale;

/**
 * Host names (an IPv6 address in brackets in URLs and {@code Host} fields, without them everywhere else) and the
 * origins they make.
 */
final class Hosts {
    private Hosts() {
    }

    /** {@code host} as a URL or a {@code Host} field writes it: an IPv6 address in brackets. */
    static String bracketed(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** {@code host} without the brackets of an IPv6 address. */
    static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The host of {@code u}, without brackets, in lower case; empty if it has none. */
    static String of(URI u) {
        return u.getHost() == null ? "" : unbracketed(u.getHost()).toLowerCase(Locale.ROOT);
    }

    /** The origin of {@code u}: {@code scheme://host:port}, the port given or the scheme's (443 for https and wss). */
    static String origin(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
        return scheme + "://" + of(u) + ":" + port;
    }
}
