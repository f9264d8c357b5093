package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One worker of {@link Workers}: a platform thread of its own ({@code asyncio4j-worker-N}) running its own loop
 * ({@link Asyncio#run}; a platform thread, so that the fast carrier can carry its tasks), on which it calls the
 * application factory, starts a {@link Site} for that application and serves until {@link #stop(double)}, then
 * shuts the site down gracefully. Everything of the application (its hooks, its handlers) runs on this one thread.
 *
 * <p>Its futures are completed on the worker's thread: {@link #started} with the site once it listens (or with the
 * failure of the factory or the startup), {@link #ended} when the thread's loop has ended: normally after a stop,
 * exceptionally if something escaped the loop.
 */
final class Worker {
    final int number;
    final String name;
    /** The site once it serves; the failure if the factory or the startup failed. */
    final CompletableFuture<Site> started = new CompletableFuture<>();
    /** Completed when the thread's loop has ended: normally after a stop, with the failure if the worker died. */
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    /** Completed by {@link #stop}: the shutdown timeout to use. */
    private final CompletableFuture<Double> stop = new CompletableFuture<>();
    private final Thread thread;
    /** The worker's loop, set on its thread before {@link #started} completes. */
    private volatile EventLoop loop;
    /** The worker's site, set on its thread before {@link #started} completes. */
    private volatile Site site;
    /**
     * Connections the {@link Acceptor} handed over that the loop has not adopted yet. Whoever polls one owns it: the
     * loop adopts it, and once the loop has ended ({@link #gone}) the worker's thread or the acceptor closes it, so a
     * connection handed over as the loop ends is closed rather than lost with the loop's unrun callbacks.
     */
    private final ConcurrentLinkedQueue<SocketChannel> handedOver = new ConcurrentLinkedQueue<>();
    /** Set on the worker's thread once its loop has ended. */
    private volatile boolean gone;

    /**
     * A worker not yet started.
     *
     * @param number  1, 2, ...: the thread is named {@code asyncio4j-worker-<number>}
     * @param factory called once, on the worker's thread, for its application
     * @param starter starts the site of an application, awaited on the worker's loop
     * @param onDeath called on the worker's thread with the failure if the worker dies after it started
     */
    Worker(int number, Supplier<Application> factory, Function<Application, Coro<Site>> starter,
           Consumer<Throwable> onDeath) {
        this.number = number;
        this.name = "asyncio4j-worker-" + number;
        this.thread = Thread.ofPlatform().name(name).unstarted(() -> body(factory, starter, onDeath));
    }

    void start() {
        thread.start();
    }

    private void body(Supplier<Application> factory, Function<Application, Coro<Site>> starter,
                      Consumer<Throwable> onDeath) {
        try {
            Asyncio.run(() -> {
                loop = Asyncio.getRunningLoop();
                Application app = Objects.requireNonNull(factory.get(), "the application factory returned null");
                Site s = starter.apply(app).await();
                site = s;
                started.complete(s);
                try {
                    double timeout = Asyncio.wrapFuture(stop).await();
                    s.shutdown(timeout).await();
                } finally {
                    s.close(); // if the loop is being torn down (it died): at least stop listening
                }
                return null;
            });
            gone();
            ended.complete(null);
        } catch (Throwable e) {
            gone();
            boolean wasServing = !started.completeExceptionally(e);
            ended.completeExceptionally(e);
            if (wasServing) {
                onDeath.accept(e);
            }
        }
    }

    private void gone() {
        gone = true;
        closeHandedOver();
    }

    /**
     * On the acceptor's thread: hands {@code c} to this worker's loop, which adopts it into its site.
     *
     * @return false if the worker cannot take it (its loop has closed): {@code c} is the caller's again
     */
    boolean handOver(SocketChannel c) {
        handedOver.add(c);
        try {
            loop.callSoonThreadsafe(this::adoptHandedOver);
        } catch (RuntimeException closedLoop) {
            if (handedOver.remove(c)) {
                return false; // still ours: the next worker takes it
            }
        }
        if (gone) {
            closeHandedOver(); // the loop ended meanwhile: its thread may have drained the queue before c was in it
        }
        return true;
    }

    /** On the worker's loop. */
    private void adoptHandedOver() {
        Site s = site;
        for (SocketChannel c; (c = handedOver.poll()) != null; ) {
            s.adopt(c);
        }
    }

    private void closeHandedOver() {
        for (SocketChannel c; (c = handedOver.poll()) != null; ) {
            Acceptor.closeQuietly(c);
        }
    }

    /**
     * Asks the worker to shut its site down gracefully with {@code timeout} (see {@link Site#shutdown(double)});
     * its thread then ends. Any thread; idempotent (the first timeout wins).
     */
    void stop(double timeout) {
        stop.complete(timeout);
    }

    /** {@return whether the worker is serving: started and not ended} */
    boolean serving() {
        return started.isDone() && !started.isCompletedExceptionally() && !ended.isDone();
    }

    /** {@return the worker's loop (null before it runs)} */
    EventLoop loop() {
        return loop;
    }

    /** {@return the worker's site (null before it serves)} */
    Site site() {
        return site;
    }

    /** Waits for the thread to end; for {@link Workers}' final wait. */
    void join() throws InterruptedException {
        thread.join();
    }

    @Override
    public String toString() {
        return name;
    }
}
