package io.asyncio4j.net;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A listening server: CPython's {@code asyncio.AbstractServer} (the name of {@code events.AbstractServer}) holding
 * the implementation of {@code base_events.Server}. Its listening sockets sit on one loop and each accepted
 * connection is served by a new protocol from the server's factory (wrapped in TLS if the server was made with
 * {@link TlsOptions}). {@link Net#createServer(Supplier, List, int, int, TlsOptions)} returns one listening on TCP,
 * {@link Net#createUnixServer} one listening on a Unix domain socket; {@code io.asyncio4j.streams.Server}, what
 * {@code Streams.startServer} returns, is the streams API's subclass.
 *
 * <p>A server starts serving once {@link #listen(List, int)} has bound it. {@link #close()} stops accepting and
 * closes the listening sockets; connections already accepted go on until they end. {@link #waitClosed()} then waits
 * for them. {@link #serveForever()} waits until the server is closed or the awaiting task is cancelled, which closes
 * it (and, as in CPython 3.12, waits for the connections). To end the connections too, as on Ctrl-C,
 * {@link #closeClients()} closes them and {@link #abortClients()} aborts them (CPython 3.13). Every method is for the
 * thread of the loop the server listens on; none is thread-safe.
 */
public abstract class AbstractServer implements AutoCloseable {
    private final Supplier<? extends BaseProtocol> factory;
    private final int backlog;
    private final boolean keepAlive;
    private final boolean reusePort;
    private EventLoop loop;
    /** The listening channels; empty before {@link #listen}, null once closed. */
    private List<ServerSocketChannel> channels = List.of();
    private boolean bound;
    /** The Unix socket path listened on ({@link #listenUnix}), or null for TCP. */
    private java.nio.file.Path unixPath;
    /** The identity of the socket file bound at {@link #unixPath}, to remove that file only on close. */
    private Object unixKey;
    /** Listening channels closed but maybe still registered with the loop's selector (so still bound). */
    private List<ServerSocketChannel> released = List.of();
    private boolean serving;
    private int activeCount;
    /** The transports of the connections accepted and not yet lost (CPython 3.13's {@code Server._clients}). */
    private final Set<Transport> clients = new LinkedHashSet<>();
    private final List<Future<Void>> waiters = new ArrayList<>();
    private Future<Void> servingForever;

    /**
     * A server not yet listening: {@link #listen(List, int)} binds it and starts serving. Each accepted
     * connection gets a new protocol from {@code factory}, on the loop's thread; with {@code tls}, the protocol is
     * wrapped in a TLS server protocol whose handshake runs first (the application protocol's
     * {@code connectionMade} comes after it; failed handshakes are reported to the loop's exception handler).
     *
     * @param factory makes one protocol per accepted connection, on the loop's thread
     * @param backlog the kernel's queue of connections not yet accepted, per socket; also the most connections
     *        accepted in one go
     * @param tls the TLS options (the context's key managers hold the certificate), or null for plain TCP
     * @throws NullPointerException if {@code factory} is null
     * @throws IllegalArgumentException if {@code backlog} is not positive
     */
    protected AbstractServer(Supplier<? extends BaseProtocol> factory, int backlog, TlsOptions tls) {
        this(factory, backlog, tls, false);
    }

    /**
     * As {@link #AbstractServer(Supplier, int, TlsOptions)}, and with {@code keepAlive} every accepted connection
     * gets {@code SO_KEEPALIVE} (TCP keep-alive probes, so that a peer that vanished without a word is noticed):
     * CPython 3.13's {@code create_server(..., keep_alive=True)}. CPython sets the option on the listening socket,
     * whose accepted sockets inherit it on Linux; the JDK offers no {@code SO_KEEPALIVE} on a
     * {@code ServerSocketChannel}, so it is set on each accepted socket, before its protocol hears of it. The
     * probes' timing is the system's ({@code net.ipv4.tcp_keepalive_time} on Linux: two hours by default).
     *
     * @param factory makes one protocol per accepted connection, on the loop's thread
     * @param backlog the kernel's queue of connections not yet accepted, per socket; also the most connections
     *        accepted in one go
     * @param tls the TLS options (the context's key managers hold the certificate), or null for plain TCP
     * @param keepAlive whether accepted connections get {@code SO_KEEPALIVE}
     * @throws NullPointerException if {@code factory} is null
     * @throws IllegalArgumentException if {@code backlog} is not positive
     */
    protected AbstractServer(Supplier<? extends BaseProtocol> factory, int backlog, TlsOptions tls,
                             boolean keepAlive) {
        this(factory, backlog, tls, keepAlive, false);
    }

    /**
     * As {@link #AbstractServer(Supplier, int, TlsOptions, boolean)}, and with {@code reusePort} each listening
     * socket gets {@code SO_REUSEPORT} before it binds: CPython's {@code create_server(..., reuse_port=True)}.
     * Several sockets, in this process or others, may then listen on the same address and port, and the kernel
     * spreads the incoming connections between them (Linux: by a hash of the connection's addresses and ports), so
     * that several loops, each with a server of its own, share one port. Every socket of the group must set the
     * option (and, on Linux, belong to the same user).
     *
     * @param factory makes one protocol per accepted connection, on the loop's thread
     * @param backlog the kernel's queue of connections not yet accepted, per socket; also the most connections
     *        accepted in one go
     * @param tls the TLS options (the context's key managers hold the certificate), or null for plain TCP
     * @param keepAlive whether accepted connections get {@code SO_KEEPALIVE}
     * @param reusePort whether the listening sockets get {@code SO_REUSEPORT}
     * @throws NullPointerException if {@code factory} is null
     * @throws IllegalArgumentException if {@code backlog} is not positive
     * @throws UnsupportedOperationException if {@code reusePort} is set and the platform has no
     *         {@code SO_REUSEPORT} ({@link Net#reusePortSupported()} is false)
     */
    protected AbstractServer(Supplier<? extends BaseProtocol> factory, int backlog, TlsOptions tls,
                             boolean keepAlive, boolean reusePort) {
        Objects.requireNonNull(factory, "the protocol factory is null");
        checkReusePort(reusePort);
        this.keepAlive = keepAlive;
        this.reusePort = reusePort;
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog must be > 0, not " + backlog);
        }
        this.backlog = backlog;
        this.factory = tls == null ? factory : () -> { // called on the loop's thread, for each accepted connection
            javax.net.ssl.SSLEngine engine = tls.context().createSSLEngine();
            engine.setUseClientMode(false);
            return new TlsProtocol(loop, engine, tls, "a client", factory.get(), null);
        };
    }

    /**
     * For tests: makes {@link #reusePortSupported()} false, as on a platform without {@code SO_REUSEPORT}.
     * Package-private; set and reset by tests of this package only.
     */
    static volatile boolean simulateNoReusePort;

    /** Whether the JDK offers {@code SO_REUSEPORT} on a server socket here, asked once. */
    private static final boolean REUSE_PORT = probeReusePort();

    private static boolean probeReusePort() {
        try (ServerSocketChannel ch = ServerSocketChannel.open()) {
            return ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** {@link Net#reusePortSupported()}. */
    static boolean reusePortSupported() {
        return REUSE_PORT && !simulateNoReusePort;
    }

    /** The check of {@code reusePort}, for factories that check before they return their coroutine. */
    static void checkReusePort(boolean reusePort) {
        if (reusePort && !reusePortSupported()) {
            throw new UnsupportedOperationException("reusePort: SO_REUSEPORT is not supported on this platform ("
                    + System.getProperty("os.name") + "; CPython: 'reuse_port not supported by socket module'); "
                    + "listen on one socket, or check Net.reusePortSupported() first");
        }
    }

    /** The checks {@link #listen} makes, for factories that check before they return their coroutine. */
    static void checkAddress(List<String> hosts, int port) {
        Objects.requireNonNull(hosts, "the host list is null");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no host to listen on");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, not " + port);
        }
    }

    /**
     * Binds to every address of each of {@code hosts} (CPython's {@code create_server} with a sequence of hosts),
     * each address once, at {@code port} (0: a free port, the same for all addresses if possible), with
     * {@code SO_REUSEADDR} (and {@code SO_REUSEPORT} if the server was made with {@code reusePort}) and the
     * server's backlog, on the running loop, and starts serving. A null host is the
     * wildcard address: one socket that accepts IPv4 and, where the system has IPv6, IPv6 connections (CPython
     * opens two sockets, {@code 0.0.0.0} and {@code ::}; the JDK cannot set {@code IPV6_V6ONLY}). Host names are
     * resolved on the default executor; if any address cannot be bound, the sockets already bound are closed.
     * Cancelling the awaiting task while names resolve binds nothing. A subclass's factory method awaits this once,
     * before it hands the server out.
     *
     * @param hosts the addresses or names to bind (a null element: every interface)
     * @param port the port, 0..65535
     * @return a coroutine to await inside a task, on the loop the server is to serve on
     * @throws NullPointerException if {@code hosts} is null
     * @throws IllegalArgumentException if {@code hosts} is empty or {@code port} is not in 0..65535
     * @throws IllegalStateException (when awaited) if the server was bound or closed before
     * @throws UncheckedIOException (when awaited) naming the host and port if resolving or binding fails
     */
    protected final Coro<Void> listen(List<String> hosts, int port) {
        checkAddress(hosts, port);
        List<String> names = new ArrayList<>(hosts);
        return () -> {
            if (bound || channels == null) {
                throw new IllegalStateException("server " + this + (bound ? " is already bound" : " is closed"));
            }
            bound = true;
            EventLoop running = Asyncio.getRunningLoop();
            LinkedHashSet<InetSocketAddress> addrs = new LinkedHashSet<>();
            for (String host : names) {
                try {
                    addrs.addAll(Sockets.ensureResolved(host, port).await());
                } catch (UncheckedIOException e) {
                    throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            }
            List<ServerSocketChannel> opened = new ArrayList<>();
            int p = port;
            InetSocketAddress current = null;
            try {
                for (InetSocketAddress addr : addrs) {
                    current = addr;
                    ServerSocketChannel ch = ServerSocketChannel.open();
                    opened.add(ch);
                    ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    if (reusePort) {
                        ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                    }
                    ch.bind(p == 0 ? addr : new InetSocketAddress(addr.getAddress(), p), backlog);
                    p = ((InetSocketAddress) ch.getLocalAddress()).getPort(); // the other addresses share the port
                    ch.configureBlocking(false);
                }
            } catch (IOException e) {
                opened.forEach(AbstractServer::closeQuietly);
                String where = names.size() == 1 && names.get(0) == null ? "*" : String.join(",",
                        names.stream().map(String::valueOf).toList());
                throw new UncheckedIOException("cannot listen on " + where + ":" + p + " (" + current + "): "
                        + e.getMessage(), e);
            }
            loop = running;
            channels = opened;
            startServing();
            return null;
        };
    }

    /**
     * Binds to the Unix domain socket {@code path} (CPython's {@code create_unix_server}) with the server's
     * backlog, on the running loop, and starts serving. As CPython: a socket file already at {@code path} (left by
     * an earlier run) is removed and replaced; any other kind of file there makes the bind fail and stays. As
     * CPython 3.13 ({@code cleanup_socket=True}), {@link #close()} removes the socket file, unless another file has
     * replaced it since. TLS is not offered over Unix sockets; the server's factory must be a plain one. A
     * subclass's factory method awaits this once, before it hands the server out.
     *
     * @param path the socket file to create; its directory must exist, and the path's bytes be fewer than the
     *        system's limit (108 on Linux)
     * @return a coroutine to await inside a task, on the loop the server is to serve on
     * @throws NullPointerException if {@code path} is null
     * @throws IllegalStateException (when awaited) if the server was bound or closed before
     * @throws UncheckedIOException (when awaited) naming the path if binding fails
     */
    protected final Coro<Void> listenUnix(java.nio.file.Path path) {
        Objects.requireNonNull(path, "the socket path is null");
        return () -> {
            if (bound || channels == null) {
                throw new IllegalStateException("server " + this + (bound ? " is already bound" : " is closed"));
            }
            bound = true;
            EventLoop running = Asyncio.getRunningLoop();
            ServerSocketChannel ch = UnixSockets.bind(path, backlog);
            loop = running;
            channels = List.of(ch);
            unixPath = path;
            unixKey = UnixSockets.fileKey(path);
            startServing();
            return null;
        };
    }

    /**
     * Starts accepting connections: CPython's {@code Server.start_serving}, which {@link #listen(List, int)} has
     * done already. Idempotent; does nothing before the server is bound or once it is closed.
     */
    public void startServing() {
        if (serving || channels == null || loop == null) {
            return;
        }
        serving = true;
        for (ServerSocketChannel ch : channels) {
            loop.addReader(ch, () -> acceptConnections(ch));
        }
    }

    private void acceptConnections(ServerSocketChannel ch) {
        for (int i = 0; i < backlog; i++) {
            SocketChannel c;
            try {
                c = ch.accept();
            } catch (IOException e) {
                // Out of file descriptors, say: stop accepting for a second, as CPython does. Paused before the
                // report, so that even a report that fails cannot leave the loop spinning on the listener.
                loop.removeReader(ch);
                loop.callLater(1.0, () -> {
                    if (serving && channels != null && channels.contains(ch)) {
                        loop.addReader(ch, () -> acceptConnections(ch));
                    }
                });
                report("socket.accept() out of system resource", e, ch);
                return;
            }
            if (c == null) {
                return;
            }
            if (keepAlive) {
                try {
                    c.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                } catch (IOException e) {
                    closeQuietly(c); // the peer may already be gone: that connection is dropped, the next served
                    report("cannot set SO_KEEPALIVE on an accepted connection", e, null);
                    continue;
                }
            }
            BaseProtocol protocol;
            try {
                protocol = factory.get();
            } catch (Throwable e) {
                closeQuietly(c); // never leak the accepted socket, whatever failed (a class that cannot load)
                rethrowIfVmError(e);
                report("the protocol factory failed", e, null);
                continue;
            }
            activeCount++;
            Transport[] attached = new Transport[1]; // the connection's transport, for its onConnectionLost
            try {
                attached[0] = SocketTransport.attach(loop, c, protocol, null, () -> detach(attached[0]));
                clients.add(attached[0]);
            } catch (Throwable e) {
                closeQuietly(c);
                detach(null);
                rethrowIfVmError(e);
                report("cannot set up an accepted connection", e, null);
            }
        }
    }

    /** To the loop's exception handler, with the listening {@code socket} if one is concerned. */
    private void report(String message, Throwable e, ServerSocketChannel socket) {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("message", message);
        ctx.put("exception", e);
        if (socket != null) {
            ctx.put("socket", socket);
        }
        loop.callExceptionHandler(ctx);
    }

    /** Out of memory and the like end the loop, as they do in {@code Handle}; anything else is reported. */
    private static void rethrowIfVmError(Throwable e) {
        if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
            throw vme;
        }
    }

    private void detach(Transport transport) {
        activeCount--;
        clients.remove(transport);
        if (activeCount == 0 && channels == null) {
            wakeUp();
        }
    }

    private void wakeUp() {
        for (Future<Void> w : waiters) {
            if (!w.done()) {
                w.setResult(null);
            }
        }
        waiters.clear();
    }

    /**
     * The port the server listens on, handy after binding port 0.
     *
     * @return the port of the first listening socket, or -1 once closed and for a Unix socket server
     */
    public int port() {
        List<InetSocketAddress> s = sockets();
        return s.isEmpty() ? -1 : s.get(0).getPort();
    }

    /**
     * CPython's {@code Server.sockets}, as addresses.
     *
     * @return the addresses this server listens on, a new list; empty once closed, and for a Unix socket server
     *         (see {@link #path()})
     */
    public List<InetSocketAddress> sockets() {
        List<InetSocketAddress> out = new ArrayList<>();
        if (channels != null) {
            for (ServerSocketChannel ch : channels) {
                try {
                    if (ch.getLocalAddress() instanceof InetSocketAddress a) { // a Unix socket's is its path()
                        out.add(a);
                    }
                } catch (IOException ignored) {
                    // a closed channel has no address
                }
            }
        }
        return out;
    }

    /**
     * The Unix domain socket file this server listens on, CPython's {@code server.sockets[0].getsockname()} for a
     * server of {@code create_unix_server}.
     *
     * @return the path given to {@link #listenUnix}, even once closed (the file is gone then); null for a TCP
     *         server or before it is bound
     */
    public java.nio.file.Path path() {
        return unixPath;
    }

    /**
     * CPython's {@code Server.is_serving}.
     *
     * @return whether the server accepts connections
     */
    public boolean isServing() {
        return serving;
    }

    /**
     * CPython's {@code Server.serve_forever}: serves until the server is closed; cancelling the awaiting task closes
     * the server and waits for its connections to end before the {@link io.asyncio4j.CancelledError} goes on (as in
     * CPython 3.12 and 3.13: a client that stays connected holds it; a second cancellation ends that wait). To end
     * the connections on Ctrl-C, wait with {@link #waitClosed()} instead and call {@link #closeClients()} in a
     * {@code finally} (see {@code io.asyncio4j.streams.Server}).
     *
     * @return a coroutine to await inside a task; it ends (normally) when {@link #close()} is called
     * @throws IllegalStateException (when awaited) if the server is not bound, is closed or is already serving
     *         forever
     */
    @CheckReturnValue
    public Coro<Void> serveForever() {
        return Coro.named("Server.serveForever", () -> {
            if (servingForever != null) {
                throw new IllegalStateException("server " + this + " is already being awaited on serve_forever()");
            }
            if (channels == null) {
                throw new IllegalStateException("server " + this + " is closed");
            }
            if (loop == null) {
                throw new IllegalStateException("server " + this + " is not bound yet");
            }
            startServing();
            servingForever = loop.createFuture();
            try {
                servingForever.await();
            } catch (io.asyncio4j.CancelledError e) {
                close();
                try {
                    waitClosed().await();
                } catch (io.asyncio4j.CancelledError again) {
                    // cancelled again while the connections end: the first cancellation goes on
                }
                throw e;
            } finally {
                servingForever = null;
            }
            return null;
        });
    }

    /** Stops accepting and closes the listening sockets; connections already made go on. Idempotent. */
    @Override
    public void close() {
        List<ServerSocketChannel> chs = channels;
        if (chs == null) {
            return;
        }
        channels = null;
        serving = false;
        for (ServerSocketChannel ch : chs) {
            closeQuietly(ch);
            loop.removeReader(ch); // after closing: the loop then lets go of the socket at once
        }
        released = chs;
        if (unixPath != null) {
            UnixSockets.cleanup(unixPath, unixKey); // CPython 3.13's cleanup_socket
        }
        if (servingForever != null && !servingForever.done()) {
            servingForever.cancel();
            servingForever = null;
        }
        if (activeCount == 0) {
            wakeUp();
        }
    }

    /**
     * CPython 3.13's {@code Server.close_clients}: closes the transport of every connection this server accepted
     * that is still open, gracefully ({@link Transport#close()}: data already written is flushed first, then the
     * protocols get {@code connectionLost(null)}; a stream handler's reader sees end of file). Connections accepted
     * afterwards are not affected; with {@link #close()} first, none come, and {@link #waitClosed()} then ends once
     * the handlers have. Call it on the loop's thread.
     */
    public void closeClients() {
        for (Transport t : List.copyOf(clients)) {
            t.close();
        }
    }

    /**
     * CPython 3.13's {@code Server.abort_clients}: aborts the transport of every connection this server accepted
     * that is still open ({@link Transport#abort()}: unsent data is dropped and the protocols get
     * {@code connectionLost(null)} at once). Call it on the loop's thread.
     */
    public void abortClients() {
        for (Transport t : List.copyOf(clients)) {
            t.abort();
        }
    }

    /**
     * Waits until the server is closed, its listening sockets are released (the port refuses connections and can
     * be bound again) and every connection it accepted has ended. CPython's {@code Server.wait_closed}. Cancelling
     * the awaiting task ends only the wait.
     *
     * @return a coroutine to await inside a task
     * @throws IllegalStateException (when awaited) if the server was never bound and is not closed
     */
    @CheckReturnValue
    public Coro<Void> waitClosed() {
        return Coro.named("Server.waitClosed", () -> {
            if (channels != null || activeCount != 0) {
                if (loop == null) {
                    throw new IllegalStateException("server " + this + " is not bound yet");
                }
                Future<Void> w = loop.createFuture();
                waiters.add(w);
                w.await();
            }
            // A channel registered with a selector keeps its socket until the selector lets go of it, in the loop's
            // next select: wait for that, so that the port is free once this returns.
            while (released.stream().anyMatch(ServerSocketChannel::isRegistered)) {
                Asyncio.sleep(0).await();
            }
            return null;
        });
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /**
     * The server's sockets, whether it is serving and how many connections it has, for logs.
     *
     * @return a description such as {@code <Server sockets=[/127.0.0.1:8080] serving connections=2>}
     */
    @Override
    public String toString() {
        return "<Server sockets=" + (unixPath != null ? "[" + unixPath + "]" : sockets()) + (serving ? " serving" : "") + " connections=" + activeCount + ">";
    }
}
