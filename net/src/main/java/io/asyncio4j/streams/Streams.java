package io.asyncio4j.streams;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.net.Connected;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.TlsOptions;
import java.util.List;
import java.util.Objects;

/**
 * CPython's {@code asyncio.open_connection} and {@code asyncio.start_server}: TCP connections as a
 * {@link StreamReader} and a {@link StreamWriter}.
 *
 * <pre>{@code
 * Server server = Streams.startServer((reader, writer) -> {
 *     byte[] line = reader.readline().await();
 *     writer.write(line);
 *     writer.drain().await();
 *     writer.close();
 * }, "127.0.0.1", 0).await();
 *
 * Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
 * c.writer().write("hello\n".getBytes());
 * byte[] echo = c.reader().readline().await();
 * }</pre>
 */
public final class Streams {
    private Streams() {
    }

    /** Connects to {@code host:port}; see {@link Net#createConnection}. */
    public static Coro<Connection> openConnection(String host, int port) {
        return openConnection(host, port, StreamReader.DEFAULT_LIMIT);
    }

    /** As {@link #openConnection(String, int)} with the reader's {@code limit}. */
    public static Coro<Connection> openConnection(String host, int port, int limit) {
        return openConnection(host, port, limit, null);
    }

    /** As {@link #openConnection(String, int)} over TLS ({@code tls} null: plain TCP). */
    public static Coro<Connection> openConnection(String host, int port, TlsOptions tls) {
        return openConnection(host, port, StreamReader.DEFAULT_LIMIT, tls);
    }

    /** As {@link #openConnection(String, int)} with the reader's {@code limit}, over TLS if {@code tls} is set. */
    public static Coro<Connection> openConnection(String host, int port, int limit, TlsOptions tls) {
        return () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            StreamReader reader = new StreamReader(limit);
            Connected<StreamReaderProtocol> c = Net.createConnection(
                    () -> new StreamReaderProtocol(loop, reader, null), host, port, tls).await();
            StreamWriter writer = new StreamWriter(c.transport(), c.protocol(), reader);
            return new Connection(reader, writer);
        };
    }

    /**
     * Listens on {@code host:port} (null host: all interfaces; port 0: a free port) and runs {@code handler} as a
     * new task for each connection.
     */
    public static Coro<Server> startServer(ConnectionHandler handler, String host, int port) {
        return startServer(handler, host, port, StreamReader.DEFAULT_LIMIT);
    }

    /** As {@link #startServer(ConnectionHandler, String, int)} with the readers' {@code limit}. */
    public static Coro<Server> startServer(ConnectionHandler handler, String host, int port, int limit) {
        return startServer(handler, host, port, limit, null);
    }

    /** As {@link #startServer(ConnectionHandler, String, int)} over TLS ({@code tls} null: plain TCP). */
    public static Coro<Server> startServer(ConnectionHandler handler, String host, int port, TlsOptions tls) {
        return startServer(handler, host, port, StreamReader.DEFAULT_LIMIT, tls);
    }

    /** The general form for one host: the readers' {@code limit}, and TLS if {@code tls} is set. */
    public static Coro<Server> startServer(ConnectionHandler handler, String host, int port, int limit,
                                           TlsOptions tls) {
        return startServer(handler, java.util.Collections.singletonList(host), port, 100, limit, tls);
    }

    /**
     * Listens on every address of each of {@code hosts} (CPython's {@code start_server} with a sequence of hosts; a
     * null host: every interface) at {@code port} (0: a free port, shared by all the addresses if possible) with
     * {@code backlog}, the readers' {@code limit}, and TLS if {@code tls} is set; runs {@code handler} as a new task
     * for each connection. See {@link Net#createServer(java.util.function.Supplier, List, int, int, TlsOptions)}.
     *
     * @throws IllegalArgumentException (when awaited) if {@code hosts} is empty, {@code port} is not in 0..65535
     *         or {@code backlog} is not positive
     * @throws java.io.UncheckedIOException (when awaited) naming host and port if resolving or binding fails
     */
    public static Coro<Server> startServer(ConnectionHandler handler, List<String> hosts, int port, int backlog,
                                           int limit, TlsOptions tls) {
        Objects.requireNonNull(handler, "startServer: the handler is null");
        return () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            return Net.createServer(() -> new StreamReaderProtocol(loop, new StreamReader(limit), handler), hosts,
                    port, backlog, tls).await();
        };
    }
}
