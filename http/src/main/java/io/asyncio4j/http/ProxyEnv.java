package io.asyncio4j.http;

import io.asyncio4j.http.internal.Hosts;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The proxies the environment gives (aiohttp 3.8's {@code proxies_from_env} and {@code get_env_proxy_for_url}, over
 * CPython's {@code getproxies_environment} and {@code proxy_bypass_environment}), for a session built with
 * {@code trustEnv(true)}:
 * <ul>
 * <li>every variable named {@code <scheme>_proxy} in any case with a non-empty value gives the proxy of that scheme;
 * an all-lower-case variable wins over the others (and an empty lower-case one removes the scheme's proxy); with
 * {@code REQUEST_METHOD} set (a CGI script) an upper-case {@code HTTP_PROXY} is ignored (CVE-2016-1000110);</li>
 * <li>only the {@code http}, {@code https}, {@code ws} and {@code wss} proxies are used, and only {@code http://}
 * proxy URLs (aiohttp ignores an https proxy with a warning); credentials in the URL become the proxy's Basic
 * auth;</li>
 * <li>{@code NO_PROXY} ({@code no_proxy}): {@code *} bypasses every host, else a comma-separated list of host names
 * or domain suffixes (a leading dot is ignored, case-insensitive): a request to one of them, or to a subdomain,
 * goes direct.</li>
 * </ul>
 * A proxy without credentials in its URL gets those of the {@code .netrc} file for its host ({@link Netrc}), as in
 * aiohttp. Stateless: the environment (and the file) is read at each request, as aiohttp does.
 */
final class ProxyEnv {
    private ProxyEnv() {
    }

    /** The scheme's proxy URLs by the environment's {@code *_proxy} variables (CPython's getproxies_environment). */
    static Map<String, String> proxies(Map<String, String> env) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (!e.getValue().isEmpty() && name.endsWith("_proxy")) {
                out.put(name.substring(0, name.length() - 6), e.getValue());
            }
        }
        if (env.containsKey("REQUEST_METHOD")) {
            out.remove("http");
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (name.endsWith("_proxy")) {
                String scheme = name.substring(0, name.length() - 6).toLowerCase(Locale.ROOT);
                if (!e.getValue().isEmpty()) {
                    out.put(scheme, e.getValue());
                } else {
                    out.remove(scheme);
                }
            }
        }
        return out;
    }

    /** Whether {@code host} is in {@code NO_PROXY} (CPython's proxy_bypass_environment). */
    static boolean bypass(String host, Map<String, String> proxies) {
        String noProxy = proxies.get("no");
        if (noProxy == null) {
            return false;
        }
        if (noProxy.equals("*")) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String raw : noProxy.split(",")) {
            String name = raw.strip();
            while (name.startsWith(".")) {
                name = name.substring(1);
            }
            name = name.toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (h.equals(name) || h.endsWith("." + name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The proxy for {@code url} by {@code env}, or null if there is none or {@code NO_PROXY} bypasses its host.
     *
     * @throws InvalidURL if the variable's value is not a URL
     */
    static ProxyInfo forUrl(URI url, Map<String, String> env) {
        Map<String, String> proxies = proxies(env);
        String host = url.getHost();
        if (host != null && bypass(Hosts.unbracketed(host), proxies)) {
            return null;
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        String raw = proxies.get(scheme);
        if (raw == null) {
            return null;
        }
        String rawScheme = raw.contains("://") ? raw.substring(0, raw.indexOf("://")).toLowerCase(Locale.ROOT) : "";
        if (rawScheme.equals("https") || rawScheme.equals("wss")) {
            return null;        // aiohttp: "HTTPS proxies ... are not supported, ignoring"
        }
        ProxyInfo p = ProxyInfo.of(raw, null, null);
        if (p.auth() == null) {
            BasicAuth fromNetrc = Netrc.credentials(p.host(), env);
            if (fromNetrc != null) {
                p = ProxyInfo.of(raw, fromNetrc, null);
            }
        }
        return p;
    }
}
