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
 * @param shutdownTimeout  seconds {@link Site#close()} lets in-flight handlers run before cancelling them
 *                         (aiohttp's {@code shutdown_timeout}, 60)
 */
public record ServerOptions(double keepaliveTimeout, double headerTimeout, RequestParser.Limits limits,
                            double shutdownTimeout) {
    /** aiohttp's default {@code shutdown_timeout}: 60 s. */
    public static final double DEFAULT_SHUTDOWN_TIMEOUT = 60;

    /** 75 s, 30 s, the parser's default limits, 60 s. */
    public static final ServerOptions DEFAULT = new ServerOptions(75, 30, RequestParser.Limits.DEFAULT);

    public ServerOptions {
        Objects.requireNonNull(limits, "limits");
        if (!(keepaliveTimeout > 0) || !(headerTimeout > 0)) {
            throw new IllegalArgumentException("timeouts must be > 0: keepalive " + keepaliveTimeout + ", header "
                    + headerTimeout);
        }
        if (!(shutdownTimeout >= 0)) {
            throw new IllegalArgumentException("shutdownTimeout must be >= 0, not " + shutdownTimeout);
        }
    }

    /** These timeouts and limits with the default shutdown timeout (60 s). */
    public ServerOptions(double keepaliveTimeout, double headerTimeout, RequestParser.Limits limits) {
        this(keepaliveTimeout, headerTimeout, limits, DEFAULT_SHUTDOWN_TIMEOUT);
    }

    public ServerOptions withKeepaliveTimeout(double seconds) {
        return new ServerOptions(seconds, headerTimeout, limits, shutdownTimeout);
    }

    public ServerOptions withHeaderTimeout(double seconds) {
        return new ServerOptions(keepaliveTimeout, seconds, limits, shutdownTimeout);
    }

    public ServerOptions withLimits(RequestParser.Limits l) {
        return new ServerOptions(keepaliveTimeout, headerTimeout, l, shutdownTimeout);
    }

    public ServerOptions withShutdownTimeout(double seconds) {
        return new ServerOptions(keepaliveTimeout, headerTimeout, limits, seconds);
    }
}
