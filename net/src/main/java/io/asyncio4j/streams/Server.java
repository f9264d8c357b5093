package io.asyncio4j.streams;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.net.BaseProtocol;
import io.asyncio4j.net.SocketTransport;
import io.asyncio4j.net.Sockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * CPython's {@code asyncio.Server}: listening sockets on a loop, each accepted connection served by a new protocol
 * (for {@link Streams#startServer}, a new task running the handler). It starts serving when created.
 *
 * <p>{@link #close()} stops accepting and closes the listening sockets; connections already accepted go on until
 * they end. {@link #waitClosed()} then waits for them. {@link #serveForever()} waits until the server is closed or
 * the awaiting task is cancelled, which closes it. Methods are for the loop's thread.
 */
public final class Server implements AutoCloseable {
    private final EventLoop loop;
    private final Supplier<? extends BaseProtocol> factory;
    private final int backlog;
    private List<ServerSocketChannel> channels;
    /** Listening channels closed but maybe still registered with the loop's selector (so still bound). */
    private List<ServerSocketChannel> released = List.of();
    private boolean serving;
    private int activeCount;
    private final List<Future<Void>> waiters = new ArrayList<>();
    private Future<Void> servingForever;

    private Server(EventLoop loop, List<ServerSocketChannel> channels, Supplier<? extends BaseProtocol> factory,
                   int backlog) {
        this.loop = loop;
        this.channels = channels;
        this.factory = factory;
        this.backlog = backlog;
    }

    /**
     * Binds to every address of {@code host} (null: all interfaces) at {@code port} (0: a free port, the same for
     * all addresses if possible), with {@code SO_REUSEADDR}, and starts serving: CPython's {@code create_server}.
     *
     * @param factory makes one protocol per accepted connection, on the loop's thread
     * @param host the address or name to bind, or null for every interface
     * @param port the port, 0..65535
     * @param backlog the kernel's queue of connections not yet accepted, per socket
     * @return a coroutine to await inside a task, giving the server, already serving
     * @throws UncheckedIOException (when awaited) naming host and port if binding fails
     */
    public static Coro<Server> listen(Supplier<? extends BaseProtocol> factory, String host, int port, int backlog) {
        return listen(factory, java.util.Collections.singletonList(host), port, backlog);
    }

    /**
     * Binds to every address of each of {@code hosts} (CPython's {@code create_server} with a sequence of hosts),
     * each address once, at {@code port} (0: a free port, the same for all addresses if possible), with
     * {@code SO_REUSEADDR} and {@code backlog} (the kernel's queue of connections not yet accepted), and starts
     * serving. A null host is the wildcard address: one socket that accepts IPv4 and, where the system has IPv6,
     * IPv6 connections (CPython opens two sockets, {@code 0.0.0.0} and {@code ::}; the JDK cannot set
     * {@code IPV6_V6ONLY}). Host names are resolved on the default executor; if any address cannot be bound, the
     * sockets already bound are closed. Cancelling the awaiting task while names resolve binds nothing.
     *
     * @param factory makes one protocol per accepted connection, on the loop's thread
     * @param hosts the addresses or names to bind (a null element: every interface)
     * @param port the port, 0..65535
     * @param backlog the kernel's queue of connections not yet accepted, per socket
     * @return a coroutine to await inside a task, giving the server, already serving
     * @throws NullPointerException if {@code factory} or {@code hosts} is null
     * @throws IllegalArgumentException if {@code hosts} is empty, {@code port} is not in 0..65535 or
     *         {@code backlog} is not positive
     * @throws UncheckedIOException (when awaited) naming the host and port if resolving or binding fails
     */
    public static Coro<Server> listen(Supplier<? extends BaseProtocol> factory, List<String> hosts, int port,
                                      int backlog) {
        Objects.requireNonNull(factory, "the protocol factory is null");
        Objects.requireNonNull(hosts, "the host list is null");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no host to listen on");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, not " + port);
        }
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog must be > 0, not " + backlog);
        }
        List<String> names = new ArrayList<>(hosts);
        return () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            java.util.LinkedHashSet<InetSocketAddress> addrs = new java.util.LinkedHashSet<>();
            for (String host : names) {
                try {
                    addrs.addAll(Sockets.ensureResolved(host, port).await());
                } catch (UncheckedIOException e) {
                    throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            }
            List<ServerSocketChannel> bound = new ArrayList<>();
            int p = port;
            InetSocketAddress current = null;
            try {
                for (InetSocketAddress addr : addrs) {
                    current = addr;
                    ServerSocketChannel ch = ServerSocketChannel.open();
                    bound.add(ch);
                    ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    ch.bind(p == 0 ? addr : new InetSocketAddress(addr.getAddress(), p), backlog);
                    p = ((InetSocketAddress) ch.getLocalAddress()).getPort(); // the other addresses share the port
                    ch.configureBlocking(false);
                }
            } catch (IOException e) {
                bound.forEach(Server::closeQuietly);
                String where = names.size() == 1 && names.get(0) == null ? "*" : String.join(",",
                        names.stream().map(String::valueOf).toList());
                throw new UncheckedIOException("cannot listen on " + where + ":" + p + " (" + current + "): "
                        + e.getMessage(), e);
            }
            Server s = new Server(loop, bound, factory, backlog);
            s.startServing();
            return s;
        };
    }

    /** Starts accepting connections (done at creation; idempotent). */
    public void startServing() {
        if (serving || channels == null) {
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
            try {
                SocketTransport.attach(loop, c, protocol, null, this::detach);
            } catch (Throwable e) {
                closeQuietly(c);
                detach();
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

    private void detach() {
        activeCount--;
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
     * @return the port of the first listening socket, or -1 once closed
     */
    public int port() {
        List<InetSocketAddress> s = sockets();
        return s.isEmpty() ? -1 : s.get(0).getPort();
    }

    /**
     * CPython's {@code Server.sockets}, as addresses.
     *
     * @return the addresses this server listens on, a new list; empty once closed
     */
    public List<InetSocketAddress> sockets() {
        List<InetSocketAddress> out = new ArrayList<>();
        if (channels != null) {
            for (ServerSocketChannel ch : channels) {
                try {
                    out.add((InetSocketAddress) ch.getLocalAddress());
                } catch (IOException ignored) {
                    // a closed channel has no address
                }
            }
        }
        return out;
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
     * the server and waits for its connections to end before the {@link io.asyncio4j.CancelledError} goes on.
     *
     * @return a coroutine to await inside a task; it ends (normally) when {@link #close()} is called
     * @throws IllegalStateException (when awaited) if the server is closed or already serving forever
     */
    public Coro<Void> serveForever() {
        return () -> {
            if (servingForever != null) {
                throw new IllegalStateException("server " + this + " is already being awaited on serve_forever()");
            }
            if (channels == null) {
                throw new IllegalStateException("server " + this + " is closed");
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
        };
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
        if (servingForever != null && !servingForever.done()) {
            servingForever.cancel();
            servingForever = null;
        }
        if (activeCount == 0) {
            wakeUp();
        }
    }

    /**
     * Waits until the server is closed, its listening sockets are released (the port refuses connections and can
     * be bound again) and every connection it accepted has ended. CPython's {@code Server.wait_closed}. Cancelling
     * the awaiting task ends only the wait.
     *
     * @return a coroutine to await inside a task
     */
    public Coro<Void> waitClosed() {
        return () -> {
            if (channels != null || activeCount != 0) {
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
        };
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return "<Server sockets=" + sockets() + (serving ? " serving" : "") + " connections=" + activeCount + ">";
    }
}
