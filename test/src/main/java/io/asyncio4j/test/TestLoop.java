package io.asyncio4j.test;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Awaitable;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One test's event loop, kotlinx-coroutines-test's {@code runTest} for asyncio4j: a fresh loop in virtual time
 * (delays are skipped: {@code sleep(3600)} returns at once with {@code loop.time()} 3600 seconds later), the test
 * body run as a task on it (so it may {@code await()}), failures nobody handled turned into test failures, tasks
 * left over cancelled and reported, and a real-time limit so that a test that can never finish fails instead of
 * hanging the build.
 *
 * <pre>{@code
 * @Test
 * void retriesAfterAnHour() {
 *     TestLoop.runTest(() -> {
 *         double t0 = Asyncio.getRunningLoop().time();
 *         Asyncio.sleep(3600).await();                       // no real time passes
 *         assertThat(Asyncio.getRunningLoop().time() - t0).isEqualTo(3600.0);
 *         return null;
 *     });
 * }
 * }</pre>
 * {@link AsyncioExtension} does the same for whole test classes; the loop, body and checks are this class's.
 *
 * <p><b>Time.</b> Virtual time is {@link Runner#virtualTime(boolean)}: the clock starts at 0 and jumps to the next
 * timer whenever nothing is ready and nothing outside the loop can wake it; while a socket is watched, an executor
 * job runs or a wrapped {@code CompletionStage} is pending, the loop waits in real time and the clock follows it.
 * A loop in real time ({@code virtualTime} false) is an ordinary {@code new Runner()}.
 *
 * <p><b>Failures nobody handled.</b> Everything reported to the loop's exception handler with an
 * {@code "exception"} key fails the test when the loop is {@linkplain #close() closed}: an exception in a callback,
 * a task whose exception was never retrieved (a child task that failed while nobody awaited it), an exception
 * raised by a leftover task while it was being cancelled. A task's unretrieved exception is reported when the
 * task is garbage-collected (as in CPython) or, at the latest, when the loop closes, so {@link #close()} sees every
 * one, including those of tasks the test still references. Reports without an exception (warnings) go to the loop's default handler as
 * usual. The first failure is the {@link AssertionError}'s cause, the others are suppressed exceptions of it.
 *
 * <p><b>Leftover tasks.</b> Tasks still pending when the loop is closed are cancelled and awaited (their
 * {@code finally} blocks run), and the test fails naming them: a test awaits or cancels what it starts.
 *
 * <p><b>Timeout.</b> Each {@link #run(Coro)} may take at most the timeout of <em>real</em> time (virtual time does
 * not count). When it expires the body's task is cancelled and {@code run} throws an {@link AssertionError} that
 * names the timeout and lists the tasks pending at that moment (a deadlock: tasks waiting on each other, or on a
 * future nobody completes). A body that blocks the loop's thread without awaiting (a busy loop, a
 * {@code Thread.sleep}) cannot be cancelled, as in kotlinx; it fails once it awaits again.
 *
 * <p><b>Threads.</b> A test loop belongs to the thread that created it: {@link #run(Coro)} and {@link #close()} are
 * called from that thread, which runs the loop meanwhile, and never from inside a running loop.
 */
public final class TestLoop implements AutoCloseable {
    /** The real-time limit of {@link #runTest(Coro)}: 60 seconds, kotlinx-coroutines-test's default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** The watchdog thread: one for all test loops, a daemon, so a JVM with tests in it can still exit. */
    private static final class Watchdog {
        static final ScheduledExecutorService TIMER = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread thread = new Thread(r, "asyncio4j-test-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            t.setRemoveOnCancelPolicy(true);
            return t;
        }
    }

    private final Runner runner;
    private final Duration timeout;
    /** What reached the exception handler with an exception; only the loop's thread touches it. */
    private final List<Map<String, Object>> unhandled = new ArrayList<>();
    private boolean started;
    private boolean closed;

    /**
     * A test loop in virtual time with {@link #DEFAULT_TIMEOUT}. The loop itself is created on the first
     * {@link #run(Coro)} or {@link #loop()}.
     */
    public TestLoop() {
        this(true, DEFAULT_TIMEOUT);
    }

    /**
     * A test loop; the loop itself is created on the first {@link #run(Coro)} or {@link #loop()}.
     *
     * @param virtualTime whether the loop's clock is virtual (true for nearly every test) or real
     * @param timeout     the real time each {@link #run(Coro)} may take
     * @throws NullPointerException     if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public TestLoop(boolean virtualTime, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        this.runner = new Runner().virtualTime(virtualTime);
    }

    /**
     * Runs {@code body} on a fresh virtual-time loop with {@link #DEFAULT_TIMEOUT}, then closes the loop:
     * {@code try (TestLoop t = new TestLoop()) { return t.run(body); }}.
     *
     * @param <T>  the type of the body's result
     * @param body the test body, run as a task
     * @return the body's result
     * @throws AssertionError if the body did not finish within the timeout, or it finished but a failure nobody
     *                        handled or a leftover task was found when the loop closed
     */
    public static <T> T runTest(Coro<T> body) {
        return runTest(DEFAULT_TIMEOUT, body);
    }

    /**
     * {@link #runTest(Coro)} with another real-time limit.
     *
     * @param <T>     the type of the body's result
     * @param timeout the real time the body may take
     * @param body    the test body, run as a task
     * @return the body's result
     * @throws AssertionError as {@link #runTest(Coro)}; the body's own exception is thrown as it is, with the
     *                        close's failure, if any, suppressed in it
     */
    public static <T> T runTest(Duration timeout, Coro<T> body) {
        try (TestLoop t = new TestLoop(true, timeout)) {
            return t.run(body);
        }
    }

    /**
     * The loop, created (and set as this thread's event loop) if needed. Its exception handler is this test
     * loop's (see the class comment); a test that sets another one takes over the failures it reports.
     *
     * @return this test's loop
     * @throws IllegalStateException if this test loop is closed
     */
    public EventLoop loop() {
        if (closed) {
            throw new IllegalStateException("the test loop is closed");
        }
        EventLoop loop = runner.getLoop();
        if (!started) {
            started = true;
            installHandler(loop);
        }
        return loop;
    }

    /**
     * Runs {@code body} as a task on this test's loop until it is done, at most the timeout of real time. May be
     * called several times (a test's set-up, body and tear-down share the loop).
     *
     * @param <T>  the type of the body's result
     * @param body the coroutine to run as a task
     * @return its result
     * @throws AssertionError        if the timeout expired first (the body's task was cancelled)
     * @throws IllegalStateException if this test loop is closed, or this is called from a running loop
     */
    public <T> T run(Coro<T> body) {
        Objects.requireNonNull(body, "body");
        EventLoop loop = loop();
        TimedOut timedOut = new TimedOut();
        ScheduledFuture<?> watchdog = Watchdog.TIMER.schedule(() -> {
            try {
                loop.callSoonThreadsafe(timedOut::expire);
            } catch (IllegalStateException closedMeanwhile) {
                // the run ended as the timeout expired: nothing to stop
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return runner.run(() -> {
                timedOut.task = Asyncio.currentTask();
                return body.await();
            });
        } catch (CancelledError e) {
            if (timedOut.pending != null) {
                AssertionError failure = new AssertionError("the test did not finish within " + describe(timeout)
                        + " of real time (a deadlock? a future nobody completes?); tasks pending then: "
                        + timedOut.pending);
                failure.initCause(e);
                throw failure;
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    /** The body's task, and what was pending when the timeout expired (null until then). */
    private static final class TimedOut {
        volatile Task<?> task;
        volatile List<String> pending;

        /** On the loop's thread: records the pending tasks and cancels the body's task. */
        void expire() {
            Task<?> t = task;
            if (t == null || t.done()) {
                return;
            }
            List<String> names = new ArrayList<>();
            for (Task<?> p : Asyncio.allTasks()) {
                names.add(p.toString());
            }
            pending = names;
            t.cancel("the test's timeout expired");
        }
    }

    /**
     * Cancels the tasks still pending and waits for them, closes the loop (which reports unretrieved exceptions)
     * and the default executor, and then fails if anything went unhandled: idempotent (a second call does
     * nothing).
     *
     * @throws AssertionError if tasks were left over or failures reached the loop's exception handler; its cause
     *                        is the first failure, the others are suppressed in it
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> leftover = new ArrayList<>();
        try {
            if (!started) {
                return;
            }
            runner.run(() -> {
                Task<?> self = Asyncio.currentTask();
                List<Task<?>> tasks = new ArrayList<>();
                for (Task<?> t : Asyncio.allTasks()) {
                    if (t != self) {
                        leftover.add(t.toString());
                        t.cancel("the test ended");
                        tasks.add(t);
                    }
                }
                List<Object> outcomes = Asyncio.gather(true, tasks.toArray(new Awaitable<?>[0])).await();
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i) instanceof Throwable e && !(e instanceof CancelledError)) {
                        unhandled.add(Map.of("message", "a leftover task failed while it was cancelled",
                                "exception", e, "task", tasks.get(i).toString()));
                    }
                }
                return null;
            });
        } finally {
            runner.close();
        }
        AssertionError failure = null;
        if (!leftover.isEmpty()) {
            failure = new AssertionError(leftover.size() + " task(s) still pending when the test ended, cancelled: "
                    + leftover);
        }
        for (Map<String, Object> ctx : unhandled) {
            Throwable e = (Throwable) ctx.get("exception");
            if (failure == null) {
                failure = new AssertionError("a failure nobody handled reached the loop's exception handler: "
                        + ctx.get("message") + describeContext(ctx), e);
            } else if (failure.getCause() == null) {
                failure.initCause(e);
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void installHandler(EventLoop loop) {
        loop.setExceptionHandler((l, ctx) -> {
            if (ctx.get("exception") instanceof Throwable) {
                unhandled.add(Map.copyOf(withoutNulls(ctx)));
            } else {
                l.defaultExceptionHandler(ctx);
            }
        });
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> ctx) {
        Map<String, Object> copy = new LinkedHashMap<>();
        ctx.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    private static String describeContext(Map<String, Object> ctx) {
        Object where = ctx.containsKey("future") ? ctx.get("future") : ctx.get("task");
        return where == null ? "" : " (" + where + ")";
    }

    private static String describe(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
