package io.asyncio4j.http;

import io.asyncio4j.http.internal.Hosts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP proxy a request goes through (aiohttp's {@code ProxyInfo}, plus the {@code proxy_headers} that are part of
 * its connection key): where it listens, the Basic credentials it gets in {@code Proxy-Authorization}, and extra
 * header fields for it. Part of {@link ConnectionKey}, so connections through different proxies, or the same proxy
 * with other credentials or headers, are never shared. Immutable.
 *
 * @param url     the proxy's URL without credentials, {@code http://host:port}
 * @param host    its host (lower case, IPv6 without brackets)
 * @param port    its port (80 if the URL gives none)
 * @param auth    the credentials, or null
 * @param headers the extra header fields (name, value) sent to the proxy, in order
 */
record ProxyInfo(URI url, String host, int port, BasicAuth auth, List<Map.Entry<String, String>> headers) {
    ProxyInfo {
        Objects.requireNonNull(url, "url");
        headers = List.copyOf(headers);
    }

    /**
     * The proxy of {@code raw}, an {@code http://} URL; credentials in it ({@code http://user:pass@host:port}) are
     * used if {@code auth} is null, as aiohttp does.
     *
     * @throws InvalidURL if {@code raw} is not an absolute http URL with a host
     */
    static ProxyInfo of(String raw, BasicAuth auth, Headers headers) {
        URI u;
        try {
            u = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw new InvalidURL(raw, "Invalid proxy URL (" + e.getReason() + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new InvalidURL(raw, "Invalid proxy URL: only http:// proxies are supported, as in aiohttp 3.8");
        }
        if (u.getHost() == null) {
            throw new InvalidURL(raw, "Invalid proxy URL (no host)");
        }
        BasicAuth fromUrl = BasicAuth.fromUserInfo(u.getRawUserInfo(), raw);
        String host = Hosts.of(u);
        int port = u.getPort() >= 0 ? u.getPort() : 80;
        URI clean = URI.create("http://" + Hosts.bracketed(host) + ":" + port);
        List<Map.Entry<String, String>> h = new ArrayList<>();
        if (headers != null) {
            headers.forEach((n, v) -> h.add(Map.entry(n, v)));
        }
        return new ProxyInfo(clean, host, port, auth != null ? auth : fromUrl, h);
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
