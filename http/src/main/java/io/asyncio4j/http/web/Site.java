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
 *
 * <p><b>Several workers.</b> A site of {@link Web#start(java.util.function.Supplier, String, int, int)} stands for
 * several loops, each on its own thread with its own application and its own site (see {@link Web}): its
 * {@link #close()}, {@link #shutdown(double)} and {@link #waitClosed()} apply to every worker (each shuts down as
 * above, on its own thread), and may be called from any thread and awaited on any loop; {@link #port()} and
 * {@link #sockets()} are the shared port's, {@link #app()} the first serving worker's application and
 * {@link #connectionCount()} the sum over the workers (a snapshot).
 */
public final class Site implements AutoCloseable {
    private final Application app;
    private final ServerOptions options;
    private final Set<HttpProtocol> connections = new LinkedHashSet<>();
    private EventLoop loop;
    private AbstractServer server;
    private boolean closing;
    private Task<Void> shutdownTask;
    /** For a site of several workers: the workers it stands for; null for a site on one loop. */
    private final Workers workers;
    /** For a worker's site under the fallback: the acceptor handing it connections ({@link #adopt}); else null. */
    private Acceptor acceptor;
    /** Connections handed to this site by {@link #adopt} and not yet lost. */
    private int adopted;
    /** Completed when {@link #adopted} drops to 0 while closing (the fallback's stand-in for the server's wait). */
    private io.asyncio4j.Future<Void> adoptedGone;

    Site(Application app, ServerOptions options) {
        this.app = app;
        this.options = options;
        this.workers = null;
    }

    /** The site of several workers. */
    Site(Workers workers) {
        this.app = null;
        this.options = workers.options();
        this.workers = workers;
    }

    static Coro<Site> start(Application app, String host, int port, ServerOptions options) {
        return start(app, options, (site, loop) -> io.asyncio4j.net.Net.createServer(
                () -> new HttpProtocol(site, loop), java.util.Collections.singletonList(host), port, 100, null,
                false, options.reusePort()));
    }

    /**
     * A worker's site under the fallback of {@link Workers}: it does not listen; {@code acceptor} hands it
     * connections ({@link #adopt}).
     */
    static Coro<Site> startAdopting(Application app, ServerOptions options, Acceptor acceptor) {
        return start(app, options, (site, loop) -> {
            site.acceptor = acceptor;
            return () -> null;
        });
    }

    /**
     * Serves {@code channel}, a connection accepted by the fallback's {@link Acceptor}, on this site's loop (the
     * transport registers it with the loop's selector). On the loop's thread; a site already closing closes it.
     */
    void adopt(java.nio.channels.SocketChannel channel) {
        if (closing) {
            Acceptor.closeQuietly(channel);
            return;
        }
        adopted++;
        try {
            io.asyncio4j.net.SocketTransport.attach(loop, channel, new HttpProtocol(this, loop), null,
                    this::adoptedLost);
        } catch (RuntimeException e) {
            Acceptor.closeQuietly(channel);
            adoptedLost();
            HttpProtocol.Log.LOG.log(Level.DEBUG, () -> "cannot set up a connection handed over: " + e);
        }
    }

    private void adoptedLost() {
        adopted--;
        if (adopted == 0 && adoptedGone != null && !adoptedGone.done()) {
            adoptedGone.setResult(null);
        }
    }

    /** The server's wait, or under the fallback the wait for the connections handed over (after close). */
    private Coro<Void> serverClosed() {
        if (server != null) {
            return server.waitClosed();
        }
        return () -> {
            while (!closing || adopted > 0) {
                if (adoptedGone == null || adoptedGone.done()) { // shared by every waiter (shutdown task, waitClosed)
                    adoptedGone = loop.createFuture();
                }
                adoptedGone.await();
            }
            return null;
        };
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
        if (workers != null) {
            return workers.port();
        }
        return server != null ? server.port() : acceptor.port();
    }

    /**
     * The Unix domain socket listened on, for a site started by {@link Web#startUnix} (aiohttp's {@code UnixSite}).
     *
     * @return the socket file's path (gone once the site is closed), or null for a TCP site
     */
    public java.nio.file.Path path() {
        return server != null ? server.path() : null;
    }

    /** {@return the addresses listened on, empty for a Unix socket site} */
    public List<InetSocketAddress> sockets() {
        if (workers != null) {
            return workers.sockets();
        }
        return server != null ? server.sockets() : acceptor.sockets();
    }

    /** {@return the application served (with several workers: the first serving worker's, or null if none serves)} */
    public Application app() {
        return workers != null ? workers.app() : app;
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
        return workers != null ? workers.connectionCount() : connections.size();
    }

    /**
     * {@code stop}, or for a site of several workers, the first of {@code stop} and the death of every worker (which
     * fails it): what {@code runApp} waits for.
     */
    java.util.concurrent.CompletableFuture<?> untilAllDied(java.util.concurrent.CompletableFuture<Void> stop) {
        return workers == null ? stop : java.util.concurrent.CompletableFuture.anyOf(stop, workers.allDied());
    }

    /** For tests: the workers of a site of several workers. */
    List<Worker> workersForTests() {
        return workers.workers();
    }

    /** {@link #connectionCount()} of a worker's site, read from another thread: a snapshot. */
    int connectionCountForWorkers() {
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
        if (workers != null) {
            workers.close(timeout);
            return;
        }
        if (closing) {
            return;
        }
        closing = true;
        if (server != null) {
            server.close();
        } else if (adopted == 0 && adoptedGone != null && !adoptedGone.done()) {
            adoptedGone.setResult(null); // a waitClosed() before close(): closing now, and nothing is open
        }
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
            serverClosed().await();
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
            if (workers != null) { // until close() has ended every worker, or all have died
                Asyncio.wrapFuture(workers.ended()).await();
                return null;
            }
            serverClosed().await();
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
        if (workers != null) {
            return workers.toString();
        }
        return "<Site " + (path() != null ? "[" + path() + "]" : sockets()) + (closing ? " closing" : "") + " connections=" + connections.size() + ">";
    }
}
