package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import io.asyncio4j.http.httpbin.Httpbin;
import io.asyncio4j.http.test.TestServer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The local httpbin the HTTP twins talk to instead of {@code http://httpbin.org} and the other public sites of the
 * seeds: {@link Httpbin#app()} served on {@code 127.0.0.1} and an ephemeral port.
 *
 * <ul>
 *   <li>{@link #onLoop(Runner)}: on the twin's own loop, for the asyncio twins. Its handlers are tasks of that
 *       loop, so in virtual time (the tour's runner is a {@link Runner#closedWorld(boolean) closed world}) a
 *       {@code /delay/3} costs no real time and the clock shows exactly the seconds the seed's program waits.</li>
 *   <li>{@link #onThread()}: on a loop thread of its own, in real time, for the blocking twins: a blocking
 *       {@code requests.get} on the twin's loop thread would stop the very loop that has to answer it.</li>
 * </ul>
 *
 * <p>{@link #close()} ends the server (and its thread); call it from the thread that started it, while the twin's
 * loop is still open.
 */
public final class LocalHttpbin implements AutoCloseable {
    private final Runner runner;
    private final TestServer server;
    private final Thread thread;
    private final EventLoop threadLoop;
    private final Future<Void> stop;
    private final int port;
    private boolean closed;

    private LocalHttpbin(Runner runner, TestServer server, Thread thread, EventLoop threadLoop, Future<Void> stop,
            int port) {
        this.runner = runner;
        this.server = server;
        this.thread = thread;
        this.threadLoop = threadLoop;
        this.stop = stop;
        this.port = port;
    }

    /** Starts the app on {@code runner}'s loop (runs the loop until it listens); call it between the twin's runs. */
    public static LocalHttpbin onLoop(Runner runner) {
        Objects.requireNonNull(runner, "runner");
        TestServer server = runner.run(TestServer.start(Httpbin.app()));
        return new LocalHttpbin(runner, server, null, null, null, server.port());
    }

    /** Starts the app on a new platform thread running a loop of its own on the real clock; returns once it listens. */
    public static LocalHttpbin onThread() throws InterruptedException {
        CompletableFuture<Object[]> started = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().name("local-httpbin").daemon(true).start(() -> {
            try (Runner r = new Runner()) {
                r.run(() -> {
                    try (TestServer server = TestServer.start(Httpbin.app()).await()) {
                        Future<Void> stop = Asyncio.getRunningLoop().createFuture();
                        started.complete(new Object[] {Asyncio.getRunningLoop(), stop, server.port()});
                        stop.await();
                        server.closeAndWait().await();
                    }
                    return null;
                });
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        });
        try {
            Object[] s = started.get();
            @SuppressWarnings("unchecked")
            Future<Void> stop = (Future<Void>) s[1];
            return new LocalHttpbin(null, null, t, (EventLoop) s[0], stop, (Integer) s[2]);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the local httpbin did not start: " + e.getCause(), e.getCause());
        }
    }

    /** {@code http://127.0.0.1:PORT}, what the seeds' {@code http://httpbin.org} becomes. */
    public String base() {
        return "http://" + TestServer.HOST + ":" + port;
    }

    /** {@link #base()} followed by {@code path} ({@code "/"} is added in front when missing). */
    public String url(String path) {
        return base() + (path.startsWith("/") ? path : "/" + path);
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /**
     * Closes the server gracefully and waits for the end: on the twin's loop (run until the server has closed; a
     * no-op once the twin closed its loop itself), or on the server's own thread, which then ends. Idempotent.
     */
    @Override
    public void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        if (thread == null) {
            if (!runner.getLoop().isClosed()) {
                runner.run(server.closeAndWait());
            }
        } else {
            threadLoop.callSoonThreadsafe(() -> stop.setResult(null));
            thread.join();
        }
    }
}
