package io.asyncio4j.http.web;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * aiohttp.web's entry points: {@link #start} (an {@code AppRunner} and a {@code TCPSite} in one call) inside a
 * running loop, {@link #startUnix} (a {@code UnixSite}) likewise on a Unix domain socket, and {@link #runApp}
 * ({@code web.run_app}), which owns its loop.
 *
 * <pre>{@code
 * Site site = Web.start(app, "127.0.0.1", 0).await();      // site.port(): the port chosen
 * ...
 * site.close();
 * }</pre>
 *
 * <p><b>One loop per core.</b> {@link #start(Supplier, String, int, int)} and {@link #runApp(Supplier, String, int,
 * int)} serve with several workers, aiohttp's several processes with {@code reuse_port=True} within one JVM: each
 * worker is a platform thread of its own ({@code asyncio4j-worker-1}, {@code -2}, ...) running its own event loop,
 * on which it calls the application factory (so each worker has its own {@link Application}, whose
 * {@code onStartup}, {@code onShutdown} and {@code onCleanup} hooks run on that worker's thread), starts the
 * application and listens with a socket of its own on the shared port ({@code SO_REUSEPORT}: the kernel spreads
 * the incoming connections between the sockets). A connection stays on the worker that accepted it, and every
 * handler of one application runs on that worker's loop, so the single-threaded model holds per worker: share
 * nothing mutable between the applications the factory makes, or guard it as any state shared between threads.
 * Where the platform has no {@code SO_REUSEPORT} ({@link io.asyncio4j.net.Net#reusePortSupported()}), one
 * acceptor thread accepts on a single socket and hands each connection to the worker loops in turn, which is
 * logged once (WARNING, logger {@code io.asyncio4j.http.web}). A worker whose factory, startup or loop fails is
 * logged (ERROR) and the others go on serving.
 *
 * <pre>{@code
 * Web.runApp(() -> {                                        // called once on each worker's thread
 *     Application app = new Application();
 *     app.router().get("/", request -> Response.text("hello from " + Thread.currentThread().getName()));
 *     return app;
 * }, "0.0.0.0", 8080, Runtime.getRuntime().availableProcessors());
 * }</pre>
 */
public final class Web {
    private Web() {
    }

    /**
     * Freezes {@code app} and starts serving it on {@code host:port} (null host: every interface; port 0: a free
     * port) with the default {@link ServerOptions}: runs the application's startup (its cleanup contexts and
     * {@code onStartup} hooks), then listens. Returns once the socket listens.
     *
     * @param app  the application; frozen by the start
     * @param host the address to listen on, or null for every interface
     * @param port the port, 0..65535; 0 for a free one
     * @return the start, run when awaited in a task of the loop that is to serve; it gives the running site
     * @throws NullPointerException if {@code app} is null (at once)
     * @throws java.io.UncheckedIOException (when awaited) if binding fails
     */
    @CheckReturnValue
    public static Coro<Site> start(Application app, String host, int port) {
        return Coro.named("Web.start", start(app, host, port, ServerOptions.DEFAULT));
    }

    /**
     * As {@link #start(Application, String, int)}, with {@code options}. If the startup or the binding fails, what
     * was set up is torn down ({@link Application#cleanupCtx()}) and the failure is thrown.
     *
     * @param app  the application; frozen by the start
     * @param host the address to listen on, or null for every interface
     * @param port the port, 0..65535; 0 for a free one
     * @param options the server's timeouts and limits
     * @return the start, run when awaited in a task of the loop that is to serve; it gives the running site
     * @throws NullPointerException if {@code app} or {@code options} is null (at once)
     * @throws java.io.UncheckedIOException (when awaited) if binding fails
     */
    @CheckReturnValue
    public static Coro<Site> start(Application app, String host, int port, ServerOptions options) {
        java.util.Objects.requireNonNull(app, "app");
        java.util.Objects.requireNonNull(options, "options");
        return Coro.named("Web.start", Site.start(app, host, port, options));
    }

    /**
     * Starts {@code workers} worker loops serving on {@code host:port} with the default {@link ServerOptions}: one
     * loop per core (see the class). Each worker, on its own platform thread, calls {@code appFactory} for its
     * application, runs its startup hooks and listens with its own {@code SO_REUSEPORT} socket on the shared port
     * (port 0: the first worker picks a free port, the others bind it). Returns once every worker serves or has
     * failed to start; a worker that failed is logged and the others serve.
     *
     * <p>The site returned stands for all the workers: {@link Site#close()} (or {@link Site#shutdown(double)})
     * shuts every worker down gracefully (stop accepting, in-flight responses finish within the shutdown timeout,
     * WebSockets closed with 1001, cleanup hooks, the threads end) and {@link Site#waitClosed()} waits for the
     * threads to end; these may be called from any thread. It is not tied to the loop that started it: the
     * workers run until it is closed, or until all of them have died, and their threads are not daemons (the JVM
     * goes on while they serve, as with a server's threads in general).
     *
     * @param appFactory called once on each worker's thread, for that worker's application; not null, nor may it
     *        return null
     * @param host the address to listen on, or null for every interface
     * @param port the port, 0..65535; 0 for a free one
     * @param workers how many loops, 1 or more (the number of cores, say)
     * @return the start, run when awaited in a task of any loop (the workers do not run on it); it gives the site
     * @throws NullPointerException if {@code appFactory} is null (at once)
     * @throws IllegalArgumentException if {@code workers} is less than 1 or {@code port} is not in 0..65535 (at
     *         once)
     * @throws java.io.UncheckedIOException (when awaited) if no worker can bind, or another failure if no worker
     *         starts (the first worker's failure, the others' suppressed)
     */
    @CheckReturnValue
    public static Coro<Site> start(Supplier<Application> appFactory, String host, int port, int workers) {
        return Coro.named("Web.start", start(appFactory, host, port, workers, ServerOptions.DEFAULT));
    }

    /**
     * As {@link #start(Supplier, String, int, int)}, with {@code options} for every worker's site (its
     * {@link ServerOptions#reusePort()} is set for them).
     *
     * @param appFactory called once on each worker's thread, for that worker's application
     * @param host the address to listen on, or null for every interface
     * @param port the port, 0..65535; 0 for a free one
     * @param workers how many loops, 1 or more
     * @param options the servers' timeouts and limits
     * @return the start, run when awaited in a task of any loop; it gives the site
     * @throws NullPointerException if {@code appFactory} or {@code options} is null (at once)
     * @throws IllegalArgumentException if {@code workers} is less than 1 or {@code port} is not in 0..65535 (at
     *         once)
     * @throws java.io.UncheckedIOException (when awaited) if no worker can bind, or another failure if no worker
     *         starts
     */
    @CheckReturnValue
    public static Coro<Site> start(Supplier<Application> appFactory, String host, int port, int workers,
                                   ServerOptions options) {
        java.util.Objects.requireNonNull(appFactory, "appFactory");
        java.util.Objects.requireNonNull(options, "options");
        checkWorkers(workers, port);
        return Coro.named("Web.start", Workers.start(appFactory, host, port, workers, options));
    }

    private static void checkWorkers(int workers, int port) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, not " + workers);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, not " + port);
        }
    }

    /**
     * aiohttp's {@code AppRunner} with a {@code UnixSite(runner, path)}: freezes {@code app}, runs its startup (its
     * cleanup contexts and {@code onStartup} hooks), then listens on the Unix domain socket {@code path} with the
     * default {@link ServerOptions}. Returns once the socket listens. A socket file already at {@code path} (left by
     * an earlier run) is replaced; any other file there makes the start fail. Closing the site removes the socket
     * file (CPython 3.13's {@code cleanup_socket=True}); {@link Site#path()} gives it back. Clients reach it with a
     * {@link io.asyncio4j.http.UnixConnector}, or {@code curl --unix-socket}. TLS over Unix sockets is not
     * offered.
     *
     * @param app  the application; frozen by the start
     * @param path the socket file to create (its directory must exist; fewer than 108 bytes on Linux)
     * @return the start, run when awaited in a task of the loop that is to serve; it gives the running site
     * @throws NullPointerException if {@code app} or {@code path} is null (at once)
     * @throws java.io.UncheckedIOException (when awaited) naming the path if binding fails
     */
    @CheckReturnValue
    public static Coro<Site> startUnix(Application app, java.nio.file.Path path) {
        return Coro.named("Web.startUnix", startUnix(app, path, ServerOptions.DEFAULT));
    }

    /**
     * As {@link #startUnix(Application, java.nio.file.Path)}, with {@code options}. If the startup or the binding
     * fails, what was set up is torn down ({@link Application#cleanupCtx()}) and the failure is thrown.
     *
     * @param app  the application; frozen by the start
     * @param path the socket file to create (its directory must exist; fewer than 108 bytes on Linux)
     * @param options the server's timeouts and limits
     * @return the start, run when awaited in a task of the loop that is to serve; it gives the running site
     * @throws NullPointerException if {@code app}, {@code path} or {@code options} is null (at once)
     * @throws java.io.UncheckedIOException (when awaited) naming the path if binding fails
     */
    @CheckReturnValue
    public static Coro<Site> startUnix(Application app, java.nio.file.Path path, ServerOptions options) {
        java.util.Objects.requireNonNull(app, "app");
        java.util.Objects.requireNonNull(path, "path");
        java.util.Objects.requireNonNull(options, "options");
        return Coro.named("Web.startUnix", Site.startUnix(app, path, options));
    }

    /**
     * aiohttp's {@code web.run_app}: runs a new loop on this thread ({@code Asyncio.run}), runs the application's
     * startup hooks, serves {@code app} on {@code host:port} and blocks until the process gets SIGINT (Ctrl-C) or
     * SIGTERM, then shuts the site down gracefully ({@link Site#close()}: shutdown hooks, open WebSockets closed
     * with 1001, in-flight requests finish for up to 60 s, then are cancelled, cleanup hooks) and returns normally,
     * so that a {@code main} that ends there exits with status 0, as aiohttp's {@code run_app} returns on its
     * {@code GracefulExit}. It prints the URL it serves on standard output, as aiohttp does.
     *
     * <p><b>Signals.</b> While it runs, the loop handles SIGINT and SIGTERM ({@link EventLoop#addSignalHandler}),
     * as aiohttp's {@code handle_signals=True}. The first starts the graceful shutdown and gives both signals back:
     * a second SIGTERM then ends the JVM at once (status 143), and a second SIGINT, on the main thread, cancels the
     * shutdown in progress ({@code Asyncio.run}'s Ctrl-C handling: the tasks are cancelled, their {@code finally}
     * blocks run, and {@link io.asyncio4j.KeyboardInterrupt} leaves this method; status 130 if uncaught). If the
     * JVM is stopped otherwise ({@code System.exit}, SIGHUP), a shutdown hook still runs the graceful shutdown
     * before it exits.
     *
     * @param app  the application; frozen by the start
     * @param host the address to listen on, or null for every interface
     * @param port the port, 0..65535; 0 for a free one
     * @throws NullPointerException if {@code app} is null
     * @throws java.io.UncheckedIOException if binding fails
     */
    public static void runApp(Application app, String host, int port) {
        runApp(app, host, port, ServerOptions.DEFAULT);
    }

    /**
     * aiohttp's {@code web.run_app(app, host=, port=, shutdown_timeout=)}: as {@link #runApp(Application, String,
     * int)} (blocks this thread until SIGINT or SIGTERM), with the default {@link ServerOptions} but for the
     * shutdown timeout: on shutdown, in-flight handlers get up to {@code shutdownTimeout} seconds to finish, then
     * are cancelled (aiohttp 3.8's default is 60 s, {@link ServerOptions#DEFAULT_SHUTDOWN_TIMEOUT}).
     *
     * @param app  the application; frozen by the start
     * @param host the address to listen on, or null for every interface
     * @param port the port, 0..65535; 0 for a free one
     * @param shutdownTimeout seconds in-flight handlers may run on shutdown, 0 or more
     * @throws NullPointerException if {@code app} is null
     * @throws IllegalArgumentException if {@code shutdownTimeout} is negative or NaN (before anything starts)
     * @throws java.io.UncheckedIOException if binding fails
     */
    public static void runApp(Application app, String host, int port, double shutdownTimeout) {
        runApp(app, host, port, ServerOptions.DEFAULT.withShutdownTimeout(shutdownTimeout));
    }

    /**
     * As {@link #runApp(Application, String, int, double)} with a {@link java.time.Duration} (converted with
     * nanosecond precision).
     *
     * @param app  the application; frozen by the start
     * @param host the address to listen on, or null for every interface
     * @param port the port, 0..65535; 0 for a free one
     * @param shutdownTimeout how long in-flight handlers may run on shutdown, zero or more; not null
     * @throws NullPointerException if {@code app} or {@code shutdownTimeout} is null
     * @throws IllegalArgumentException if {@code shutdownTimeout} is negative (before anything starts)
     * @throws java.io.UncheckedIOException if binding fails
     */
    public static void runApp(Application app, String host, int port, java.time.Duration shutdownTimeout) {
        runApp(app, host, port, ServerOptions.DEFAULT.withShutdownTimeout(shutdownTimeout));
    }

    /**
     * As {@link #runApp(Application, String, int)}, with {@code options} (aiohttp's {@code run_app} keyword
     * arguments: {@code keepalive_timeout}, {@code shutdown_timeout}, {@code access_log_format}...): the timeouts,
     * including the body timeout, the parser's limits and the {@linkplain ServerOptions#accessLog() access log} (off
     * unless set); the shutdown waits for up to its {@linkplain ServerOptions#shutdownTimeout() timeout}.
     *
     * @param app  the application; frozen by the start
     * @param host the address to listen on, or null for every interface
     * @param port the port, 0..65535; 0 for a free one
     * @param options the server's timeouts and limits
     * @throws NullPointerException if {@code app} or {@code options} is null
     * @throws java.io.UncheckedIOException if binding fails
     */
    public static void runApp(Application app, String host, int port, ServerOptions options) {
        java.util.Objects.requireNonNull(app, "app");
        java.util.Objects.requireNonNull(options, "options");
        runUntilSignal(start(app, host, port, options), host, options);
    }

    /**
     * {@link #runApp(Application, String, int)} with {@code workers} loops: as aiohttp's {@code run_app} in each of
     * several processes sharing the port with {@code reuse_port=True}, within one JVM. Starts the workers as
     * {@link #start(Supplier, String, int, int)} does (each on its own thread, with its own application from
     * {@code appFactory}, called on that thread), prints the URL, and blocks this thread until SIGINT or SIGTERM,
     * then shuts every worker down gracefully (each stops accepting, runs its shutdown hooks, closes its
     * WebSockets with 1001, lets its in-flight requests finish for up to 60 s, runs its cleanup hooks) and returns
     * once all the worker threads have ended. The signals are handled as by {@link #runApp(Application, String,
     * int)} (on a loop of this thread that only waits): a second SIGTERM ends the JVM, a second SIGINT throws
     * {@link io.asyncio4j.KeyboardInterrupt} here (the workers' shutdown goes on, on their threads).
     *
     * <p>A worker that dies is logged and the others serve; if every worker dies, this returns by throwing the
     * first death's exception.
     *
     * @param appFactory called once on each worker's thread, for that worker's application
     * @param host the address to listen on, or null for every interface
     * @param port the port, 0..65535; 0 for a free one
     * @param workers how many loops, 1 or more (the number of cores, say)
     * @throws NullPointerException if {@code appFactory} is null
     * @throws IllegalArgumentException if {@code workers} is less than 1 or {@code port} not in 0..65535 (before
     *         anything starts)
     * @throws java.io.UncheckedIOException if no worker can bind
     */
    public static void runApp(Supplier<Application> appFactory, String host, int port, int workers) {
        runApp(appFactory, host, port, workers, ServerOptions.DEFAULT);
    }

    /**
     * As {@link #runApp(Supplier, String, int, int)}, with {@code options} for every worker (the shutdown waits for
     * up to its {@linkplain ServerOptions#shutdownTimeout() timeout}).
     *
     * @param appFactory called once on each worker's thread, for that worker's application
     * @param host the address to listen on, or null for every interface
     * @param port the port, 0..65535; 0 for a free one
     * @param workers how many loops, 1 or more
     * @param options the servers' timeouts and limits
     * @throws NullPointerException if {@code appFactory} or {@code options} is null
     * @throws IllegalArgumentException if {@code workers} is less than 1 or {@code port} not in 0..65535 (before
     *         anything starts)
     * @throws java.io.UncheckedIOException if no worker can bind
     */
    public static void runApp(Supplier<Application> appFactory, String host, int port, int workers,
                              ServerOptions options) {
        runUntilSignal(start(appFactory, host, port, workers, options), host, options);
    }

    /**
     * The signals and the shutdown hook of the public {@code runApp}s: serves what {@code start} starts until
     * SIGINT, SIGTERM or the JVM's shutdown.
     */
    private static void runUntilSignal(Coro<Site> start, String host, ServerOptions options) {
        CompletableFuture<Void> stop = new CompletableFuture<>();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.complete(null);
            try {
                finished.await((long) options.shutdownTimeout() + 10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "asyncio4j runApp shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Runnable gracefulExit = () -> { // on the loop, at the first SIGINT or SIGTERM
            try {
                Runtime.getRuntime().removeShutdownHook(hook); // a second signal must not wait for this shutdown
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting already: the hook runs
            }
            stop.complete(null);
        };
        try {
            runApp(start, host, null, stop, gracefulExit);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for us
            }
        }
    }

    /**
     * The body of {@link #runApp(Application, String, int, ServerOptions)}: serves until {@code stop} completes
     * (from any thread), then closes the site and waits for its connections. {@code started}, if not null, gets
     * the site.
     */
    static void runApp(Application app, String host, int port, ServerOptions options,
                       CompletableFuture<Site> started, CompletableFuture<Void> stop) {
        runApp(app, host, port, options, started, stop, null);
    }

    /**
     * As {@link #runApp(Application, String, int, ServerOptions, CompletableFuture, CompletableFuture)}; with
     * {@code onSignal} not null, the loop handles SIGINT and SIGTERM (aiohttp's {@code handle_signals=True}): the
     * first runs {@code onSignal} on the loop, which is to complete {@code stop}, and gives both signals back, so a
     * second one interrupts the graceful shutdown.
     */
    static void runApp(Application app, String host, int port, ServerOptions options,
                       CompletableFuture<Site> started, CompletableFuture<Void> stop, Runnable onSignal) {
        runApp(start(app, host, port, options), host, started, stop, onSignal);
    }

    /**
     * The body of every {@code runApp}: on a new loop of this thread, awaits {@code start} (one site, or the site
     * of several workers), serves until {@code stop} completes (or every worker has died: then throws the death),
     * then closes the site and waits for it. {@code onSignal}: see above.
     */
    static void runApp(Coro<Site> start, String host, CompletableFuture<Site> started, CompletableFuture<Void> stop,
                       Runnable onSignal) {
        Asyncio.run(() -> {
            if (onSignal != null) {
                EventLoop loop = Asyncio.getRunningLoop();
                Runnable graceful = () -> {
                    loop.removeSignalHandler("INT");
                    loop.removeSignalHandler("TERM");
                    onSignal.run();
                };
                loop.addSignalHandler("INT", graceful);
                loop.addSignalHandler("TERM", graceful);
            }
            Site site = start.await();
            System.out.println("======== Running on http://" + (host == null ? "0.0.0.0" : host) + ":"
                    + site.port() + " ========\n(Press CTRL+C to quit)");
            if (started != null) {
                started.complete(site);
            }
            try {
                Asyncio.wrapFuture(site.untilAllDied(stop)).await();
            } finally {
                site.close();
                site.waitClosed().await();
            }
            return null;
        });
    }
}
