package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionGroup;
import io.asyncio4j.Future;
import io.asyncio4j.ReturnWhen;
import io.asyncio4j.Task;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connecting to the first of several addresses that answers: CPython's {@code create_connection} address loop,
 * sequential or, with a delay, its {@code staggered_race} of {@code _connect_sock} attempts (RFC 8305), and the
 * error it raises when every address failed. Runs in the awaiting task on the loop's thread.
 */
final class HappyEyeballs {
    private HappyEyeballs() {
    }

    /**
     * A socket connected to one of {@code addresses} (reordered by {@code options}' interleave), or the error of
     * them all (naming {@code peer}, if not null, first). On any exit but success every socket opened is closed.
     */
    static SocketChannel connect(String peer, List<InetSocketAddress> addresses, ConnectOptions options) {
        return connect(peer, addresses, options, SocketChannel::open);
    }

    /** Opens the socket of one attempt ({@link SocketChannel#open()}; tests watch what is opened). */
    @FunctionalInterface
    interface Opener {
        SocketChannel open() throws IOException;
    }

    /** As {@link #connect(String, List, ConnectOptions)}, each attempt's socket made by {@code opener}. */
    static SocketChannel connect(String peer, List<InetSocketAddress> addresses, ConnectOptions options,
                                 Opener opener) {
        if (addresses.isEmpty()) {
            throw new ConnectionError("cannot connect to " + (peer == null ? "no address" : peer)
                    + ": getaddrinfo() returned empty list", null);
        }
        List<InetSocketAddress> order = interleave(addresses, options.effectiveInterleave());
        List<ConnectionError> errors = new ArrayList<>();
        SocketChannel connected = options.happyEyeballsDelay() == null ? sequential(order, errors, opener)
                : race(order, options.happyEyeballsDelay(), errors, opener);
        if (connected != null) {
            return connected;
        }
        if (options.allErrors()) {
            throw new ExceptionGroup("create_connection failed", errors);
        }
        throw ConnectionError.ofAll(peer, errors);
    }

    /** One address after another: the first that connects, else null with {@code errors} filled. */
    private static SocketChannel sequential(List<InetSocketAddress> order, List<ConnectionError> errors,
                                            Opener opener) {
        for (InetSocketAddress address : order) {
            try {
                return attempt(address, new SocketChannel[1], 0, new boolean[1], opener);
            } catch (ConnectionError e) {
                errors.add(e);
            }
        }
        return null;
    }

