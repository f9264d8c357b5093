package io.asyncio4j.http.web;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * The fallback of {@link Workers} where the platform has no {@code SO_REUSEPORT}: one listening socket, accepted
 * from by a platform thread of its own ({@code asyncio4j-acceptor}, blocking in {@code accept}), which hands each
 * connection to the next serving worker in turn ({@link Worker#handOver}: {@code callSoonThreadsafe} on the worker's
 * loop, where {@link Site#adopt} registers the channel with that loop's selector). The acceptor never touches a connection's
 * bytes; a connection no worker can take (all have ended) is closed.
 */
final class Acceptor {
    private final ServerSocketChannel channel;
    private final InetSocketAddress address;
    private Thread thread;

    private Acceptor(ServerSocketChannel channel) throws IOException {
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * Binds {@code host:port} (null host: every interface; port 0: a free one) with {@code SO_REUSEADDR}, blocking:
     * call it off any loop (it may resolve a name).
     *
     * @throws java.io.UncheckedIOException naming the address if binding fails
     */
    static Acceptor bind(String host, int port, int backlog) {
        InetSocketAddress where = host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open();
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(where, backlog);
            return new Acceptor(ch);
        } catch (IOException e) {
            if (ch != null) {
                closeQuietly(ch);
            }
            throw new java.io.UncheckedIOException("cannot listen on " + (host == null ? "*" : host) + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    /** {@return the port listened on} */
    int port() {
        return address.getPort();
    }

    /** {@return the address listened on} */
    List<InetSocketAddress> sockets() {
        return channel.isOpen() ? List.of(address) : List.of();
    }

    /** Starts accepting on a thread of its own, handing the connections to {@code workers} in turn. */
    void start(List<Worker> workers) {
        thread = Thread.ofPlatform().name("asyncio4j-acceptor").start(() -> acceptLoop(workers));
    }

    private void acceptLoop(List<Worker> workers) {
        int next = 0;
        while (true) {
            SocketChannel c;
            try {
                c = channel.accept();
            } catch (ClosedChannelException closed) { // close(): the end
                return;
            } catch (IOException e) { // out of file descriptors, say: pause for a second, as AbstractServer does
                HttpProtocol.Log.LOG.log(Level.WARNING, "the acceptor's accept() failed; retrying in 1 s", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            boolean handed = false;
            for (int tries = 0; tries < workers.size() && !handed; tries++) {
                Worker w = workers.get(next);
                next = (next + 1) % workers.size();
                handed = w.serving() && w.handOver(c);
            }
            if (!handed) {
                closeQuietly(c);
            }
        }
    }

    /** Stops accepting: closes the listening socket, which ends the acceptor's thread. Any thread; idempotent. */
    void close() {
        closeQuietly(channel);
    }

    /** Waits for the acceptor's thread to end (after {@link #close()}). */
    void join() throws InterruptedException {
        if (thread != null) {
            thread.join();
        }
    }

    static void closeQuietly(java.nio.channels.Channel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
