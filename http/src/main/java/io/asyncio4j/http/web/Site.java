package io.asyncio4j.http.web;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.ReturnWhen;
import io.asyncio4j.Task;
import io.asyncio4j.net.AbstractServer;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A running HTTP server: an {@link Application} listening on a host and port (aiohttp's {@code TCPSite} with its
 * {@code AppRunner}), or on a Unix domain socket (aiohttp's {@code UnixSite}). {@link Web#start} and
 * {@link Web#startUnix} make one, after running the application's startup hooks.
 *
 * <p><b>Graceful shutdown</b>, as aiohttp's {@code runner.cleanup()}: {@link #close()} stops accepting, closes
 * idle keep-alive connections at once and marks busy ones to close after their current response; then, in a task
 * of its own, it runs the application's {@link Application#onShutdown()} hooks, lets the handlers still running
 * finish for up to the {@linkplain ServerOptions#shutdownTimeout() shutdown timeout} (their responses are
 * written in full), cancels those still running after it and closes their connections, and finally runs the
 * {@link Application#onCleanup()} hooks. {@code close()} itself never suspends; {@link #waitClosed()} waits for
 * all of it, and {@link #shutdown(double)} is both with another timeout. A hook that fails is logged and the
 * shutdown goes on. Methods are for the loop's thread.
 */
public final class Site implements AutoCloseable {
    private final Application app;
    private final ServerOptions options;
    private final Set<HttpProtocol> connections = new LinkedHashSet<>();
    private EventLoop loop;
    private AbstractServer server;
    private boolean closing;
    private Task<Void> shutdownTask;

    Site(Application app, ServerOptions options) {
        this.app = app;
        this.options = options;
    }

    static Coro<Site> start(Application app, String host, int port, ServerOptions options) {
        return start(app, options, (site, loop) -> io.asyncio4j.net.Net.createServer(
                () -> new HttpProtocol(site, loop), host, port));
    }

    /** As {@link #start(Application, String, int, ServerOptions)} on the Unix domain socket {@code path}. */
    static Coro<Site> startUnix(Application app, java.nio.file.Path path, ServerOptions options) {
        return start(app, options, (site, loop) -> io.asyncio4j.net.Net.createUnixServer(
                () -> new HttpProtocol(site, loop), path));
    }

    /** Makes the listening server of a site, once its application has started. */
    private interface Listen {
        Coro<AbstractServer> listen(Site site, EventLoop loop);
    }

    private static Coro<Site> start(Application app, ServerOptions options, Listen listen) {
        return () -> {
            app.freeze();
            Site site = new Site(app, options);
            EventLoop loop = Asyncio.getRunningLoop();
            site.loop = loop;
            try {
                app.startup().await();
                site.server = listen.listen(site, loop).await();
            } catch (Throwable e) {
                app.exitContextsAfterFailedStartup(e); // what was set up is torn down
                throw e;
            }
            return site;
        };
    }

    /** {@return the port listened on (the one chosen when started with port 0), -1 for a Unix socket site} */
    public int port() {
        return server.port();
    }

    /**
     * The Unix domain socket listened on, for a site started by {@link Web#startUnix} (aiohttp's {@code UnixSite}).
     *
     * @return the socket file's path (gone once the site is closed), or null for a TCP site
     */
    public java.nio.file.Path path() {
        return server.path();
    }

    /** {@return the addresses listened on, empty for a Unix socket site} */
    public List<InetSocketAddress> sockets() {
        return server.sockets();
    }

    /** {@return the application served} */
    public Application app() {
        return app;
    }

    /** {@return the options the site runs with} */
    public ServerOptions options() {
        return options;
    }

    boolean closing() {
        return closing;
    }

    /** {@return the number of open connections} */
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
     * Starts the graceful shutdown with the options' shutdown timeout (see the class): stops accepting, closes
     * the idle connections, and leaves the rest (hooks, waiting, cancelling) to a task that
     * {@link #waitClosed()} waits for. Idempotent; does not suspend.
     */
    @Override
    public void close() {
        close(options.shutdownTimeout());
    }

    private void close(double timeout) {
        if (closing) {
            return;
        }
        closing = true;
        server.close();
        for (HttpProtocol p : new ArrayList<>(connections)) {
            p.shutdown();
        }
        shutdownTask = loop.createTask(() -> {
            runHook(app.shutdown(), "onShutdown");
            List<Task<Void>> busy = new ArrayList<>();
            for (HttpProtocol p : connections) {
                Task<Void> t = p.busyTask();
                if (t != null) {
                    busy.add(t);
                }
            }
            if (!busy.isEmpty()) {
                Asyncio.wait(busy, timeout, ReturnWhen.ALL_COMPLETED).await();
            }
            for (HttpProtocol p : new ArrayList<>(connections)) {
                if (p.busyTask() != null) {
                    HttpProtocol.Log.LOG.log(Level.DEBUG, () -> "shutdown: cancelling a handler still running after "
                            + timeout + " s");
                    p.abort();
                }
            }
            server.waitClosed().await();
            runHook(app.cleanup(), "onCleanup");
            return null;
        }, "asyncio4j site shutdown");
    }

    private static void runHook(Coro<Void> hooks, String what) {
        try {
            hooks.await();
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable e) {
            HttpProtocol.Log.LOG.log(Level.ERROR, "an " + what + " hook failed", e);
        }
    }

    /**
     * aiohttp's {@code await server.wait_closed()}: waits until the site is closed: every connection has ended and,
     * when {@link #close()} was called, the shutdown and cleanup hooks have run.
     *
     * @return the wait, run when awaited in a task of the site's loop
     */
    @CheckReturnValue
    public Coro<Void> waitClosed() {
        return Coro.named("Site.waitClosed", () -> {
            server.waitClosed().await();
            if (shutdownTask != null) {
                shutdownTask.await();
            }
            return null;
        });
    }

    /**
     * aiohttp's {@code await runner.cleanup()} with {@code shutdown_timeout=timeout}: {@link #close()} with this
     * timeout (unless already closing), then {@link #waitClosed()}. Failures of the hooks are logged, not thrown.
     *
     * @param timeout seconds to let in-flight handlers finish before they are cancelled, 0 or more
     * @return the shutdown, run when awaited in a task of the site's loop
     * @throws IllegalArgumentException if {@code timeout} is negative or NaN (at once)
     */
    @CheckReturnValue
    public Coro<Void> shutdown(double timeout) {
        if (!(timeout >= 0)) {
            throw new IllegalArgumentException("timeout must be >= 0, not " + timeout);
        }
        return Coro.named("Site.shutdown", () -> {
            close(timeout);
            waitClosed().await();
            return null;
        });
    }

    /**
     * As {@link #shutdown(double)} with a {@link java.time.Duration} (converted with nanosecond precision).
     *
     * @param timeout how long in-flight handlers may finish before they are cancelled, zero or more; not null
     * @return the shutdown, run when awaited in a task of the site's loop
     * @throws NullPointerException if {@code timeout} is null (at once)
     * @throws IllegalArgumentException if {@code timeout} is negative (at once)
     */
    @CheckReturnValue
    public Coro<Void> shutdown(java.time.Duration timeout) {
        return Coro.named("Site.shutdown", shutdown(io.asyncio4j.Asyncio.seconds(java.util.Objects.requireNonNull(timeout, "timeout is null"))));
    }

    @Override
    public String toString() {
        return "<Site " + (path() != null ? "[" + path() + "]" : sockets()) + (closing ? " closing" : "") + " connections=" + connections.size() + ">";
    }
}
