package io.asyncio4j.http.web;

import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.streams.Server;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A running HTTP server: an {@link Application} listening on a host and port (aiohttp's {@code TCPSite} with its
 * {@code AppRunner}). {@link Web#start} makes one.
 *
 * <p>{@link #close()} stops accepting, closes idle keep-alive connections at once, and closes each busy one after
 * the response it is working on (handlers are not cancelled); it never suspends. {@link #waitClosed()} then
 * waits until every connection has ended. Methods are for the loop's thread.
 */
public final class Site implements AutoCloseable {
    private final Application app;
    private final ServerOptions options;
    private final Set<HttpProtocol> connections = new LinkedHashSet<>();
    private Server server;
    private boolean closing;

    Site(Application app, ServerOptions options) {
        this.app = app;
        this.options = options;
    }

    static Coro<Site> start(Application app, String host, int port, ServerOptions options) {
        return () -> {
            app.freeze();
            Site site = new Site(app, options);
            EventLoop loop = io.asyncio4j.Asyncio.getRunningLoop();
            site.server = io.asyncio4j.net.Net.createServer(() -> new HttpProtocol(site, loop), host, port).await();
            return site;
        };
    }

    /** The port listened on (the one chosen when started with port 0). */
    public int port() {
        return server.port();
    }

    /** The addresses listened on. */
    public List<InetSocketAddress> sockets() {
        return server.sockets();
    }

    /** The application served. */
    public Application app() {
        return app;
    }

    ServerOptions options() {
        return options;
    }

    boolean closing() {
        return closing;
    }

    /** The number of open connections. */
    public int connectionCount() {
        return connections.size();
    }

    void connectionMade(HttpProtocol p) {
        connections.add(p);
        if (closing) {
            p.shutdown();
        }
    }

    void connectionLost(HttpProtocol p) {
        connections.remove(p);
    }

    /**
     * Stops accepting connections, closes the idle ones, and lets each busy one finish its current response and
     * then close. Idempotent; does not suspend.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        server.close();
        for (HttpProtocol p : new ArrayList<>(connections)) {
            p.shutdown();
        }
    }

    /** Waits until the site is closed and every connection has ended. */
    public Coro<Void> waitClosed() {
        return server.waitClosed();
    }

    @Override
    public String toString() {
        return "<Site " + sockets() + (closing ? " closing" : "") + " connections=" + connections.size() + ">";
    }
}
