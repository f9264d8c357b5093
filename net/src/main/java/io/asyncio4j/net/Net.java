package io.asyncio4j.net;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * CPython's {@code loop.create_connection} and {@code loop.create_server}: transports and protocols on the running
 * loop. Call them inside a task.
 *
 * <pre>{@code
 * Connected<EchoClient> c = Net.createConnection(EchoClient::new, "127.0.0.1", 8888).await();
 * c.transport().write("hello".getBytes());
 * }</pre>
 */
public final class Net {
    private Net() {
    }

    /**
     * Connects to {@code host:port}, trying the resolved addresses in order, and wires a new protocol from
     * {@code factory} to the connection; returns once the protocol's {@code connectionMade} has run. Cancelling
     * the awaiting task closes the socket being connected (or aborts the new transport) and no protocol is left
     * attached.
     *
     * @param <P> the protocol's type
     * @param factory makes the protocol, called once on the loop's thread after the socket connects
     * @param host a host name or address literal, resolved off the loop (see {@link Sockets#getaddrinfo})
     * @param port the port, 0..65535
     * @return a coroutine to await inside a task, giving the transport and the protocol
     * @throws ConnectionRefusedError (when awaited) if every address refused, naming host and port
     * @throws ConnectionError (when awaited) for other connection failures
     */
    @CheckReturnValue
    public static <P extends BaseProtocol> Coro<Connected<P>> createConnection(Supplier<P> factory, String host,
                                                                              int port) {
        return Coro.named("Net.createConnection", createConnection(factory, host, port, null));
    }

    /**
     * As {@link #createConnection(Supplier, String, int)}, over TLS if {@code tls} is not null: returns once the
     * handshake is done and the server's certificate and host name verified.
     *
     * @param <P> the protocol's type
     * @param factory makes the application protocol, called once on the loop's thread after the socket connects
     * @param host a host name or address literal; also the name verified and sent as SNI unless {@code tls} names
     *        another
     * @param port the port, 0..65535
     * @param tls the TLS options, or null for plain TCP
     * @return a coroutine to await inside a task, giving the (TLS, if asked) transport and the protocol
     * @throws NullPointerException if {@code factory} or {@code host} is null
     * @throws TlsError (when awaited) if the handshake fails or times out, naming host, port and reason
     */
    @CheckReturnValue
    public static <P extends BaseProtocol> Coro<Connected<P>> createConnection(Supplier<P> factory, String host,
                                                                              int port, TlsOptions tls) {
        return Coro.named("Net.createConnection", createConnection(factory, host, port, tls,
                ConnectOptions.defaults()));
    }

    /**
     * The general form: CPython's {@code loop.create_connection} with {@code happy_eyeballs_delay=},
     * {@code interleave=} and {@code all_errors=} ({@code options}). Resolves {@code host}, reorders its addresses
     * by {@link ConnectOptions#interleave()} and tries them one after another or, with a
     * {@link ConnectOptions#happyEyeballsDelay()}, raced as RFC 8305 says: a new attempt starts every delay while
     * the earlier ones are still pending (at once when the latest fails), the first to connect wins and the others
     * are cancelled and their sockets closed (see {@link Sockets#startConnection}). Then the protocol from
     * {@code factory} is wired to the winner (after the TLS handshake, if {@code tls} is set), and the await returns
     * once its {@code connectionMade} has run.
     *
     * <p>Cancelling the awaiting task cancels every attempt, closes every socket opened (or aborts the new
     * transport) and leaves no protocol attached.
     *
     * @param <P> the protocol's type
     * @param factory makes the protocol, called once on the loop's thread after a socket connects
     * @param host a host name or address literal, resolved off the loop (see {@link Sockets#ensureResolved})
     * @param port the port, 0..65535
     * @param tls the TLS options, or null for plain TCP
     * @param options the delay, interleave and error report ({@link ConnectOptions#defaults()}: CPython's)
     * @return a coroutine to await inside a task, giving the transport and the protocol
     * @throws NullPointerException if {@code factory}, {@code host} or {@code options} is null
     * @throws ConnectionError (when awaited) if every address failed, naming host and port: for several addresses,
     *         every address's error in the message ({@code "Multiple exceptions: ..."}) and in
     *         {@link ConnectionError#exceptions()} (a {@link ConnectionRefusedError} if all refused)
     * @throws io.asyncio4j.ExceptionGroup (when awaited) instead, with {@link ConnectOptions#allErrors()}, of every
     *         address's error
     * @throws TlsError (when awaited) if the handshake fails or times out, naming host, port and reason
     */
    @CheckReturnValue
    public static <P extends BaseProtocol> Coro<Connected<P>> createConnection(Supplier<P> factory, String host,
                                                                              int port, TlsOptions tls,
                                                                              ConnectOptions options) {
        Objects.requireNonNull(factory, "createConnection: the protocol factory is null");
        Objects.requireNonNull(host, "createConnection: the host is null");
        Objects.requireNonNull(options, "createConnection: the options are null");
        return Coro.named("Net.createConnection", () -> {
            List<InetSocketAddress> addresses = Sockets.ensureResolved(host, port).await();
            SocketChannel connected = HappyEyeballs.connect(host + ":" + port, addresses, options);
            return attach(factory, connected, host, port, host + ":" + port, tls);
        });
    }

