package io.asyncio4j.http;

import io.asyncio4j.http.internal.Hosts;
import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.net.Transport;
import java.util.Objects;

/**
 * What pooled connections are shared by: scheme's TLS, host, port, the TLS settings and the proxy (aiohttp's
 * {@code ConnectionKey}); {@code tls} is null for plain connections, {@code proxy} null for direct ones. The proxy
 * record holds its credentials and extra header fields, so a tunnel opened with one set is never used with another.
 * {@code tunnel}: through the proxy by {@code CONNECT} (always for TLS; for a plain WebSocket too), else the proxy
 * gets plain requests with absolute URLs. {@code fingerprint}: the certificate pinned for TLS (aiohttp's
 * {@code ssl=Fingerprint}), or null.
 */
record ConnectionKey(String host, int port, boolean ssl, TlsOptions tls, ProxyInfo proxy, boolean tunnel,
                     Fingerprint fingerprint) {
    /** A direct connection's key. */
    ConnectionKey(String host, int port, boolean ssl, TlsOptions tls) {
        this(host, port, ssl, tls, null, false, null);
    }

    /** A key whose proxy (if any) is tunnelled for TLS only, as for every request but a WebSocket's. */
    ConnectionKey(String host, int port, boolean ssl, TlsOptions tls, ProxyInfo proxy) {
        this(host, port, ssl, tls, proxy, proxy != null && ssl, null);
    }

    /** The TLS settings for the target: {@code tls} expecting {@code host} unless it names a server; null if plain. */
    TlsOptions targetTls() {
        return tls == null || tls.serverHostname() != null ? tls : tls.withServerHostname(host);
    }

    /**
     * Checks the target's certificate on {@code secure} against the pinned {@code fingerprint}, if any.
     *
     * @throws ServerFingerprintMismatch (the transport closed) if it is another certificate
     */
    void checkPinned(Transport secure) {
        if (fingerprint != null) {
            fingerprint.check(secure, host, port);
        }
    }

    // equals and hashCode are written out: a record's generated ones are bootstrapped through
    // java.lang.runtime.ObjectMethods on first use, which spins method handles for several milliseconds, and the pool
    // looks a key up on every client's first request (docs/startup.md).
    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionKey k && port == k.port && ssl == k.ssl && tunnel == k.tunnel
                && Objects.equals(host, k.host) && Objects.equals(tls, k.tls) && Objects.equals(proxy, k.proxy)
                && Objects.equals(fingerprint, k.fingerprint);
    }

    @Override
    public int hashCode() {
        int h = Objects.hashCode(host);
        h = 31 * h + port;
        h = 31 * h + Boolean.hashCode(ssl);
        h = 31 * h + Objects.hashCode(tls);
        h = 31 * h + Objects.hashCode(proxy);
        h = 31 * h + Boolean.hashCode(tunnel);
        return 31 * h + Objects.hashCode(fingerprint);
    }

    @Override
    public String toString() {
        return (ssl ? "https://" : "http://") + Hosts.bracketed(host) + ":" + port
                + (proxy == null ? "" : (tunnel ? " via tunnel " : " via proxy ") + proxy)
                + (fingerprint == null ? "" : " pinned " + fingerprint);
    }
}
