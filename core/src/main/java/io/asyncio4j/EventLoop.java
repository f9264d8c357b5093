package io.asyncio4j;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * A single-threaded event loop, as CPython's {@code asyncio} event loop: a FIFO queue of ready callbacks, a
 * heap of timers, and a wait for I/O or for other threads that ends at the next timer's deadline.
 *
 * <p><b>One iteration</b> (CPython's {@code _run_once}): drop cancelled timers at the head of the heap; wait for
 * I/O with a timeout of zero if callbacks are ready, else until the next deadline; move every due timer to the
 * ready queue (equal deadlines in the order they were scheduled); then run exactly the callbacks that were ready
 * at that moment. Callbacks they schedule run in the next iteration.
 *
 * <p><b>Threads.</b> The loop runs on the thread that calls {@link #runForever()} or
 * {@link #runUntilComplete(Awaitable)}; tasks of the loop run as virtual threads carried by that thread, one at a
 * time. Every method may be called only from the loop's thread or its tasks, except
 * {@link #callSoonThreadsafe(Runnable)}, which any thread may call, and {@link #time()}. A call from another
 * thread throws {@link IllegalStateException}.
 *
 * <p><b>Errors.</b> A callback that throws never stops the loop: the exception goes to the exception handler
 * with CPython's context keys ({@code message}, {@code exception}, {@code handle}, {@code future},
 * {@code task}); the default handler logs through {@link System.Logger} named {@code io.asyncio4j}.
 */
public interface EventLoop {
    /** The loop's clock in seconds: monotonic, or virtual under {@link Runner#virtualTime(boolean)}. */
    double time();

    /** Schedules {@code cb} to run in the next iteration, after callbacks already scheduled. */
    Handle callSoon(Runnable cb);

    /** Schedules {@code cb} to run {@code delay} seconds from now (a delay &le; 0 means the next iteration's timers). */
    TimerHandle callLater(double delay, Runnable cb);

    /** Schedules {@code cb} to run at {@code when} on the loop's clock. */
    TimerHandle callAt(double when, Runnable cb);

    /** As {@link #callSoon(Runnable)}, from any thread; wakes the loop if it is waiting. */
    Handle callSoonThreadsafe(Runnable cb);

    /**
     * CPython's {@code add_reader}: calls {@code callback} on the loop whenever {@code channel} is readable (for a
     * server channel: has a connection to accept), until {@link #removeReader}. The channel is made non-blocking and
     * registered on the loop's selector; a new reader replaces the previous one. While a channel is watched, the
     * loop waits on its selector (in virtual time too: I/O can come at any moment).
     *
     * @throws IllegalStateException if the channel is closed
     */
    void addReader(java.nio.channels.SelectableChannel channel, Runnable callback);

    /** Stops watching {@code channel} for reading. @return whether it was watched */
    boolean removeReader(java.nio.channels.SelectableChannel channel);

    /**
     * CPython's {@code add_writer}: calls {@code callback} whenever {@code channel} is writable (for a socket whose
     * connect is pending: when the connect has completed or failed), until {@link #removeWriter}.
     */
    void addWriter(java.nio.channels.SelectableChannel channel, Runnable callback);

    /** Stops watching {@code channel} for writing. @return whether it was watched */
    boolean removeWriter(java.nio.channels.SelectableChannel channel);

    /** A new pending future bound to this loop. */
    <T> Future<T> createFuture();

    /** Wraps {@code coro} in a new task whose first step runs in the next iteration; {@code name} may be null. */
    <T> Task<T> createTask(Coro<T> coro, String name);

    /**
     * Runs {@code fn} on {@code executor} (null: the loop's default executor, a bounded pool of daemon threads)
     * and returns a future of its result, completed on the loop. Cancelling the future cancels the call if it has
     * not started.
     */
    <T> Future<T> runInExecutor(Executor executor, Callable<T> fn);

    /**
     * Makes {@code executor} the default executor ({@code runInExecutor(null, ...)}, {@code toThread}) instead of the
     * pool the loop creates on first use (platform daemon threads, {@code min(32, cores + 4)} of them). Like
     * CPython's {@code set_default_executor}, the loop then owns it: {@code Asyncio.run} shuts it down at the end and
     * {@link #close()} shuts it down without waiting.
     */
    void setDefaultExecutor(java.util.concurrent.ExecutorService executor);

    /**
     * Runs the loop until {@code aw} is done and returns its result or throws its exception. A coroutine is
     * wrapped in a task first.
     *
     * @throws IllegalStateException if the loop is closed or running, or stopped before {@code aw} was done
     */
    <T> T runUntilComplete(Awaitable<T> aw);

    /** Runs iterations until {@link #stop()} is called. */
    void runForever();

    /** Makes the loop return after the current iteration (or, if not running, after the next one it runs). */
    void stop();

    /**
     * Closes the loop: drops pending callbacks and shuts the default executor down without waiting.
     * Idempotent. @throws IllegalStateException if the loop is running
     */
    void close();

    boolean isRunning();

    boolean isClosed();

    /**
     * Debug mode: logs a warning for every callback or task step that holds the loop longer than
     * {@link #getSlowCallbackDuration()} (100 ms by default), as CPython's debug mode does; a blocking call in a
     * task shows up this way.
     */
    void setDebug(boolean on);

    /** CPython's {@code slow_callback_duration}, in seconds (default 0.1). */
    void setSlowCallbackDuration(double seconds);

    double getSlowCallbackDuration();

    boolean getDebug();

    /** Replaces the exception handler; {@code null} restores the default one, which logs. */
    void setExceptionHandler(BiConsumer<EventLoop, Map<String, Object>> handler);

    /** The current exception handler, or {@code null} for the default one. */
    BiConsumer<EventLoop, Map<String, Object>> getExceptionHandler();

    /** Passes {@code context} to the exception handler (CPython's {@code call_exception_handler}). */
    void callExceptionHandler(Map<String, Object> context);

    /** The default handler: logs the message, the other keys and the exception's stack trace. */
    void defaultExceptionHandler(Map<String, Object> context);
}