    /**
     * CPython's {@code loop.create_connection(sock=...)}: wires a new protocol from {@code factory} to a socket
     * already connected (for instance by {@link Sockets#startConnection}), over TLS if {@code tls} is not null;
     * returns once the protocol's {@code connectionMade} has run (after the handshake). The transport owns the
     * socket from then on. If the handshake fails or the awaiting task is cancelled, the socket is closed.
     *
     * @param <P> the protocol's type
     * @param factory makes the protocol, called once on the loop's thread
     * @param sock a connected socket; made non-blocking
     * @param tls the TLS options, whose {@link TlsOptions#serverHostname()} is the name verified and sent as SNI; or
     *        null for plain TCP
     * @return a coroutine to await inside a task, giving the transport and the protocol
     * @throws NullPointerException if {@code factory} or {@code sock} is null
     * @throws IllegalArgumentException if {@code tls} has no server host name (CPython's "You must set
     *         server_hostname when using ssl without a host"), or {@code sock} is not connected
     * @throws TlsError (when awaited) if the handshake fails or times out
     */
    @CheckReturnValue
    public static <P extends BaseProtocol> Coro<Connected<P>> createConnection(Supplier<P> factory,
                                                                              SocketChannel sock, TlsOptions tls) {
        Objects.requireNonNull(factory, "createConnection: the protocol factory is null");
        Objects.requireNonNull(sock, "createConnection: the socket is null");
        if (tls != null && tls.serverHostname() == null) {
            throw new IllegalArgumentException("You must set server_hostname when using ssl without a host");
        }
        if (!sock.isConnected()) {
            throw new IllegalArgumentException("createConnection: the socket is not connected: " + sock);
        }
        return Coro.named("Net.createConnection", () -> {
            String peer = Sockets.peer(sock);
            int port = sock.getRemoteAddress() instanceof InetSocketAddress a ? a.getPort() : -1;
            try {
                sock.configureBlocking(false);
            } catch (IOException e) {
                closeQuietly(sock);
                throw ConnectionError.of(peer, e);
            }
            return attach(factory, sock, tls == null ? null : tls.serverHostname(), port, peer, tls);
        });
    }

    /** The protocol wired to {@code connected} (the TLS handshake done first, if asked); the socket closed on failure. */
    private static <P extends BaseProtocol> Connected<P> attach(Supplier<P> factory, SocketChannel connected,
                                                               String host, int port, String peer, TlsOptions tls) {
        EventLoop loop = Asyncio.getRunningLoop();
        P protocol;
        TlsProtocol tlsProtocol;
        Future<Void> waiter = loop.createFuture();
        SocketTransport t;
        try {
            protocol = factory.get();
            tlsProtocol = tls == null ? null
                    : new TlsProtocol(loop, clientEngine(tls, host, port), tls, peer, protocol, waiter);
            t = SocketTransport.attach(loop, connected, tls == null ? protocol : tlsProtocol,
                    tls == null ? waiter : null, null);
        } catch (Throwable e) {
            closeQuietly(connected);
            throw e;
        }
        try {
            waiter.await();
        } catch (Throwable e) {
            t.abort();
            throw e;
        }
        return new Connected<>(tls == null ? t : tlsProtocol.appTransport(), protocol);
    }

