package io.asyncio4j.net;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CPython's low-level socket coroutines ({@code loop.sock_connect}, {@code sock_accept}, {@code sock_recv},
 * {@code sock_recv_into}, {@code sock_sendall}, {@code getaddrinfo}) on the running loop. Channels are made
 * non-blocking; each operation tries the socket at once and waits on the loop's selector only if it must. They run
 * inside a task; if the task is cancelled, the operation stops watching the channel (bytes already sent by
 * {@code sockSendall} stay sent). Errors are {@link ConnectionError}s naming the peer.
 */
public final class Sockets {
    private Sockets() {
    }

    /**
     * Resolves {@code host} on the default executor (it may block; even an IP address literal, as CPython's
     * {@code loop.getaddrinfo}), giving the addresses in the resolver's order with {@code port}. A null host gives
     * the wildcard address. The order is the JDK's ({@link InetAddress#getAllByName}): the system resolver's if the
     * JVM runs with {@code -Djava.net.preferIPv6Addresses=system}; by default the JDK puts IPv4 addresses first.
     * Cancelling the awaiting task does not stop a lookup already running on the executor; its result is dropped.
     *
     * @param host a host name or address literal, or null for the wildcard address
     * @param port the port to put in each address
     * @return a coroutine to await inside a task, giving the addresses (at least one)
     * @throws java.io.UncheckedIOException (when awaited) naming the host if it cannot be resolved
     */
    @CheckReturnValue
    public static Coro<List<InetSocketAddress>> getaddrinfo(String host, int port) {
        return Coro.named("Sockets.getaddrinfo", () -> {
            if (host == null) {
                return List.of(new InetSocketAddress(port));
            }
            InetAddress[] all = Asyncio.getRunningLoop().runInExecutor(null, () -> {
                try {
                    return InetAddress.getAllByName(host);
                } catch (UnknownHostException e) {
                    throw new java.io.UncheckedIOException("cannot resolve host " + host + ": " + e.getMessage(), e);
                }
            }).await();
            List<InetSocketAddress> out = new ArrayList<>(all.length);
            for (InetAddress a : all) {
                out.add(new InetSocketAddress(a, port));
            }
            return out;
        });
    }

    /**
     * The addresses to connect to or listen on for {@code host} (CPython's {@code _ensure_resolved}, which
     * {@code create_connection} and {@code create_server} use): an IP address literal as it is, at once, with no
     * executor job (CPython's {@code _ipaddr_info}); a name (or null) through {@link #getaddrinfo}.
     *
     * @param host a host name, an address literal ({@code [::1]} too), or null for the wildcard address
     * @param port the port to put in each address
     * @return a coroutine to await inside a task, giving the addresses (at least one)
     */
    @CheckReturnValue
    public static Coro<List<InetSocketAddress>> ensureResolved(String host, int port) {
        return Coro.named("Sockets.ensureResolved", () -> {
            InetAddress literal = host == null ? null : ipLiteral(host);
            return literal != null ? List.of(new InetSocketAddress(literal, port)) : getaddrinfo(host, port).await();
        });
    }

