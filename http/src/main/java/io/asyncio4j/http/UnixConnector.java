package io.asyncio4j.http;

import java.nio.file.Path;
import java.util.Objects;

/**
 * aiohttp's {@code UnixConnector}: every request of a {@link ClientSession} built with it
 * ({@link ClientSession.Builder#connector(UnixConnector)}) goes to one Unix domain socket, whatever the URL's host
 * and port, which still make the {@code Host} header field and the request target; the connections are pooled and
 * limited as a {@link TCPConnector}'s (keyed by the URL's host and port, as aiohttp's).
 *
 * <pre>{@code
 * try (ClientSession s = ClientSession.builder().connector(new UnixConnector(Path.of("/run/app.sock"))).build()) {
 *     ClientResponse r = s.get("http://localhost/status").await();   // Host: localhost, over /run/app.sock
 * }
 * }</pre>
 *
 * <p>No host name is resolved and no proxy is used for the connection. TLS over a Unix socket is not offered: an
 * https or wss request fails with {@link UnixClientConnectorError} (aiohttp would send it in the clear). A
 * connection that cannot be made raises {@link UnixClientConnectorError} naming the path
 * ({@code Cannot connect to unix socket /run/app.sock ssl:default [No such file or directory]}).
 *
 * <p><b>Threads.</b> As a {@link TCPConnector}: a connector belongs to the event loop of the first request made
 * through it; use it from that loop's thread only. {@link #close()} never suspends.
 */
public final class UnixConnector implements AutoCloseable {
    private final Path path;
    private final TCPConnector connector;

    /**
     * A connector to {@code path} with aiohttp's defaults: limit 100, no per-host limit, 15 s keep-alive, reuse on.
     *
     * @param path the Unix domain socket file every request goes to; need not exist yet
     * @throws NullPointerException if {@code path} is null
     */
    public UnixConnector(Path path) {
        this(path, 100, 0, 15.0, false);
    }

    /**
     * A connector to {@code path} with these limits and keep-alive settings (aiohttp's
     * {@code UnixConnector(path, force_close=, keepalive_timeout=, limit=, limit_per_host=)}); see
     * {@link TCPConnector#TCPConnector(int, int, double, boolean)}.
     *
     * @param path             the Unix domain socket file every request goes to; need not exist yet
     * @param limit            the most sockets open at once, 0 or more (0: no limit)
     * @param limitPerHost     the most connections in use per scheme, host and port, 0 or more (0: no limit)
     * @param keepaliveTimeout seconds an idle connection stays in the pool, 0 or more
     * @param forceClose       close every connection after its response instead of pooling it
     * @throws NullPointerException     if {@code path} is null
     * @throws IllegalArgumentException if a limit or {@code keepaliveTimeout} is negative, or
     *                                  {@code keepaliveTimeout} is NaN
     */
    public UnixConnector(Path path, int limit, int limitPerHost, double keepaliveTimeout, boolean forceClose) {
        this.path = Objects.requireNonNull(path, "path is null");
        TCPConnector.Builder b = TCPConnector.builder().limit(limit).limitPerHost(limitPerHost)
                .keepaliveTimeout(keepaliveTimeout).forceClose(forceClose);
        b.unixPath = path;
        this.connector = b.build();
    }

    /** {@return the socket file every request goes to (aiohttp's {@code connector.path})} */
    public Path path() {
        return path;
    }

    /** {@return the most sockets open at once (0: no limit)} */
    public int limit() {
        return connector.limit();
    }

    /** {@return the most connections in use or being connected per scheme, host and port (0: no limit)} */
    public int limitPerHost() {
        return connector.limitPerHost();
    }

    /** {@return seconds an idle connection stays in the pool} */
    public double keepaliveTimeout() {
        return connector.keepaliveTimeout();
    }

    /** {@return whether every connection is closed after its response instead of pooled} */
    public boolean forceClose() {
        return connector.forceClose();
    }

    /**
     * aiohttp's {@code connector.closed}; read it on the loop's thread.
     *
     * @return whether {@link #close()} was called (directly or by a session that owns the connector)
     */
    public boolean closed() {
        return connector.closed();
    }

    /** {@return the sockets open now: in use, being connected or idle; read it on the loop's thread} */
    public int openConnections() {
        return connector.openConnections();
    }

    /** {@return the idle connections in the pool now; read it on the loop's thread} */
    public int idleConnections() {
        return connector.idleConnections();
    }

    /** Closes every connection and the pool; never suspends. Idempotent. */
    @Override
    public void close() {
        connector.close();
    }

    /** The pool and connection machinery, shared with {@link TCPConnector}; for {@link ClientSession}. */
    TCPConnector pool() {
        return connector;
    }

    @Override
    public String toString() {
        return "<UnixConnector path=" + path + " open=" + openConnections() + " idle=" + idleConnections()
                + (closed() ? " closed" : "") + ">";
    }
}