    /**
     * Listens on {@code host:port} (null host: every interface; port 0: a free port) with {@code SO_REUSEADDR} and
     * a backlog of 100, and serves each connection with a new protocol from {@code factory}.
     *
     * @param factory makes one protocol per accepted connection, on the loop's thread
     * @param host the address or name to bind, or null for every interface
     * @param port the port, 0..65535 (0: a free port, see {@link AbstractServer#port()})
     * @return a coroutine to await inside a task, giving the listening server
     */
    @CheckReturnValue
    public static Coro<AbstractServer> createServer(Supplier<? extends BaseProtocol> factory, String host,
                                                    int port) {
        return Coro.named("Net.createServer", createServer(factory, java.util.Collections.singletonList(host), port, 100, null));
    }

    /**
     * As {@link #createServer(Supplier, String, int)}, serving TLS with {@code tls}'s context (its key managers
     * hold the server's certificate). Each connection's protocol gets its {@code connectionMade} after the
     * handshake; failed handshakes are reported to the loop's exception handler.
     *
     * @param factory makes one application protocol per accepted connection, on the loop's thread
     * @param host the address or name to bind, or null for every interface
     * @param port the port, 0..65535 (0: a free port)
     * @param tls the TLS options, or null for plain TCP
     * @return a coroutine to await inside a task, giving the listening server
     */
    @CheckReturnValue
    public static Coro<AbstractServer> createServer(Supplier<? extends BaseProtocol> factory, String host,
                                                    int port, TlsOptions tls) {
        return Coro.named("Net.createServer", createServer(factory, java.util.Collections.singletonList(host), port, 100, tls));
    }

    /**
     * The general form of {@code createServer}: listens on every address of each of {@code hosts} (a null host:
     * every interface) at {@code port} (0: a free port, shared by all the addresses if possible) with
     * {@code SO_REUSEADDR} and {@code backlog}, serving TLS if {@code tls} is not null. See
     * {@link AbstractServer#listen(List, int)}.
     *
     * @param factory makes one protocol per accepted connection, on the loop's thread
     * @param hosts the addresses or names to bind (a null element: every interface)
     * @param port the port, 0..65535
     * @param backlog the listen backlog of each socket
     * @param tls the TLS options, or null for plain TCP
     * @return a coroutine to await inside a task, giving the listening server
     * @throws NullPointerException if {@code factory} is null
     * @throws IllegalArgumentException if {@code hosts} is empty, {@code port} is not in 0..65535 or
     *         {@code backlog} is not positive
     * @throws java.io.UncheckedIOException (when awaited) naming host and port if resolving or binding fails
     */
    @CheckReturnValue
    public static Coro<AbstractServer> createServer(Supplier<? extends BaseProtocol> factory, List<String> hosts,
                                                    int port, int backlog, TlsOptions tls) {
        return Coro.named("Net.createServer", createServer(factory, hosts, port, backlog, tls, false));
    }

