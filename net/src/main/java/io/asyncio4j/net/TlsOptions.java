package io.asyncio4j.net;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * TLS for a connection: CPython's {@code ssl=}, {@code server_hostname=}, {@code ssl_handshake_timeout=} and
 * {@code ssl_shutdown_timeout=}. A client verifies the server's certificate chain with the context's trust managers
 * and its host name against {@code serverHostname} (null: the host connected to); there is no way to switch the
 * host name check off short of a context that trusts anything.
 *
 * @param context the JDK's TLS context (key managers for a server, trust managers for a client)
 * @param serverHostname the name a client expects in the server's certificate and sends as SNI; null for the host
 * @param handshakeTimeout seconds the handshake may take (CPython's default: 60)
 * @param shutdownTimeout seconds to wait for the peer's close_notify when closing (CPython's default: 30)
 */
public record TlsOptions(SSLContext context, String serverHostname, double handshakeTimeout, double shutdownTimeout) {
    /**
     * Checks the options.
     *
     * @throws NullPointerException if {@code context} is null
     * @throws IllegalArgumentException if a timeout is not positive, with CPython's message
     */
    public TlsOptions {
        Objects.requireNonNull(context, "TlsOptions: the SSLContext is null");
        if (!(handshakeTimeout > 0)) {
            throw new IllegalArgumentException(
                    "ssl_handshake_timeout should be a positive number, got " + handshakeTimeout);
        }
        if (!(shutdownTimeout > 0)) {
            throw new IllegalArgumentException(
                    "ssl_shutdown_timeout should be a positive number, got " + shutdownTimeout);
        }
    }

    /**
     * TLS with {@code context}, the peer's host name from the connection, and CPython's timeouts (60 s handshake,
     * 30 s shutdown).
     *
     * @param context the JDK's TLS context
     * @return the options
     */
    public static TlsOptions of(SSLContext context) {
        return new TlsOptions(context, null, 60.0, 30.0);
    }

    /**
     * The default JDK context (the JDK's trusted CAs) for clients, as CPython's {@code ssl.create_default_context()}.
     *
     * @return the options
     * @throws IllegalStateException if the JDK has no default TLS context
     */
    public static TlsOptions defaults() {
        try {
            return of(SSLContext.getDefault());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    /**
     * The same with {@code name} as the expected server name (CPython's {@code server_hostname=}).
     *
     * @param name the name to verify in the server's certificate and to send as SNI; null for the host connected to
     * @return new options
     */
    public TlsOptions withServerHostname(String name) {
        return new TlsOptions(context, name, handshakeTimeout, shutdownTimeout);
    }

    /**
     * The same with another shutdown timeout: how long {@code close()} waits for the peer's close_notify before
     * aborting the connection (the application's {@code connectionLost} then gets a
     * {@link io.asyncio4j.TimeoutError}, as in CPython).
     *
     * @param seconds the timeout
     * @return new options
     * @throws IllegalArgumentException if {@code seconds} is not positive
     */
    public TlsOptions withShutdownTimeout(double seconds) {
        return new TlsOptions(context, serverHostname, handshakeTimeout, seconds);
    }

    /**
     * The same with another handshake timeout (CPython's {@code ssl_handshake_timeout=}): a handshake that takes
     * longer fails with {@link TlsError}.
     *
     * @param seconds the timeout
     * @return new options
     * @throws IllegalArgumentException if {@code seconds} is not positive
     */
    public TlsOptions withHandshakeTimeout(double seconds) {
        return new TlsOptions(context, serverHostname, seconds, shutdownTimeout);
    }

    /**
     * As {@link #withShutdownTimeout(double)} with a {@link java.time.Duration} (nanosecond precision).
     *
     * @param timeout the timeout; not null
     * @return new options
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public TlsOptions withShutdownTimeout(java.time.Duration timeout) {
        return withShutdownTimeout(seconds(timeout));
    }

    /**
     * As {@link #withHandshakeTimeout(double)} with a {@link java.time.Duration} (nanosecond precision).
     *
     * @param timeout the timeout; not null
     * @return new options
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public TlsOptions withHandshakeTimeout(java.time.Duration timeout) {
        return withHandshakeTimeout(seconds(timeout));
    }

    private static double seconds(java.time.Duration d) {
        return io.asyncio4j.Asyncio.seconds(java.util.Objects.requireNonNull(d, "timeout is null"));
    }
}