    /** {@code host} as an IPv4 or IPv6 address literal ({@code [::1]} too), or null if it is a name. */
    private static InetAddress ipLiteral(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return InetAddress.ofLiteral(h);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A new socket connected to the first of {@code addresses} that answers: the address loop of CPython's
     * {@code loop.create_connection} (aiohappyeyeballs' {@code start_connection}, which aiohttp uses). The addresses
     * are reordered by {@code options}' interleave and tried one after another or, with a happy eyeballs delay,
     * raced: a new attempt starts every {@code happyEyeballsDelay} seconds of the loop's clock while the earlier
     * ones are still pending (at once when the latest fails); the first to connect wins, and the others are cancelled
     * and their sockets closed before the await returns. See {@link ConnectOptions}.
     *
     * <p>Cancelling the awaiting task cancels every attempt and closes every socket opened; no socket is left open.
     * The returned socket is the caller's to close (for instance through the transport of
     * {@link Net#createConnection(java.util.function.Supplier, SocketChannel, TlsOptions)}).
     *
     * @param addresses the addresses to try, resolved, in the resolver's order; copied
     * @param options the delay, interleave and error report
     * @return a coroutine to await inside a task, giving the connected, non-blocking socket
     * @throws NullPointerException if {@code addresses} (or an element) or {@code options} is null
     * @throws IllegalArgumentException if {@code addresses} is empty
     * @throws ConnectionError (when awaited) if every address failed: the one error of a single address, else one
     *         whose message names every address's error ({@code "Multiple exceptions: ..."}) and whose
     *         {@link ConnectionError#exceptions()} holds them in the order tried (a {@link ConnectionRefusedError}
     *         if all refused)
     * @throws io.asyncio4j.ExceptionGroup (when awaited) instead, with {@link ConnectOptions#allErrors()}, holding
     *         every address's error
     */
    @CheckReturnValue
    public static Coro<SocketChannel> startConnection(List<InetSocketAddress> addresses, ConnectOptions options) {
        List<InetSocketAddress> copy = List.copyOf(addresses);
        java.util.Objects.requireNonNull(options, "startConnection: the options are null");
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("startConnection: no address to connect to");
        }
        return Coro.named("Sockets.startConnection", () -> HappyEyeballs.connect(null, copy, options));
    }

    /**
     * CPython's {@code loop.sock_connect}: connects {@code channel} to {@code address}, waiting for the handshake on
     * the loop. Cancelling the awaiting task stops watching the channel; the channel stays open (half-connected),
     * for the caller to close.
     *
     * @param channel an unconnected channel; made non-blocking
     * @param address the peer
     * @return a coroutine to await inside a task
     * @throws ConnectionError (when awaited) naming {@code address} if the connection fails
     */
    @CheckReturnValue
    public static Coro<Void> sockConnect(SocketChannel channel, InetSocketAddress address) {
        return Coro.named("Sockets.sockConnect", () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try {
                channel.configureBlocking(false);
                if (channel.connect(address)) {
                    return null;
                }
            } catch (IOException e) {
                throw ConnectionError.of(address.toString(), e);
            }
            Future<Void> done = loop.createFuture();
            loop.addWriter(channel, () -> {
                try {
                    if (channel.finishConnect()) {
                        loop.removeWriter(channel);
                        if (!done.done()) {
                            done.setResult(null);
                        }
                    }
                } catch (IOException e) {
                    loop.removeWriter(channel);
                    if (!done.done()) {
                        done.setException(ConnectionError.of(address.toString(), e));
                    }
                }
            });
            try {
                return done.await();
            } finally {
                loop.removeWriter(channel);
            }
        });
    }

    /**
     * CPython's {@code loop.sock_accept}: accepts a connection, waiting for one.
     *
     * @param server a bound, listening channel; made non-blocking
     * @return a coroutine to await inside a task, giving the new, non-blocking channel
     */
    @CheckReturnValue
    public static Coro<SocketChannel> sockAccept(ServerSocketChannel server) {
        return Coro.named("Sockets.sockAccept", () -> {
            server.configureBlocking(false); // as the other operations: a blocking accept would hold the task
            SocketChannel c;
            while ((c = server.accept()) == null) { // another accept may take the connection first
                waitReady(server, true);
            }
            c.configureBlocking(false);
            return c;
        });
    }

    /**
     * CPython's {@code loop.sock_recv}: receives up to {@code n} bytes, waiting until some arrive.
     *
     * @param channel a connected channel; made non-blocking
     * @param n the most bytes to receive
     * @return a coroutine to await inside a task, giving the bytes received; an empty array means EOF
     * @throws IllegalArgumentException if {@code n} is negative
     * @throws ConnectionError (when awaited) naming the peer if reading fails
     */
    @CheckReturnValue
    public static Coro<byte[]> sockRecv(SocketChannel channel, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative buffersize in recv");
        }
        return Coro.named("Sockets.sockRecv", () -> {
            ByteBuffer buf = ByteBuffer.allocate(n);
            int got = recvInto(channel, buf);
            return got <= 0 ? new byte[0] : Arrays.copyOf(buf.array(), got);
        });
    }

    /**
     * CPython's {@code loop.sock_recv_into}: receives into {@code buf} (from its position), waiting until some bytes
     * arrive.
     *
     * @param channel a connected channel; made non-blocking
     * @param buf where the bytes go; its position advances past them
     * @return a coroutine to await inside a task, giving the count of bytes received, 0 at EOF (or if {@code buf}
     *         has no room)
     * @throws ConnectionError (when awaited) naming the peer if reading fails
     */
    @CheckReturnValue
    public static Coro<Integer> sockRecvInto(SocketChannel channel, ByteBuffer buf) {
        return Coro.named("Sockets.sockRecvInto", () -> Math.max(0, recvInto(channel, buf)));
    }

    private static int recvInto(SocketChannel channel, ByteBuffer buf) throws IOException {
        if (!buf.hasRemaining()) {
            return 0;
        }
        channel.configureBlocking(false);
        while (true) {
            int n;
            try {
                n = channel.read(buf);
            } catch (IOException e) {
                throw ConnectionError.of(peer(channel), e);
            }
            if (n != 0) {
                return n;
            }
            waitReady(channel, true);
        }
    }

    /**
     * CPython's {@code loop.sock_sendall}: sends all of {@code data}, waiting while the socket's send buffer is
     * full. If the awaiting task is cancelled, the bytes already sent stay sent and the rest are not sent.
     *
     * @param channel a connected channel; made non-blocking
     * @param data the bytes to send; not copied, so do not change them until the await returns
     * @return a coroutine to await inside a task
     * @throws ConnectionError (when awaited) naming the peer if writing fails
     */
    @CheckReturnValue
    public static Coro<Void> sockSendall(SocketChannel channel, byte[] data) {
        return Coro.named("Sockets.sockSendall", () -> {
            channel.configureBlocking(false);
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (true) {
                try {
                    channel.write(buf);
                } catch (IOException e) {
                    throw ConnectionError.of(peer(channel), e);
                }
                if (!buf.hasRemaining()) {
                    return null;
                }
                waitReady(channel, false);
            }
        });
    }

    /** Waits until {@code channel} is readable (or acceptable) or writable, once. */
    private static void waitReady(java.nio.channels.SelectableChannel channel, boolean read) {
        EventLoop loop = Asyncio.getRunningLoop();
        Future<Void> ready = loop.createFuture();
        Runnable wake = () -> {
            if (!ready.done()) {
                ready.setResult(null);
            }
        };
        if (read) {
            loop.addReader(channel, wake);
        } else {
            loop.addWriter(channel, wake);
        }
        try {
            ready.await();
        } finally {
            if (read) {
                loop.removeReader(channel);
            } else {
                loop.removeWriter(channel);
            }
        }
    }

    static String peer(SocketChannel channel) {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            return String.valueOf(channel);
        }
    }
}