    /**
     * As {@link #createServer(Supplier, List, int, int, TlsOptions)}, and with {@code keepAlive} every accepted
     * connection gets {@code SO_KEEPALIVE}: CPython 3.13's {@code loop.create_server(..., keep_alive=True)}. See
     * {@link AbstractServer#AbstractServer(Supplier, int, TlsOptions, boolean)}.
     *
     * <pre>{@code
     * AbstractServer server = Net.createServer(Echo::new, List.of("0.0.0.0"), 8888, 100, null, true).await();
     * }</pre>
     *
     * @param factory makes one protocol per accepted connection, on the loop's thread
     * @param hosts the addresses or names to bind (a null element: every interface)
     * @param port the port, 0..65535
     * @param backlog the listen backlog of each socket
     * @param tls the TLS options, or null for plain TCP
     * @param keepAlive whether accepted connections get {@code SO_KEEPALIVE} (CPython's default: no)
     * @return a coroutine to await inside a task, giving the listening server
     * @throws NullPointerException if {@code factory} is null
     * @throws IllegalArgumentException if {@code hosts} is empty, {@code port} is not in 0..65535 or
     *         {@code backlog} is not positive
     * @throws java.io.UncheckedIOException (when awaited) naming host and port if resolving or binding fails
     */
    @CheckReturnValue
    public static Coro<AbstractServer> createServer(Supplier<? extends BaseProtocol> factory, List<String> hosts,
                                                    int port, int backlog, TlsOptions tls, boolean keepAlive) {
        return Coro.named("Net.createServer", createServer(factory, hosts, port, backlog, tls, keepAlive, false));
    }

