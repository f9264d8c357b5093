package io.asyncio4j.http.web;

import io.asyncio4j.http.RequestParser;
import java.util.Objects;

/**
 * How a {@link Site} treats its connections.
 *
 * @param keepaliveTimeout seconds an idle keep-alive connection stays open between requests (aiohttp's 75)
 * @param headerTimeout    seconds a client has to send a request's whole head, from its first byte (and on a
 *                         new connection, from the accept): a slower client gets 408 and is closed, which ends
 *                         slowloris attacks (30)
 * @param limits           the request parser's limits (line 8190 bytes, 128 fields, head 64 KiB)
 */
public record ServerOptions(double keepaliveTimeout, double headerTimeout, RequestParser.Limits limits) {
    /** 75 s, 30 s, the parser's default limits. */
    public static final ServerOptions DEFAULT = new ServerOptions(75, 30, RequestParser.Limits.DEFAULT);

    public ServerOptions {
        Objects.requireNonNull(limits, "limits");
        if (!(keepaliveTimeout > 0) || !(headerTimeout > 0)) {
            throw new IllegalArgumentException("timeouts must be > 0: keepalive " + keepaliveTimeout + ", header "
                    + headerTimeout);
        }
    }

    public ServerOptions withKeepaliveTimeout(double seconds) {
        return new ServerOptions(seconds, headerTimeout, limits);
    }

    public ServerOptions withHeaderTimeout(double seconds) {
        return new ServerOptions(keepaliveTimeout, seconds, limits);
    }

    public ServerOptions withLimits(RequestParser.Limits l) {
        return new ServerOptions(keepaliveTimeout, headerTimeout, l);
    }
}
