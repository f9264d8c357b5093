package io.asyncio4j.streams;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.net.ConnectOptions;
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

    /**
     * CPython's {@code asyncio.open_connection}: connects to {@code host:port} over TCP, with a reader of
     * {@link StreamReader#DEFAULT_LIMIT}; see {@link Net#createConnection(java.util.function.Supplier, String, int)}
     * for the failures. Cancelling the awaiting task leaves no socket open.
     *
     * @param host a host name or address literal
     * @param port the port, 0..65535
     * @return a coroutine to await inside a task, giving the reader and the writer
     */
    @CheckReturnValue
    public static Coro<Connection> openConnection(String host, int port) {
        return Coro.named("Streams.openConnection", openConnection(host, port, StreamReader.DEFAULT_LIMIT));
    }

    /**
     * As {@link #openConnection(String, int)} with the reader's {@code limit}.
     *
     * @param host a host name or address literal
     * @param port the port, 0..65535
     * @param limit the reader's buffer limit (see {@link StreamReader#StreamReader(int)})
     * @return a coroutine to await inside a task, giving the reader and the writer
     */
    @CheckReturnValue
    public static Coro<Connection> openConnection(String host, int port, int limit) {
        return Coro.named("Streams.openConnection", openConnection(host, port, limit, null));
    }

    /**
     * As {@link #openConnection(String, int)} over TLS ({@code tls} null: plain TCP); returns once the handshake is
     * done.
     *
     * @param host a host name or address literal
     * @param port the port, 0..65535
     * @param tls the TLS options, or null for plain TCP
     * @return a coroutine to await inside a task, giving the reader and the writer
     */
    @CheckReturnValue
    public static Coro<Connection> openConnection(String host, int port, TlsOptions tls) {
        return Coro.named("Streams.openConnection", openConnection(host, port, StreamReader.DEFAULT_LIMIT, tls));
    }

    /**
     * The general form: as {@link #openConnection(String, int)} with the reader's {@code limit}, over TLS if
     * {@code tls} is set.
     *
     * @param host a host name or address literal
     * @param port the port, 0..65535
     * @param limit the reader's buffer limit
     * @param tls the TLS options, or null for plain TCP
     * @return a coroutine to await inside a task, giving the reader and the writer
     */
    @CheckReturnValue
    public static Coro<Connection> openConnection(String host, int port, int limit, TlsOptions tls) {
        return Coro.named("Streams.openConnection", openConnection(host, port, limit, tls,
                ConnectOptions.defaults()));
    }

    /**
     * As {@link #openConnection(String, int, int, TlsOptions)}, trying {@code host}'s addresses as {@code options}
     * says: CPython's {@code open_connection(..., happy_eyeballs_delay=, interleave=, all_errors=)}. With a happy
     * eyeballs delay, a new attempt starts every delay while the earlier ones are pending and the first to connect
     * wins; see {@link Net#createConnection(java.util.function.Supplier, String, int, TlsOptions, ConnectOptions)}
     * for the order and the errors. Cancelling the awaiting task cancels every attempt and leaves no socket open.
     *
     * @param host a host name or address literal
     * @param port the port, 0..65535
     * @param limit the reader's buffer limit
     * @param tls the TLS options, or null for plain TCP
     * @param options the delay, interleave and error report
     * @return a coroutine to await inside a task, giving the reader and the writer
     * @throws NullPointerException if {@code host} or {@code options} is null
     */
    @CheckReturnValue
    public static Coro<Connection> openConnection(String host, int port, int limit, TlsOptions tls,
                                                  ConnectOptions options) {
        java.util.Objects.requireNonNull(options, "openConnection: the options are null");
        return Coro.named("Streams.openConnection", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            StreamReader reader = new StreamReader(limit);
            Connected<StreamReaderProtocol> c = Net.createConnection(
                    () -> new StreamReaderProtocol(loop, reader, null), host, port, tls, options).await();
            StreamWriter writer = new StreamWriter(c.transport(), c.protocol(), reader);
            return new Connection(reader, writer);
        });
    }

    /**
     * Listens on {@code host:port} (null host: all interfaces; port 0: a free port) and runs {@code handler} as a
     * new task for each connection. CPython's {@code asyncio.start_server}; the server listens as soon as the
     * await returns.
     *
     * @param handler run as a new task for each connection, with that connection's reader and writer
     * @param host the address or name to bind, or null for every interface
     * @param port the port, 0..65535 (0: a free port, see {@link Server#port()})
     * @return a coroutine to await inside a task, giving the listening server
     */
    @CheckReturnValue
    public static Coro<Server> startServer(ConnectionHandler handler, String host, int port) {
        return Coro.named("Streams.startServer", startServer(handler, host, port, StreamReader.DEFAULT_LIMIT));
    }

    /**
     * As {@link #startServer(ConnectionHandler, String, int)} with the readers' {@code limit}.
     *
     * @param handler run as a new task for each connection, with that connection's reader and writer
     * @param host the address or name to bind, or null for every interface
     * @param port the port, 0..65535 (0: a free port, see {@link Server#port()})
     * @param limit each reader's buffer limit
     * @return a coroutine to await inside a task, giving the listening server
     */
    @CheckReturnValue
    public static Coro<Server> startServer(ConnectionHandler handler, String host, int port, int limit) {
        return Coro.named("Streams.startServer", startServer(handler, host, port, limit, null));
    }

    /**
     * As {@link #startServer(ConnectionHandler, String, int)} over TLS ({@code tls} null: plain TCP); the handler
     * runs once a connection's handshake is done.
     *
     * @param handler run as a new task for each connection, with that connection's reader and writer
     * @param host the address or name to bind, or null for every interface
     * @param port the port, 0..65535 (0: a free port, see {@link Server#port()})
     * @param tls the TLS options (the context's key managers hold the certificate), or null for plain TCP
     * @return a coroutine to await inside a task, giving the listening server
     */
    @CheckReturnValue
    public static Coro<Server> startServer(ConnectionHandler handler, String host, int port, TlsOptions tls) {
        return Coro.named("Streams.startServer", startServer(handler, host, port, StreamReader.DEFAULT_LIMIT, tls));
    }

    /**
     * The general form for one host: the readers' {@code limit}, and TLS if {@code tls} is set.
     *
     * @param handler run as a new task for each connection, with that connection's reader and writer
     * @param host the address or name to bind, or null for every interface
     * @param port the port, 0..65535 (0: a free port, see {@link Server#port()})
     * @param limit each reader's buffer limit
     * @param tls the TLS options, or null for plain TCP
     * @return a coroutine to await inside a task, giving the listening server
     */
    @CheckReturnValue
    public static Coro<Server> startServer(ConnectionHandler handler, String host, int port, int limit,
                                           TlsOptions tls) {
        return Coro.named("Streams.startServer", startServer(handler, java.util.Collections.singletonList(host), port, 100, limit, tls));
    }

    /**
     * Listens on every address of each of {@code hosts} (CPython's {@code start_server} with a sequence of hosts; a
     * null host: every interface) at {@code port} (0: a free port, shared by all the addresses if possible) with
     * {@code backlog}, the readers' {@code limit}, and TLS if {@code tls} is set; runs {@code handler} as a new task
     * for each connection. See {@link Net#createServer(java.util.function.Supplier, List, int, int, TlsOptions)}.
     *
     * @param handler run as a new task for each connection, with that connection's reader and writer
     * @param hosts the addresses or names to bind (a null element: every interface)
     * @param port the port, 0..65535
     * @param backlog the listen backlog of each socket
     * @param limit each reader's buffer limit
     * @param tls the TLS options, or null for plain TCP
     * @return a coroutine to await inside a task, giving the listening server
     * @throws NullPointerException if {@code handler} is null
     * @throws IllegalArgumentException (when awaited) if {@code hosts} is empty, {@code port} is not in 0..65535
     *         or {@code backlog} is not positive
     * @throws java.io.UncheckedIOException (when awaited) naming host and port if resolving or binding fails
     */
    @CheckReturnValue
    public static Coro<Server> startServer(ConnectionHandler handler, List<String> hosts, int port, int backlog,
                                           int limit, TlsOptions tls) {
        Objects.requireNonNull(handler, "startServer: the handler is null");
        return Coro.named("Streams.startServer", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Server server = new Server(() -> new StreamReaderProtocol(loop, new StreamReader(limit), handler),
                    backlog, tls);
            server.bind(hosts, port).await();
            return server;
        });
    }
}