    /**
     * As {@link #createServer(Supplier, List, int, int, TlsOptions, boolean)}, and with {@code reusePort} each
     * listening socket gets {@code SO_REUSEPORT}: CPython's {@code loop.create_server(..., reuse_port=True)}.
     * Servers on several loops (each on its own thread, or in other processes) may then listen on the same port,
     * and the kernel spreads the connections between them: one loop per core without a shared accept. Bind the
     * first with port 0 and the others with the port it got. See
     * {@link AbstractServer#AbstractServer(Supplier, int, TlsOptions, boolean, boolean)}.
     *
     * <pre>{@code
     * // on each of several loops, each on its own thread:
     * AbstractServer server = Net.createServer(Echo::new, List.of("0.0.0.0"), 8888, 100, null, false, true).await();
     * }</pre>
     *
     * @param factory makes one protocol per accepted connection, on the loop's thread
     * @param hosts the addresses or names to bind (a null element: every interface)
     * @param port the port, 0..65535
     * @param backlog the listen backlog of each socket
     * @param tls the TLS options, or null for plain TCP
     * @param keepAlive whether accepted connections get {@code SO_KEEPALIVE} (CPython's default: no)
     * @param reusePort whether the listening sockets get {@code SO_REUSEPORT} (CPython's default: no)
     * @return a coroutine to await inside a task, giving the listening server
     * @throws NullPointerException if {@code factory} is null
     * @throws IllegalArgumentException if {@code hosts} is empty, {@code port} is not in 0..65535 or
     *         {@code backlog} is not positive
     * @throws UnsupportedOperationException if {@code reusePort} is set and the platform has no
     *         {@code SO_REUSEPORT} (see {@link #reusePortSupported()}), at once
     * @throws java.io.UncheckedIOException (when awaited) naming host and port if resolving or binding fails (a
     *         port held by a socket without {@code SO_REUSEPORT} is in use)
     */
    @CheckReturnValue
    public static Coro<AbstractServer> createServer(Supplier<? extends BaseProtocol> factory, List<String> hosts,
                                                    int port, int backlog, TlsOptions tls, boolean keepAlive,
                                                    boolean reusePort) {
        Objects.requireNonNull(factory, "createServer: the protocol factory is null");
        AbstractServer.checkAddress(hosts, port);
        AbstractServer.checkReusePort(reusePort);
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog must be > 0, not " + backlog);
        }
        List<String> names = new ArrayList<>(hosts);
        return Coro.named("Net.createServer", () -> {
            ProtocolServer server = new ProtocolServer(factory, backlog, tls, keepAlive, reusePort);
            server.listen(names, port).await();
            return server;
        });
    }

    /**
     * Whether servers may be made with {@code reusePort} here: whether the JDK offers {@code SO_REUSEPORT} on a
     * server socket on this platform (Linux, macOS and the BSDs do; Windows does not). Where it does not,
     * {@code reusePort} makes server creation throw {@link UnsupportedOperationException}, and several loops that
     * are to share a port need one acceptor that hands them the connections (as
     * {@code io.asyncio4j.http.web.Web.start} with several workers does by itself).
     *
     * @return true if {@code SO_REUSEPORT} can be set on a listening socket
     */
    public static boolean reusePortSupported() {
        return AbstractServer.reusePortSupported();
    }

    /**
     * Whether socket transports in this JVM read and write through the JDK's foreign calls, straight between the
     * kernel and Java arrays (see the javadoc of {@link SocketTransport}), rather than through the JDK's channels and
     * their direct buffers. True on Linux (x86-64, AArch64) when this module has native access
     * ({@code --enable-native-access=io.asyncio4j.net}, or {@code =ALL-UNNAMED} on the class path) and {@code java.base}
     * exports {@code sun.nio.ch} to it ({@code --add-exports java.base/sun.nio.ch=io.asyncio4j.net}), unless the
     * system property {@code asyncio4j.nativeSocketIo} is {@code false}. Either way the transports behave the same;
     * this says which path moves the bytes, for a program that wants to check its flags took effect.
     *
     * @return true if socket reads and writes go through the foreign calls
     */
    public static boolean nativeSocketIo() {
        return NativeSocketIo.INSTANCE != null;
    }

    /**
     * CPython's {@code loop.create_unix_connection}: connects to the Unix domain socket {@code path} and wires a
     * new protocol from {@code factory} to the connection; returns once the protocol's {@code connectionMade} has
     * run. The transport's {@code "peername"} is the path (a {@link java.net.UnixDomainSocketAddress}). While the
     * listener's backlog is full, the connect is retried (after 1 ms, then twice as long each time up to 50 ms), as
     * a blocking client would wait. Cancelling the awaiting task closes the socket being connected (or aborts the
     * new transport) and no protocol is left attached. TLS over Unix sockets is not offered.
     *
     * @param <P> the protocol's type
     * @param factory makes the protocol, called once on the loop's thread after the socket connects
     * @param path the socket file a server listens on
     * @return a coroutine to await inside a task, giving the transport and the protocol
     * @throws NullPointerException if {@code factory} or {@code path} is null
     * @throws ConnectionError (when awaited) naming the path: if there is no such file (Python's
     *         {@code FileNotFoundError}: {@code [Errno 2] No such file or directory}, the cause a
     *         {@link java.nio.file.NoSuchFileException}), or a {@link ConnectionRefusedError} if no one listens
     *         there
     */
    @CheckReturnValue
    public static <P extends BaseProtocol> Coro<Connected<P>> createUnixConnection(Supplier<P> factory,
                                                                                  java.nio.file.Path path) {
        Objects.requireNonNull(factory, "createUnixConnection: the protocol factory is null");
        Objects.requireNonNull(path, "createUnixConnection: the path is null");
        return Coro.named("Net.createUnixConnection",
                () -> attach(factory, UnixSockets.connect(path), null, -1, path.toString(), null));
    }

    /**
     * CPython's {@code loop.create_unix_server}: listens on the Unix domain socket {@code path} with a backlog of
     * 100 and serves each connection with a new protocol from {@code factory}. A socket file already at
     * {@code path} (left by an earlier run) is replaced; any other file there makes it fail. Closing the server
     * removes the socket file, as CPython 3.13's default {@code cleanup_socket=True} (see
     * {@link AbstractServer#listenUnix}). TLS over Unix sockets is not offered.
     *
     * @param factory makes one protocol per accepted connection, on the loop's thread
     * @param path the socket file to create (its directory must exist; fewer than 108 bytes on Linux)
     * @return a coroutine to await inside a task, giving the listening server ({@link AbstractServer#path()})
     * @throws NullPointerException if {@code factory} or {@code path} is null
     * @throws java.io.UncheckedIOException (when awaited) naming the path if binding fails
     */
    @CheckReturnValue
    public static Coro<AbstractServer> createUnixServer(Supplier<? extends BaseProtocol> factory,
                                                        java.nio.file.Path path) {
        Objects.requireNonNull(factory, "createUnixServer: the protocol factory is null");
        Objects.requireNonNull(path, "createUnixServer: the path is null");
        return Coro.named("Net.createUnixServer", () -> {
            ProtocolServer server = new ProtocolServer(factory, 100, null, false, false);
            server.listenUnix(path).await();
            return server;
        });
    }

    /**
     * CPython's {@code loop.start_tls}: upgrades an open connection to TLS. {@code protocol} (the transport's
     * current application protocol) then talks through the returned transport, once the handshake is done; do not
     * use the old transport any more. Bytes the transport receives before this call still go to the old protocol:
     * pause reading (or agree on the switch in the protocol, as STARTTLS does) until it is made. If the handshake
     * fails or the awaiting task is cancelled, the transport is aborted.
     *
     * @param transport the open transport, on the running loop
     * @param protocol the application protocol that talks through the returned transport
     * @param tls the TLS options; on the client side, {@link TlsOptions#serverHostname()} (else the peer's host)
     *        is verified
     * @param serverSide true to act as the TLS server
     * @return a coroutine to await inside a task, giving the TLS transport
     * @throws NullPointerException if {@code transport} or {@code tls} is null
     */
    @CheckReturnValue
    public static Coro<Transport> startTls(Transport transport, BaseProtocol protocol, TlsOptions tls,
                                           boolean serverSide) {
        Objects.requireNonNull(transport, "startTls: the transport is null");
        Objects.requireNonNull(tls, "startTls: the TLS options are null");
        return Coro.named("Net.startTls", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Object peerName = transport.getExtraInfo("peername");
            String peer = String.valueOf(peerName);
            javax.net.ssl.SSLEngine engine;
            if (serverSide) {
                engine = tls.context().createSSLEngine();
                engine.setUseClientMode(false);
            } else {
                String host = tls.serverHostname();
                if (host == null && peerName instanceof InetSocketAddress a) {
                    host = a.getHostString();
                }
                engine = clientEngine(tls, host, peerName instanceof InetSocketAddress a ? a.getPort() : -1);
            }
            Future<Void> waiter = loop.createFuture();
            TlsProtocol tlsProtocol = new TlsProtocol(loop, engine, tls, peer, protocol, waiter, false);
            // Pause first, so that no byte reaches the TLS protocol before its connectionMade (as CPython).
            transport.pauseReading();
            transport.setProtocol(tlsProtocol);
            loop.callSoon(() -> tlsProtocol.connectionMade(transport));
            loop.callSoon(transport::resumeReading);
            try {
                waiter.await();
            } catch (Throwable e) {
                transport.abort();
                throw e;
            }
            return tlsProtocol.appTransport();
        });
    }

    /**
     * CPython's {@code loop.sendfile(transport, file, offset, count, fallback=True)} [3.7]: sends {@code count}
     * bytes of {@code file} from {@code offset} (all of it to the end if {@code count} is null, or up to the end
     * if the file is shorter) through {@code transport}, and gives the number of bytes sent.
     *
     * <p>On a plain socket transport ({@link SocketTransport}: TCP or Unix domain) the kernel copies the file to
     * the socket ({@link FileChannel#transferTo}, {@code sendfile(2)} on Linux) without the bytes entering the
     * JVM: what the transport had buffered is written first, then the socket buffer is refilled each time the
     * loop finds it writable. Meanwhile the transport does not read, and its {@code write} throws
     * {@link IllegalStateException} ({@code "unable to write; sendfile is in progress"}), as CPython's. On any
     * other transport (TLS above all) the file is read in chunks off the loop's thread and written through the
     * transport, waiting whenever its buffer is above the high water mark (the transport's protocol is swapped
     * for one that listens to {@code pauseWriting}/{@code resumeWriting}, and put back afterwards; the loss of
     * the connection still reaches it).
     *
     * <p>As CPython documents, the file's position is set to {@code offset} plus the bytes sent when any were
     * sent, and left alone otherwise; {@code offset} is absolute, not relative to the position. The channel
     * stays open: it is the caller's to close.
     *
     * <p>Run it inside a task on the transport's loop. Cancellation: the copy stops where it is, the file's
     * position says how far it got, and the transport stays open (its reading resumed, its protocol restored);
     * the peer has received a prefix of the range, so a framed protocol (HTTP) must close the connection. If
     * the socket fails during the zero-copy path, the transport is aborted.
     *
     * @param transport the transport to send through, open, on the running loop
     * @param file the file, open for reading
     * @param offset where to start in the file, {@code >= 0}
     * @param count how many bytes to send, {@code > 0}, or null for all to the end of the file
     * @return a coroutine to await inside a task, giving the number of bytes sent
     * @throws NullPointerException if {@code transport} or {@code file} is null (at once)
     * @throws IllegalArgumentException if {@code offset < 0} or {@code count <= 0}, with CPython's message
     *         (at once)
     * @throws IllegalStateException (when awaited) if the transport is closing ({@code "Transport is closing"})
     * @throws ConnectionError (when awaited) if the connection fails or is closed during the copy
     */
    @CheckReturnValue
    public static Coro<Long> sendfile(Transport transport, FileChannel file, long offset, Long count) {
        Objects.requireNonNull(transport, "sendfile: the transport is null");
        Objects.requireNonNull(file, "sendfile: the file is null");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be a non-negative integer (got " + offset + ")");
        }
        if (count != null && count <= 0) {
            throw new IllegalArgumentException("count must be a positive integer (got " + count + ")");
        }
        return Coro.named("Net.sendfile", () -> {
            if (transport.isClosing()) {
                throw new IllegalStateException("Transport is closing");
            }
            if (transport instanceof SocketTransport st) {
                return Sendfile.nativeSend(st, file, offset, count);
            }
            return Sendfile.fallback(transport, file, offset, count);
        });
    }

    /** A client engine that verifies the server's certificate chain and host name (and sends SNI). */
    static javax.net.ssl.SSLEngine clientEngine(TlsOptions tls, String host, int port) {
        String name = tls.serverHostname() != null ? tls.serverHostname() : host;
        javax.net.ssl.SSLEngine engine = tls.context().createSSLEngine(name, port);
        engine.setUseClientMode(true);
        javax.net.ssl.SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (name != null && !isIpLiteral(name)) {
            p.setServerNames(List.of(new javax.net.ssl.SNIHostName(name)));
        }
        engine.setSSLParameters(p);
        return engine;
    }

    private static boolean isIpLiteral(String s) {
        return s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /**
     * CPython's {@code loop.create_datagram_endpoint}: a UDP endpoint bound to {@code local} (null: any port) and,
     * if {@code remote} is not null, connected to it (then it only talks to that peer). Returns once the protocol's
     * {@code connectionMade} has run.
     *
     * @param <P> the protocol's type
     * @param factory makes the protocol, called once on the loop's thread
     * @param local the local address to bind, or null for any
     * @param remote the only peer, or null to talk to any
     * @return a coroutine to await inside a task, giving the transport and the protocol
     * @throws NullPointerException if {@code factory} is null
     * @throws java.io.UncheckedIOException (when awaited) naming the address if binding or connecting fails
     */
    @CheckReturnValue
    public static <P extends DatagramProtocol> Coro<Datagram<P>> createDatagramEndpoint(Supplier<P> factory,
            InetSocketAddress local, InetSocketAddress remote) {
        Objects.requireNonNull(factory, "createDatagramEndpoint: the protocol factory is null");
        return Coro.named("Net.createDatagramEndpoint", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            java.nio.channels.DatagramChannel ch = java.nio.channels.DatagramChannel.open();
            DatagramTransport t;
            P protocol;
            try {
                ch.configureBlocking(false);
                ch.bind(local);
                if (remote != null) {
                    ch.connect(remote);
                }
                protocol = factory.get();
                Future<Void> waiter = loop.createFuture();
                t = new DatagramTransport(loop, ch, protocol, remote, waiter);
                waiter.await();
            } catch (IOException e) {
                closeQuietly(ch);
                throw new java.io.UncheckedIOException("cannot open a UDP endpoint on " + local
                        + (remote == null ? "" : " to " + remote) + ": " + e.getMessage(), e);
            } catch (Throwable e) {
                closeQuietly(ch);
                throw e;
            }
            return new Datagram<>(t, protocol);
        });
    }

    static void closeQuietly(java.nio.channels.Channel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
