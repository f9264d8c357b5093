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
 * {@link StreamReader} and a {@link StreamWriter}; {@link #openUnixConnection} and {@link #startUnixServer} do the
 * same over Unix domain sockets.
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
        return Coro.named("Streams.startServer", startServer(handler, hosts, port, backlog, limit, tls, false));
    }

    /**
     * As {@link #startServer(ConnectionHandler, List, int, int, int, TlsOptions)}, and with {@code keepAlive} every
     * accepted connection gets {@code SO_KEEPALIVE} (TCP keep-alive probes, so that a client that vanished without a
     * word is noticed, its reader then failing): CPython 3.13's {@code asyncio.start_server(..., keep_alive=True)}.
     * See {@link io.asyncio4j.net.AbstractServer#AbstractServer(java.util.function.Supplier, int, TlsOptions,
     * boolean)} for where the option is set.
     *
     * <pre>{@code
     * Server server = Streams.startServer(chat::handle, List.of("0.0.0.0"), 8888, 100,
     *         StreamReader.DEFAULT_LIMIT, null, true).await();
     * }</pre>
     *
     * @param handler run as a new task for each connection, with that connection's reader and writer
     * @param hosts the addresses or names to bind (a null element: every interface)
     * @param port the port, 0..65535
     * @param backlog the listen backlog of each socket
     * @param limit each reader's buffer limit
     * @param tls the TLS options, or null for plain TCP
     * @param keepAlive whether accepted connections get {@code SO_KEEPALIVE} (CPython's default: no)
     * @return a coroutine to await inside a task, giving the listening server
     * @throws NullPointerException if {@code handler} is null
     * @throws IllegalArgumentException (when awaited) if {@code hosts} is empty, {@code port} is not in 0..65535
     *         or {@code backlog} is not positive
     * @throws java.io.UncheckedIOException (when awaited) naming host and port if resolving or binding fails
     */
    @CheckReturnValue
    public static Coro<Server> startServer(ConnectionHandler handler, List<String> hosts, int port, int backlog,
                                           int limit, TlsOptions tls, boolean keepAlive) {
        return Coro.named("Streams.startServer",
                startServer(handler, hosts, port, backlog, limit, tls, keepAlive, false));
    }

    /**
     * As {@link #startServer(ConnectionHandler, List, int, int, int, TlsOptions, boolean)}, and with
     * {@code reusePort} each listening socket gets {@code SO_REUSEPORT}: CPython's
     * {@code asyncio.start_server(..., reuse_port=True)}. Servers on several loops (each on its own thread) may then
     * listen on the same port, the kernel spreading the connections between them. See
     * {@link Net#createServer(java.util.function.Supplier, List, int, int, TlsOptions, boolean, boolean)}.
     *
     * @param handler run as a new task for each connection, with that connection's reader and writer
     * @param hosts the addresses or names to bind (a null element: every interface)
     * @param port the port, 0..65535
     * @param backlog the listen backlog of each socket
     * @param limit each reader's buffer limit
     * @param tls the TLS options, or null for plain TCP
     * @param keepAlive whether accepted connections get {@code SO_KEEPALIVE} (CPython's default: no)
     * @param reusePort whether the listening sockets get {@code SO_REUSEPORT} (CPython's default: no)
     * @return a coroutine to await inside a task, giving the listening server
     * @throws NullPointerException if {@code handler} is null
     * @throws UnsupportedOperationException if {@code reusePort} is set and the platform has no
     *         {@code SO_REUSEPORT} ({@link Net#reusePortSupported()}), at once
     * @throws IllegalArgumentException (when awaited) if {@code hosts} is empty, {@code port} is not in 0..65535
     *         or {@code backlog} is not positive
     * @throws java.io.UncheckedIOException (when awaited) naming host and port if resolving or binding fails
     */
    @CheckReturnValue
    public static Coro<Server> startServer(ConnectionHandler handler, List<String> hosts, int port, int backlog,
                                           int limit, TlsOptions tls, boolean keepAlive, boolean reusePort) {
        Objects.requireNonNull(handler, "startServer: the handler is null");
        if (reusePort && !Net.reusePortSupported()) {
            throw new UnsupportedOperationException("reusePort: SO_REUSEPORT is not supported on this platform ("
                    + System.getProperty("os.name") + "); check Net.reusePortSupported() first");
        }
        return Coro.named("Streams.startServer", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Server server = new Server(() -> new StreamReaderProtocol(loop, new StreamReader(limit), handler),
                    backlog, tls, keepAlive, reusePort);
            server.bind(hosts, port).await();
            return server;
        });
    }

    /**
     * CPython's {@code asyncio.open_unix_connection}: connects to the Unix domain socket {@code path}, with a
     * reader of {@link StreamReader#DEFAULT_LIMIT}; see {@link Net#createUnixConnection} for the failures (a
     * missing path is a {@link io.asyncio4j.net.ConnectionError} naming it, as Python's {@code FileNotFoundError}).
     * Cancelling the awaiting task leaves no socket open.
     *
     * @param path the socket file a server listens on
     * @return a coroutine to await inside a task, giving the reader and the writer
     * @throws NullPointerException if {@code path} is null
     */
    @CheckReturnValue
    public static Coro<Connection> openUnixConnection(java.nio.file.Path path) {
        Objects.requireNonNull(path, "openUnixConnection: the path is null");
        return Coro.named("Streams.openUnixConnection", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            StreamReader reader = new StreamReader(StreamReader.DEFAULT_LIMIT);
            Connected<StreamReaderProtocol> c = Net.createUnixConnection(
                    () -> new StreamReaderProtocol(loop, reader, null), path).await();
            StreamWriter writer = new StreamWriter(c.transport(), c.protocol(), reader);
            return new Connection(reader, writer);
        });
    }

    /**
     * CPython's {@code asyncio.start_unix_server}: listens on the Unix domain socket {@code path} and runs
     * {@code handler} as a new task for each connection. A socket file already at {@code path} (left by an earlier
     * run) is replaced; any other file there makes it fail. {@link Server#close()} removes the socket file (CPython
     * 3.13's {@code cleanup_socket=True}); {@link Server#path()} gives it back. TLS over Unix sockets is not
     * offered.
     *
     * @param handler run as a new task for each connection, with that connection's reader and writer
     * @param path the socket file to create (its directory must exist; fewer than 108 bytes on Linux)
     * @return a coroutine to await inside a task, giving the listening server
     * @throws NullPointerException if {@code handler} or {@code path} is null
     * @throws java.io.UncheckedIOException (when awaited) naming the path if binding fails
     */
    @CheckReturnValue
    public static Coro<Server> startUnixServer(ConnectionHandler handler, java.nio.file.Path path) {
        Objects.requireNonNull(handler, "startUnixServer: the handler is null");
        Objects.requireNonNull(path, "startUnixServer: the path is null");
        return Coro.named("Streams.startUnixServer", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Server server = new Server(
                    () -> new StreamReaderProtocol(loop, new StreamReader(StreamReader.DEFAULT_LIMIT), handler), 100,
                    null);
            server.bindUnix(path).await();
            return server;
        });
    }
}
