package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.streams.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
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
     * {@code factory} to the connection; returns once the protocol's {@code connectionMade} has run.
     *
     * @throws ConnectionRefusedError (when awaited) if every address refused, naming host and port
     * @throws ConnectionError (when awaited) for other connection failures
     */
    public static <P extends BaseProtocol> Coro<Connected<P>> createConnection(Supplier<P> factory, String host,
                                                                              int port) {
        Objects.requireNonNull(factory, "createConnection: the protocol factory is null");
        Objects.requireNonNull(host, "createConnection: the host is null");
        return () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<ConnectionError> errors = new ArrayList<>();
            SocketChannel connected = null;
            for (InetSocketAddress addr : Sockets.getaddrinfo(host, port).await()) {
                SocketChannel ch = SocketChannel.open();
                try {
                    Sockets.sockConnect(ch, addr).await();
                    connected = ch;
                    break;
                } catch (ConnectionError e) {
                    closeQuietly(ch);
                    errors.add(e);
                } catch (Throwable e) {
                    closeQuietly(ch);
                    throw e;
                }
            }
            if (connected == null) {
                IOException cause = errors.isEmpty() ? new IOException("no address") : errors.get(0).getCause();
                throw ConnectionError.of(host + ":" + port, cause);
            }
            P protocol = factory.get();
            Future<Void> waiter = loop.createFuture();
            SocketTransport t = SocketTransport.attach(loop, connected, protocol, waiter, null);
            try {
                waiter.await();
            } catch (Throwable e) {
                t.abort();
                throw e;
            }
            return new Connected<>(t, protocol);
        };
    }

    /**
     * Listens on {@code host:port} (null host: every interface; port 0: a free port) with {@code SO_REUSEADDR} and
     * a backlog of 100, and serves each connection with a new protocol from {@code factory}.
     */
    public static Coro<Server> createServer(Supplier<? extends BaseProtocol> factory, String host, int port) {
        return Server.listen(factory, host, port, 100);
    }

    /**
     * CPython's {@code loop.create_datagram_endpoint}: a UDP endpoint bound to {@code local} (null: any port) and,
     * if {@code remote} is not null, connected to it (then it only talks to that peer). Returns once the protocol's
     * {@code connectionMade} has run.
     *
     * @throws java.io.UncheckedIOException (when awaited) naming the address if binding or connecting fails
     */
    public static <P extends DatagramProtocol> Coro<Datagram<P>> createDatagramEndpoint(Supplier<P> factory,
            InetSocketAddress local, InetSocketAddress remote) {
        Objects.requireNonNull(factory, "createDatagramEndpoint: the protocol factory is null");
        return () -> {
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
        };
    }

    static void closeQuietly(java.nio.channels.Channel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
