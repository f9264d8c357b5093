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
     * @throws UncheckedIOException (when awaited) naming host and port if binding fails
     */
    public static Coro<Server> listen(Supplier<? extends BaseProtocol> factory, String host, int port, int backlog) {
        Objects.requireNonNull(factory, "the protocol factory is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, not " + port);
        }
        return () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<ServerSocketChannel> bound = new ArrayList<>();
            int p = port;
            try {
                for (InetSocketAddress addr : Sockets.getaddrinfo(host, port).await()) {
                    ServerSocketChannel ch = ServerSocketChannel.open();
                    bound.add(ch);
                    ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    ch.bind(p == 0 ? addr : new InetSocketAddress(addr.getAddress(), p), backlog);
                    p = ((InetSocketAddress) ch.getLocalAddress()).getPort(); // the other addresses share the port
                    ch.configureBlocking(false);
                }
            } catch (IOException e) {
                bound.forEach(Server::closeQuietly);
                throw new UncheckedIOException("cannot listen on " + (host == null ? "*" : host) + ":" + port + ": "
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
                Map<String, Object> ctx = new HashMap<>();
                ctx.put("message", "socket.accept() out of system resource");
                ctx.put("exception", e);
                ctx.put("socket", ch);
                loop.callExceptionHandler(ctx);
                // Out of file descriptors, say: stop accepting for a second, as CPython does.
                loop.removeReader(ch);
                loop.callLater(1.0, () -> {
                    if (serving && channels != null && channels.contains(ch)) {
                        loop.addReader(ch, () -> acceptConnections(ch));
                    }
                });
                return;
            }
            if (c == null) {
                return;
            }
            BaseProtocol protocol;
            try {
                protocol = factory.get();
            } catch (RuntimeException e) {
                closeQuietly(c);
                Map<String, Object> ctx = new HashMap<>();
                ctx.put("message", "the protocol factory failed");
                ctx.put("exception", e);
                loop.callExceptionHandler(ctx);
                continue;
            }
            activeCount++;
            try {
                SocketTransport.attach(loop, c, protocol, null, this::detach);
            } catch (RuntimeException e) {
                closeQuietly(c);
                detach();
                Map<String, Object> ctx = new HashMap<>();
                ctx.put("message", "cannot set up an accepted connection");
                ctx.put("exception", e);
                loop.callExceptionHandler(ctx);
            }
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

    /** The port of the first listening socket, or -1 once closed. */
    public int port() {
        List<InetSocketAddress> s = sockets();
        return s.isEmpty() ? -1 : s.get(0).getPort();
    }

    /** The addresses this server listens on; empty once closed. */
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

    /** Whether the server accepts connections. */
    public boolean isServing() {
        return serving;
    }

    /**
     * Serves until the server is closed; cancelling the awaiting task closes the server and waits for its
     * connections to end before the {@link io.asyncio4j.CancelledError} goes on.
     *
     * @throws IllegalStateException (when awaited) if the server is closed or already serving forever
     */
    public Coro<Void> serveForever() {
        return () -> {
            if (servingForever != null) {
                throw new IllegalStateException("server " + this + " is already being awaited on serveForever()");
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
        for (ServerSocketChannel ch : chs) {
            loop.removeReader(ch);
        }
        serving = false;
        for (ServerSocketChannel ch : chs) {
            closeQuietly(ch);
        }
        if (servingForever != null && !servingForever.done()) {
            servingForever.cancel();
            servingForever = null;
        }
        if (activeCount == 0) {
            wakeUp();
        }
    }

    /** Waits until the server is closed and every connection it accepted has ended. */
    public Coro<Void> waitClosed() {
        return () -> {
            if (channels == null && activeCount == 0) {
                return null;
            }
            Future<Void> w = loop.createFuture();
            waiters.add(w);
            return w.await();
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
