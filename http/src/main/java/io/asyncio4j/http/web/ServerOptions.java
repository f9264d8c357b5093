package io.asyncio4j.http.web;

import io.asyncio4j.http.internal.RequestParser;
import java.util.Objects;

/**
 * How a {@link Site} treats its connections. Every timeout runs on the loop's clock ({@code loop.time()}), so it
 * follows virtual time in tests.
 *
 * @param keepaliveTimeout seconds an idle keep-alive connection stays open between requests (aiohttp's 75)
 * @param headerTimeout    seconds a client has to send a request's whole head, from its first byte (and on a
 *                         new connection, from the accept): a slower client gets 408 and is closed, which ends
 *                         slowloris attacks (30)
 * @param limits           the request parser's limits (line 8190 bytes, 128 fields, head 64 KiB)
 * @param shutdownTimeout  seconds {@link Site#close()} lets in-flight handlers run before cancelling them
 *                         (aiohttp's {@code shutdown_timeout}, 60)
 * @param bodyTimeout      seconds allowed between two successive reads of a request's body, and from its head to
 *                         the first read (nginx's {@code client_body_timeout}, 60): not a limit on the whole
 *                         transfer, so a slow but steady upload goes on. When it passes, the body's reads (in the
 *                         handler: {@link Request#read()}, {@link Request#post()}, {@link Request#content()}) throw
 *                         {@link HTTPRequestTimeout}, which, unless the handler catches it, answers 408; the
 *                         connection closes after the answer, or at once if the response has already started. A
 *                         body the handler left unread is skipped under the same timeout. Time when the server
 *                         itself has paused reading (its buffers are full) does not count against the client.
 * @param reusePort        whether the listening socket gets {@code SO_REUSEPORT} (aiohttp's {@code TCPSite(...,
 *                         reuse_port=True)}), so that other sockets (other sites, other processes) may listen on
 *                         the same port and the kernel spreads the connections between them (false). The sites of
 *                         {@link Web#start(java.util.function.Supplier, String, int, int)} set it themselves.
 *                         Starting a site with it where the platform lacks the option throws
 *                         {@link UnsupportedOperationException} ({@link io.asyncio4j.net.Net#reusePortSupported()}).
 * @param accessLog        what logs each answered request ({@link AccessLogger}, or an application's own
 *                         {@link AbstractAccessLogger}), or null for no access log, the default. Unlike aiohttp, whose
 *                         access log is on but silent until Python's logging is configured, it is off unless asked
 *                         for ({@link #withAccessLog()}): a {@code System.Logger}'s default console handler would
 *                         print every line on standard error. Off, it costs the request path nothing.
 */