    /**
     * CPython's {@code staggered_race}: attempt 0 starts at once; attempt i+1 starts when attempt i fails or
     * {@code delay} seconds after attempt i started, whichever is first. The first attempt to connect wins; the
     * others are cancelled and their sockets closed before this returns. Null (with {@code errors} holding each
     * address's error, in the order tried) if all failed.
     */
    private static SocketChannel race(List<InetSocketAddress> order, double delay, List<ConnectionError> errors,
                                      Opener opener) {
        EventLoop loop = Asyncio.getRunningLoop();
        int n = order.size();
        List<Task<SocketChannel>> tasks = new ArrayList<>(n);
        SocketChannel[] channels = new SocketChannel[n];
        ConnectionError[] failures = new ConnectionError[n];
        boolean[] over = new boolean[1];
        int winner = -1;
        double latestStart = 0;
        try {
            boolean startNext = true;
            while (true) {
                if (startNext && tasks.size() < n) {
                    int i = tasks.size();
                    InetSocketAddress address = order.get(i);
                    Coro<SocketChannel> body = () -> attempt(address, channels, i, over, opener);
                    latestStart = loop.time();
                    tasks.add(loop.createTask(body, null));
                }
                startNext = false;
                int latest = tasks.size() - 1;
                List<Future<SocketChannel>> pending = new ArrayList<>();
                for (int i = 0; i < tasks.size(); i++) {
                    Task<SocketChannel> t = tasks.get(i);
                    if (!t.done()) {
                        pending.add(t);
                    } else if (failures[i] == null && winner < 0) {
                        if (t.cancelled()) {
                            throw new CancelledError(); // only this race cancels its attempts: never here
                        }
                        Throwable e = t.exception();
                        if (e == null) {
                            winner = i;
                        } else if (e instanceof ConnectionError ce) {
                            failures[i] = ce;
                            startNext |= i == latest;
                        } else if (e instanceof RuntimeException r) {
                            throw r; // not a network failure: a bug, as CPython lets non-OSErrors through
                        } else if (e instanceof Error r) {
                            throw r;
                        } else {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                if (winner >= 0) {
                    return tasks.get(winner).result();
                }
                if (startNext) {
                    continue;
                }
                if (pending.isEmpty()) {
                    if (tasks.size() == n) {
                        for (ConnectionError e : failures) {
                            errors.add(e);
                        }
                        return null;
                    }
                    startNext = true;
                    continue;
                }
                Double timeout = tasks.size() < n ? Math.max(0.0, latestStart + delay - loop.time()) : null;
                var done = Asyncio.wait(pending, timeout, ReturnWhen.FIRST_COMPLETED).await();
                // Nothing finished within the delay: the next address's turn (RFC 8305's "Connection Attempt Delay").
                startNext = done.done().isEmpty();
            }
        } finally {
            over[0] = true;
            for (int i = 0; i < tasks.size(); i++) {
                if (i != winner) {
                    Task<SocketChannel> t = tasks.get(i);
                    t.cancel();
                    if (channels[i] != null) {
                        Net.closeQuietly(channels[i]);
                    }
                    t.addDoneCallback(HappyEyeballs::retrieve);
                }
            }
        }
    }

    /** A loser's outcome is read, so that nobody is told its exception was never retrieved. */
    private static void retrieve(Future<SocketChannel> t) {
        if (!t.cancelled()) {
            t.exception();
        }
    }

    /** CPython's {@code _connect_sock}: a new socket connected to {@code address}, closed on any failure. */
    private static SocketChannel attempt(InetSocketAddress address, SocketChannel[] channels, int i, boolean[] over,
                                         Opener opener) {
        if (over[0]) {
            throw new CancelledError(); // cancelled before it ran: no socket is opened
        }
        SocketChannel ch;
        try {
            ch = opener.open();
        } catch (IOException e) {
            throw ConnectionError.of(address.toString(), e);
        }
        channels[i] = ch;
        try {
            Sockets.sockConnect(ch, address).await();
            return ch;
        } catch (Throwable e) {
            Net.closeQuietly(ch);
            throw e;
        }
    }

    /**
     * CPython's {@code _interleave_addrinfos}: grouped by family in order of first appearance, the first
     * {@code firstFamilyCount - 1} addresses of the first family, then one of each family in turn. 0: as given.
     */
    static List<InetSocketAddress> interleave(List<InetSocketAddress> addresses, int firstFamilyCount) {
        if (firstFamilyCount == 0) {
            return addresses;
        }
        Map<Boolean, List<InetSocketAddress>> byFamily = new LinkedHashMap<>();
        for (InetSocketAddress a : addresses) {
            byFamily.computeIfAbsent(a.getAddress() instanceof Inet4Address, k -> new ArrayList<>()).add(a);
        }
        List<List<InetSocketAddress>> lists = new ArrayList<>();
        for (List<InetSocketAddress> l : byFamily.values()) {
            lists.add(new ArrayList<>(l));
        }
        List<InetSocketAddress> out = new ArrayList<>(addresses.size());
        List<InetSocketAddress> first = lists.get(0);
        int head = Math.min(firstFamilyCount - 1, first.size());
        out.addAll(first.subList(0, head));
        first.subList(0, head).clear();
        for (int i = 0; out.size() < addresses.size(); i++) {
            for (List<InetSocketAddress> l : lists) {
                if (i < l.size()) {
                    out.add(l.get(i));
                }
            }
        }
        return out;
    }
}
