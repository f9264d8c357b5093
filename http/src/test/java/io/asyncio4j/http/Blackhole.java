package io.asyncio4j.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * An address that never answers, without root: a loopback listener that never accepts, whose accept queue is
 * filled up. Linux (and gVisor) then drop every further SYN to it, so a connect to {@link #address()} stays pending
 * (the kernel retries the SYN for minutes) instead of being refused: a blackholed host. The filling uses real
 * time once (a connect that does not complete within 200 ms tells the queue is full); nothing under test does.
 */
/* A copy of the net module's test helper of the same name (test classes are not shared between modules). */
final class Blackhole implements AutoCloseable {
    private final ServerSocketChannel listener;
    private final List<SocketChannel> fillers = new ArrayList<>();

    /** A blackhole at a free port of 127.0.0.1. */
    Blackhole() {
        this("127.0.0.1");
    }

    /** A blackhole at a free port of {@code ip}, a loopback address (127.0.0.2 and up exist on Linux). */
    Blackhole(String ip) {
        try {
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(ip, 0), 1);
            InetSocketAddress at = address();
            try (Selector sel = Selector.open()) {
                for (int i = 0; i < 64; i++) {
                    SocketChannel c = SocketChannel.open();
                    fillers.add(c);
                    c.configureBlocking(false);
                    if (c.connect(at)) {
                        continue;
                    }
                    SelectionKey key = c.register(sel, SelectionKey.OP_CONNECT);
                    boolean ready = sel.select(200) > 0;
                    key.cancel();
                    sel.selectNow();
                    if (!ready) {
                        return;             // this SYN was dropped: the queue is full
                    }
                    c.finishConnect();
                }
            }
            throw new IllegalStateException("the accept queue of " + at + " never filled up");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the address whose connects never complete} */
    InetSocketAddress address() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (SocketChannel c : fillers) {
            try {
                c.close();
            } catch (IOException ignored) {
                // a test socket
            }
        }
        try {
            listener.close();
        } catch (IOException ignored) {
            // a test socket
        }
    }
}