public record ServerOptions(double keepaliveTimeout, double headerTimeout, RequestParser.Limits limits,
                            double shutdownTimeout, double bodyTimeout, boolean reusePort,
                            AbstractAccessLogger accessLog) {
    /** aiohttp's default {@code shutdown_timeout}: 60 s. */
    public static final double DEFAULT_SHUTDOWN_TIMEOUT = 60;

    /** nginx's default {@code client_body_timeout}: 60 s. */
    public static final double DEFAULT_BODY_TIMEOUT = 60;

    /** 75 s, 30 s, the parser's default limits, 60 s, 60 s, no {@code SO_REUSEPORT}, no access log. */
    public static final ServerOptions DEFAULT = new ServerOptions(75, 30, RequestParser.Limits.DEFAULT);

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if a timeout is not a positive number (the shutdown timeout may be 0)
     * @throws NullPointerException     if {@code limits} is null
     */
    public ServerOptions {
        Objects.requireNonNull(limits, "limits");
        if (!(keepaliveTimeout > 0) || !(headerTimeout > 0) || !(bodyTimeout > 0)) {
            throw new IllegalArgumentException("timeouts must be > 0: keepalive " + keepaliveTimeout + ", header "
                    + headerTimeout + ", body " + bodyTimeout);
        }
        if (!(shutdownTimeout >= 0)) {
            throw new IllegalArgumentException("shutdownTimeout must be >= 0, not " + shutdownTimeout);
        }
    }

    /**
     * These timeouts and limits, without {@code SO_REUSEPORT} and with no access log.
     *
     * @param keepaliveTimeout seconds an idle keep-alive connection stays open, positive
     * @param headerTimeout    seconds a client has to send a request's whole head, positive
     * @param limits           the request parser's limits
     * @param shutdownTimeout  seconds {@link Site#close()} lets in-flight handlers run, 0 or more
     * @param bodyTimeout      seconds allowed between two reads of a request's body, positive
     * @throws IllegalArgumentException if a timeout is not a positive number (the shutdown timeout may be 0)
     * @throws NullPointerException     if {@code limits} is null
     */
    public ServerOptions(double keepaliveTimeout, double headerTimeout, RequestParser.Limits limits,
                         double shutdownTimeout, double bodyTimeout) {
        this(keepaliveTimeout, headerTimeout, limits, shutdownTimeout, bodyTimeout, false, null);
    }

    /**
     * These timeouts and limits with the default body timeout (60 s).
     *
     * @param keepaliveTimeout seconds an idle keep-alive connection stays open, positive
     * @param headerTimeout    seconds a client has to send a request's whole head, positive
     * @param limits           the request parser's limits
     * @param shutdownTimeout  seconds {@link Site#close()} lets in-flight handlers run, 0 or more
     * @throws IllegalArgumentException if a timeout is not a positive number (the shutdown timeout may be 0)
     * @throws NullPointerException     if {@code limits} is null
     */
    public ServerOptions(double keepaliveTimeout, double headerTimeout, RequestParser.Limits limits,
                         double shutdownTimeout) {
        this(keepaliveTimeout, headerTimeout, limits, shutdownTimeout, DEFAULT_BODY_TIMEOUT);
    }

    /**
     * These timeouts and limits with the default shutdown and body timeouts (60 s each).
     *
     * @param keepaliveTimeout seconds an idle keep-alive connection stays open, positive
     * @param headerTimeout    seconds a client has to send a request's whole head, positive
     * @param limits           the request parser's limits
     * @throws IllegalArgumentException if a timeout is not a positive number (the shutdown timeout may be 0)
     * @throws NullPointerException     if {@code limits} is null
     */
    public ServerOptions(double keepaliveTimeout, double headerTimeout, RequestParser.Limits limits) {
        this(keepaliveTimeout, headerTimeout, limits, DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /**
     * These options with another {@linkplain #keepaliveTimeout() keep-alive timeout}.
     *
     * @param seconds the timeout, positive
     * @return new options
     * @throws IllegalArgumentException if {@code seconds} is not positive
     */
    public ServerOptions withKeepaliveTimeout(double seconds) {
        return new ServerOptions(seconds, headerTimeout, limits, shutdownTimeout, bodyTimeout, reusePort, accessLog);
    }

    /**
     * These options with another {@linkplain #headerTimeout() header timeout}.
     *
     * @param seconds the timeout, positive
     * @return new options
     * @throws IllegalArgumentException if {@code seconds} is not positive
     */
    public ServerOptions withHeaderTimeout(double seconds) {
        return new ServerOptions(keepaliveTimeout, seconds, limits, shutdownTimeout, bodyTimeout, reusePort, accessLog);
    }

    /**
     * These options with other {@linkplain #limits() parser limits}.
     *
     * @param l the limits; not null
     * @return new options
     * @throws NullPointerException if {@code l} is null
     */
    public ServerOptions withLimits(RequestParser.Limits l) {
        return new ServerOptions(keepaliveTimeout, headerTimeout, l, shutdownTimeout, bodyTimeout,
                reusePort, accessLog);
    }

    /**
     * These options with another {@linkplain #shutdownTimeout() shutdown timeout}.
     *
     * @param seconds the timeout, 0 or more
     * @return new options
     * @throws IllegalArgumentException if {@code seconds} is negative or NaN
     */
    public ServerOptions withShutdownTimeout(double seconds) {
        return new ServerOptions(keepaliveTimeout, headerTimeout, limits, seconds, bodyTimeout, reusePort, accessLog);
    }

    /**
     * These options with {@code seconds} as the {@linkplain #bodyTimeout() body timeout}.
     *
     * @param seconds the timeout, positive
     * @return new options
     * @throws IllegalArgumentException if {@code seconds} is not positive
     */
    public ServerOptions withBodyTimeout(double seconds) {
        return new ServerOptions(keepaliveTimeout, headerTimeout, limits, shutdownTimeout, seconds,
                reusePort, accessLog);
    }

    /**
     * As {@link #withKeepaliveTimeout(double)} with a {@link java.time.Duration} (nanosecond precision).
     *
     * @param timeout the timeout, positive; not null
     * @return new options
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public ServerOptions withKeepaliveTimeout(java.time.Duration timeout) {
        return withKeepaliveTimeout(seconds(timeout));
    }

    /**
     * As {@link #withHeaderTimeout(double)} with a {@link java.time.Duration} (nanosecond precision).
     *
     * @param timeout the timeout, positive; not null
     * @return new options
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public ServerOptions withHeaderTimeout(java.time.Duration timeout) {
        return withHeaderTimeout(seconds(timeout));
    }

    /**
     * As {@link #withShutdownTimeout(double)} with a {@link java.time.Duration} (nanosecond precision).
     *
     * @param timeout the timeout, zero or more; not null
     * @return new options
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public ServerOptions withShutdownTimeout(java.time.Duration timeout) {
        return withShutdownTimeout(seconds(timeout));
    }

    /**
     * As {@link #withBodyTimeout(double)} with a {@link java.time.Duration} (nanosecond precision).
     *
     * @param timeout the timeout, positive; not null
     * @return new options
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public ServerOptions withBodyTimeout(java.time.Duration timeout) {
        return withBodyTimeout(seconds(timeout));
    }

    /**
     * These options with {@link #reusePort()} set or cleared.
     *
     * @param reuse whether the listening socket gets {@code SO_REUSEPORT}
     * @return new options
     */
    public ServerOptions withReusePort(boolean reuse) {
        return new ServerOptions(keepaliveTimeout, headerTimeout, limits, shutdownTimeout, bodyTimeout,
                reuse, accessLog);
    }

    /**
     * These options with the standard access log: {@link AccessLogger}'s default format
     * ({@value AccessLogger#LOG_FORMAT}) on the logger {@value AccessLogger#LOGGER_NAME} at {@code INFO}. Where its
     * lines go is the logging configuration's choice (with {@code java.util.logging} and no configuration, the
     * console on standard error).
     *
     * @return new options
     */
    public ServerOptions withAccessLog() {
        return withAccessLog(new AccessLogger());
    }

    /**
     * These options with the standard access log in {@code format} (aiohttp's {@code access_log_format}) on the
     * logger {@value AccessLogger#LOGGER_NAME}.
     *
     * @param format the format, see {@link AccessLogger}; not null
     * @return new options
     * @throws IllegalArgumentException if the format is bad, naming the problem
     * @throws NullPointerException     if {@code format} is null
     */
    public ServerOptions withAccessLogFormat(String format) {
        return withAccessLog(new AccessLogger(format));
    }

    /**
     * These options with {@code logger} as the {@linkplain #accessLog() access log} (aiohttp's
     * {@code access_log_class}), or none.
     *
     * @param logger what logs each answered request, or null for no access log
     * @return new options
     */
    public ServerOptions withAccessLog(AbstractAccessLogger logger) {
        return new ServerOptions(keepaliveTimeout, headerTimeout, limits, shutdownTimeout, bodyTimeout,
                reusePort, logger);
    }

    private static double seconds(java.time.Duration d) {
        return io.asyncio4j.Asyncio.seconds(java.util.Objects.requireNonNull(d, "timeout is null"));
    }
}
