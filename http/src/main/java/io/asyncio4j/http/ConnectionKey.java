package io.asyncio4j.http;

/** What pooled connections are shared by: scheme's TLS, host and port (aiohttp's {@code ConnectionKey}). */
record ConnectionKey(String host, int port, boolean ssl) {
    @Override
    public String toString() {
        return (ssl ? "https://" : "http://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
