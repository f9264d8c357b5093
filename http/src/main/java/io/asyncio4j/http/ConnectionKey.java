package io.asyncio4j.http;

import io.asyncio4j.net.TlsOptions;

/**
 * What pooled connections are shared by: scheme's TLS, host, port and the TLS settings (aiohttp's
 * {@code ConnectionKey}); {@code tls} is null for plain connections.
 */
record ConnectionKey(String host, int port, boolean ssl, TlsOptions tls) {
    @Override
    public String toString() {
        return (ssl ? "https://" : "http://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
