package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coro;
import io.asyncio4j.net.Net;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The workers behind a site of {@link Web#start(Supplier, String, int, int)}: one loop per worker, each on its own
 * platform thread ({@link Worker}), each with its own application and its own listening socket on the shared port
 * ({@code SO_REUSEPORT}); where the platform lacks {@code SO_REUSEPORT}, one {@link Acceptor} instead.
 *
 * <p><b>Start.</b> With {@code SO_REUSEPORT}, the first worker binds the port (port 0: a free one) and the others,
 * started together once it listens, bind that port; a first worker that fails hands the choice to the next. A worker
 * whose factory or startup fails is logged (ERROR) and the others serve; if none starts, the start fails with the
 * first failure (the others suppressed).
 *
 * <p><b>Death.</b> A worker whose loop ends with an exception while serving is logged (ERROR); its listening socket
 * closes as its loop unwinds and the kernel gives its share of new connections to the others. Once every worker has
 * died, {@link #allDied()} fails with the first death's exception.
 *
 * <p><b>Close.</b> {@link #close(double)} stops the acceptor (if any) and asks each worker to shut its site down
 * gracefully with the timeout; {@link #ended()} completes when every worker thread (and the acceptor's) has ended.
 * Thread-safe.
 */
final class Workers {
    /**
     * For tests: use the fallback (one acceptor) even where {@code SO_REUSEPORT} exists. Package-private, set by
     * tests of this package only.
     */
    static volatile boolean forceFallback;
    private static final AtomicBoolean FALLBACK_TOLD = new AtomicBoolean();
    private static final int BACKLOG = 100;

    /** For tests: whether the fallback's notice counts as given already (false: the next fallback gives it). */
    static void fallbackNoticeToldForTests(boolean told) {
        FALLBACK_TOLD.set(told);
    }

    private final ServerOptions options;
    /** Added to while starting (on the starting loop's thread), read by the workers' threads when one dies. */
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> allDied = new CompletableFuture<>();
    /** Set once every worker has started or failed to: from then on, no worker serving means all have died. */
    private volatile boolean started;
    private volatile boolean closing;
    private Acceptor acceptor;
    private volatile int port;
    private volatile List<InetSocketAddress> sockets = List.of();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private Workers(ServerOptions options) {
        this.options = options;
    }

    /** {@link Web#start(Supplier, String, int, int, ServerOptions)}, arguments checked. */
    static Coro<Site> start(Supplier<Application> factory, String host, int port, int n, ServerOptions options) {
        return () -> {
            Workers g = new Workers(options);
            try {
                g.startAll(factory, host, port, n);
                g.started = true;
                if (g.servingCount() == 0) { // every worker died while the others were starting
                    throw firstFailure(g.workers);
                }
            } catch (Throwable e) {
                g.close(0);
                if (!(e instanceof CancelledError)) { // no thread of a failed start is left behind
                    Asyncio.wrapFuture(g.ended()).await();
                }
                throw e;
            }
            return new Site(g);
        };
    }

    private void startAll(Supplier<Application> factory, String host, int requestedPort, int n) {
        boolean reuse = Net.reusePortSupported() && !forceFallback;
        if (!reuse) {
            if (FALLBACK_TOLD.compareAndSet(false, true)) {
                HttpProtocol.Log.LOG.log(Level.WARNING, "SO_REUSEPORT is not available here ("
                        + (Net.reusePortSupported() ? "disabled for tests" : System.getProperty("os.name"))
                        + "): one acceptor thread accepts the connections and hands them to the " + n
                        + " worker loops in turn");
            }
            acceptor = Asyncio.toThread(() -> Acceptor.bind(host, requestedPort, BACKLOG)).await();
            port = acceptor.port();
            sockets = acceptor.sockets();
            Acceptor a = acceptor;
            for (int i = 1; i <= n; i++) {
                workers.add(newWorker(i, factory, app -> Site.startAdopting(app, options, a)));
            }
            workers.forEach(Worker::start);
            awaitStarted(workers);
            acceptor.start(List.copyOf(workers));
            return;
        }
        ServerOptions reusing = options.withReusePort(true);
        int i = 1;
        int chosen = -1;
        List<Worker> first = new ArrayList<>();
        while (chosen < 0 && i <= n) { // one at a time until one listens: it fixes the port the others bind
            Worker w = newWorker(i++, factory, app -> Site.start(app, host, requestedPort, reusing));
            workers.add(w);
            first.add(w);
            w.start();
            awaitStarted(List.of(w));
            if (w.serving()) {
                chosen = w.site().port();
                sockets = List.copyOf(w.site().sockets());
            }
        }
        if (chosen < 0) {
            throw firstFailure(first);
        }
        port = chosen;
        List<Worker> rest = new ArrayList<>();
        int p = chosen;
        for (; i <= n; i++) {
            rest.add(newWorker(i, factory, app -> Site.start(app, host, p, reusing)));
        }
        workers.addAll(rest);
        rest.forEach(Worker::start);
        awaitStarted(rest);
    }

    private Worker newWorker(int number, Supplier<Application> factory, Function<Application, Coro<Site>> starter) {
        Worker[] self = new Worker[1];
        self[0] = new Worker(number, factory, starter, e -> died(self[0], e));
        return self[0];
    }

    /** Waits for each worker to serve or fail; logs the failures; fails if none of all the workers serves. */
    private void awaitStarted(List<Worker> ws) {
        for (Worker w : ws) {
            try {
                Asyncio.wrapFuture(w.started).await();
            } catch (CancelledError e) {
                throw e;
            } catch (Throwable e) {
                HttpProtocol.Log.LOG.log(Level.ERROR, w + " failed to start; the other workers serve", unwrap(e));
            }
        }
        if (servingCount() == 0 && workers.size() == ws.size()) {
            throw firstFailure(ws);
        }
    }

    private int servingCount() {
        int n = 0;
        for (Worker w : workers) {
            if (w.serving()) {
                n++;
            }
        }
        return n;
    }

    private static RuntimeException firstFailure(List<Worker> ws) {
        RuntimeException first = null;
        for (Worker w : ws) {
            Throwable e = failure(w.started);
            if (e == null) {
                e = failure(w.ended); // started, then died
            }
            if (e == null) {
                continue;
            }
            if (first == null) {
                first = e instanceof RuntimeException r ? r : new CompletionException(e);
            } else if (e != first) {
                first.addSuppressed(e);
            }
        }
        return first != null ? first : new IllegalStateException("no worker started");
    }

    private static Throwable failure(CompletableFuture<?> f) {
        if (!f.isCompletedExceptionally()) {
            return null;
        }
        try {
            f.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            return e;
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** On the dying worker's thread, once its {@code ended} has failed. */
    private void died(Worker w, Throwable e) {
        if (closing) {
            HttpProtocol.Log.LOG.log(Level.ERROR, w + " died while shutting down", e);
            return;
        }
        int left = servingCount();
        HttpProtocol.Log.LOG.log(Level.ERROR, w + " died; " + left + " worker(s) still serving", e);
        if (left == 0 && started) {
            allDied.completeExceptionally(e);
            close(0); // nothing serves: release the acceptor and let ended() complete
        }
    }

    /** {@return fails with the first death once every worker that started has died; never completes normally} */
    CompletableFuture<Void> allDied() {
        return allDied;
    }

    /** {@return the shared port} */
    int port() {
        return port;
    }

    /** {@return the addresses listened on, empty once closing} */
    List<InetSocketAddress> sockets() {
        return closing ? List.of() : sockets;
    }

    /** {@return the application of the first serving worker, or null if none serves} */
    Application app() {
        for (Worker w : workers) {
            if (w.serving()) {
                return w.site().app();
            }
        }
        return null;
    }

    /** {@return the options the workers' sites were asked for} */
    ServerOptions options() {
        return options;
    }

    /** {@return the workers, in order (for tests)} */
    List<Worker> workers() {
        return List.copyOf(workers);
    }

    /** {@return the open connections of the serving workers, summed; a snapshot read across threads} */
    int connectionCount() {
        int n = 0;
        for (Worker w : workers) {
            Site s = w.site();
            if (s != null && !w.ended.isDone()) {
                n += s.connectionCountForWorkers();
            }
        }
        return n;
    }

    boolean closing() {
        return closing;
    }

    /**
     * Stops the acceptor and asks every worker to shut down gracefully with {@code timeout}; idempotent (the first
     * timeout wins). Does not wait: see {@link #ended()}.
     */
    synchronized void close(double timeout) {
        if (closing) {
            return;
        }
        closing = true;
        if (acceptor != null) {
            acceptor.close();
        }
        for (Worker w : workers) {
            w.stop(timeout);
        }
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Worker w : workers) {
            all.add(w.ended.exceptionally(e -> null));
        }
        Acceptor a = acceptor;
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenRunAsync(() -> {
            try { // the threads end right after their futures complete: join, so none is left behind
                for (Worker w : workers) {
                    w.join();
                }
                if (a != null) {
                    a.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, r -> Thread.ofPlatform().name("asyncio4j-workers-join").start(r))
                .whenComplete((v, e) -> ended.complete(null));
    }

    /** {@return completed once every thread has ended after {@link #close} (which all the workers' deaths call)} */
    CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    public String toString() {
        return "<Site " + sockets() + " workers=" + workers.size() + (acceptor != null ? " acceptor" : "")
                + (closing ? " closing" : "") + ">";
    }
}
