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
 *
 * <p><b>Contexts.</b> Every callback runs in a {@link Context}: a copy of the one current when it was scheduled
 * ({@code callSoon}, {@code callLater}, {@code callAt}, {@code callSoonThreadsafe}, {@code addReader},
 * {@code addWriter}), or the one given to the overloads that take it; a task runs in its own (see {@link Task}).
 */
public interface EventLoop {
    /**
     * CPython's {@code loop.time()}: the loop's clock, the one {@link #callAt} and timeouts use. Any thread may call
     * it.
     *
     * @return seconds on a monotonic clock, or on the virtual clock under {@link Runner#virtualTime(boolean)}
     */
    double time();

    /**
     * CPython's {@code call_soon}: schedules {@code cb} to run on the loop in the next iteration, after callbacks
     * already scheduled (FIFO). Call it on the loop's thread (in a task or a callback); from other threads use
     * {@link #callSoonThreadsafe(Runnable)}.
     *
     * @param cb the callback; an exception it throws goes to the exception handler
     * @return a handle that can cancel the call before it runs
     * @throws IllegalStateException if the loop is closed or the caller is another thread while it runs
     */
    Handle callSoon(Runnable cb);

    /**
     * As {@link #callSoon(Runnable)}, with the {@link Context} the callback runs in (CPython's
     * {@code call_soon(cb, context=ctx)}). Without one ({@code null}, or the overload without it), the callback runs
     * in a copy of the context current now, so that what it sets is lost when it returns. A context given here is
     * entered for the callback's run and keeps what it sets; if it is already entered when the callback is due, the
     * callback does not run and the {@link IllegalStateException} goes to the exception handler.
     *
     * @param cb the callback; an exception it throws goes to the exception handler
     * @param context the context to run it in, or {@code null} for a copy of the current one
     * @return a handle that can cancel the call before it runs
     * @throws IllegalStateException if the loop is closed or the caller is another thread while it runs
     */
    Handle callSoon(Runnable cb, Context context);

    /**
     * CPython's {@code call_later}: schedules {@code cb} to run {@code delay} seconds from now on the loop's clock (a
     * delay &le; 0 means the next iteration's timers). Call it on the loop's thread.
     *
     * @param delay seconds from now
     * @param cb the callback
     * @return a handle that can cancel the timer before it fires
     * @throws IllegalArgumentException if {@code delay} is NaN
     * @throws IllegalStateException if the loop is closed or the caller is another thread while it runs
     */
    TimerHandle callLater(double delay, Runnable cb);

    /**
     * As {@link #callLater(double, Runnable)}, with the {@link Context} the callback runs in (see
     * {@link #callSoon(Runnable, Context)}).
     *
     * @param delay seconds from now
     * @param cb the callback
     * @param context the context to run it in, or {@code null} for a copy of the current one
     * @return a handle that can cancel the timer before it fires
     * @throws IllegalArgumentException if {@code delay} is NaN
     * @throws IllegalStateException if the loop is closed or the caller is another thread while it runs
     */
    TimerHandle callLater(double delay, Runnable cb, Context context);

    /**
     * CPython's {@code call_at}: schedules {@code cb} to run at {@code when} on the loop's clock ({@link #time()}).
     * Call it on the loop's thread.
     *
     * @param when the deadline on the loop's clock
     * @param cb the callback
     * @return a handle that can cancel the timer before it fires
     * @throws IllegalArgumentException if {@code when} is NaN
     * @throws IllegalStateException if the loop is closed or the caller is another thread while it runs
     */
    TimerHandle callAt(double when, Runnable cb);

    /**
     * As {@link #callAt(double, Runnable)}, with the {@link Context} the callback runs in (see
     * {@link #callSoon(Runnable, Context)}).
     *
     * @param when the deadline on the loop's clock
     * @param cb the callback
     * @param context the context to run it in, or {@code null} for a copy of the current one
     * @return a handle that can cancel the timer before it fires
     * @throws IllegalArgumentException if {@code when} is NaN
     * @throws IllegalStateException if the loop is closed or the caller is another thread while it runs
     */
    TimerHandle callAt(double when, Runnable cb, Context context);

    /**
     * CPython's {@code call_soon_threadsafe}: as {@link #callSoon(Runnable)} (in a copy of the calling thread's
     * context), from any thread; wakes the loop if it
     * is waiting. From another thread the callback goes through a concurrent queue that the loop drains into its
     * ready queue before and after each wait for I/O, so it runs in one of the loop's next iterations; from
     * the loop's own thread it keeps its FIFO place among {@code callSoon}s. If the loop is closed after the call
     * but before the callback runs, the callback is dropped. The returned handle may be cancelled from any thread,
     * racing with the loop as in CPython.
     *
     * <p>Memory consistency effects: actions in a thread prior to calling {@code callSoonThreadsafe}
     * <i>happen-before</i> {@code cb} runs on the loop's thread.
     *
     * @param cb the callback; an exception it throws goes to the exception handler
     * @return a handle that can cancel the call before it runs
     * @throws IllegalStateException if the loop is closed
     */
    Handle callSoonThreadsafe(Runnable cb);

    /**
     * CPython's {@code add_reader}: calls {@code callback} on the loop whenever {@code channel} is readable (for a
     * server channel: has a connection to accept), until {@link #removeReader}. The channel is made non-blocking and
     * registered on the loop's selector; a new reader replaces the previous one. While a channel is watched, the
     * loop waits on its selector (in virtual time too: I/O can come at any moment).
     *
     * <p>Call it on the loop's thread.
     *
     * @param channel the channel to watch
     * @param callback runs on the loop each iteration the channel is ready for reading
     * @throws IllegalStateException if the channel is closed
     */
    void addReader(java.nio.channels.SelectableChannel channel, Runnable callback);

    /**
     * CPython's {@code remove_reader}: stops watching {@code channel} for reading. Call it on the loop's thread.
     *
     * @param channel the channel
     * @return whether it was watched
     */
    boolean removeReader(java.nio.channels.SelectableChannel channel);

    /**
     * CPython's {@code add_writer}: calls {@code callback} whenever {@code channel} is writable (for a socket whose
     * connect is pending: when the connect has completed or failed), until {@link #removeWriter}. As with
     * {@link #addReader}, the channel is made non-blocking and a new writer replaces the previous one. Call it on the
     * loop's thread.
     *
     * @param channel the channel to watch
     * @param callback runs on the loop each iteration the channel is ready for writing
     */
    void addWriter(java.nio.channels.SelectableChannel channel, Runnable callback);

    /**
     * CPython's {@code remove_writer}: stops watching {@code channel} for writing. Call it on the loop's thread.
     *
     * @param channel the channel
     * @return whether it was watched
     */
    boolean removeWriter(java.nio.channels.SelectableChannel channel);

    /**
     * CPython's {@code add_signal_handler}: while registered, the signal no longer gets the JVM's handling (for INT,
     * TERM and HUP: running the shutdown hooks and exiting); instead each time the process receives it,
     * {@code callback} is scheduled on this loop, thread-safely (the JVM takes signals on a thread of its own, as
     * {@link #callSoonThreadsafe(Runnable)} does), and runs on the loop's thread in one of its next iterations; an
     * exception it throws goes to the exception handler. A new callback for the same signal replaces the previous
     * one. {@link #removeSignalHandler(String)} and {@link #close()} give the signal back to the handling it had
     * before.
     *
     * <p>Signals are process-wide: one handler per signal for the whole JVM, so a registration by another loop (or
     * by anyone through {@code sun.misc.Signal}) for the same signal replaces this one until it is removed. While
     * this loop is not running (or in virtual time, until the loop next waits) the callbacks wait in its queue. The
     * usual signals are {@code "INT"} (Ctrl-C), {@code "TERM"}, {@code "HUP"}, {@code "USR1"} and {@code "USR2"};
     * names are {@code sun.misc.Signal}'s, with or without the {@code SIG} prefix. The JVM reserves some signals:
     * {@code QUIT} (thread dumps), {@code KILL} and {@code STOP} (as in CPython), and those its VM handles natively
     * ({@code USR2} and {@code PIPE} on Linux's HotSpot).
     *
     * <p>Call it on the loop's thread.
     *
     * @param signal the signal's name, such as {@code "TERM"}
     * @param callback runs on the loop's thread for each signal received
     * @throws NullPointerException if {@code signal} or {@code callback} is null
     * @throws IllegalArgumentException naming the signal if the platform has no signal of that name or the JVM
     *         reserves it
     * @throws IllegalStateException if the loop is closed or the caller is another thread while it runs
     */
    void addSignalHandler(String signal, Runnable callback);

    /**
     * CPython's {@code remove_signal_handler}: ends this loop's registration for {@code signal} and gives the signal
     * back to the handling it had before {@link #addSignalHandler(String, Runnable)} (unless another handler has
     * been installed for it since, which stays). Callbacks already scheduled still run. Call it on the loop's
     * thread.
     *
     * @param signal the signal's name, as for {@code addSignalHandler}
     * @return whether this loop had a handler for the signal
     * @throws NullPointerException if {@code signal} is null
     * @throws IllegalArgumentException naming the signal if the platform has no signal of that name
     * @throws IllegalStateException if the caller is another thread while the loop runs
     */
    boolean removeSignalHandler(String signal);

    /**
     * CPython's {@code create_future}.
     *
     * @param <T> the type of the result
     * @return a new pending future bound to this loop
     */
    <T> Future<T> createFuture();

    /**
     * CPython's {@code create_task}: wraps {@code coro} in a new task whose first step runs in the next iteration.
     * Call it on the loop's thread.
     *
     * @param <T> the type of the coroutine's result
     * @param coro the coroutine the task runs
     * @param name the task's name ({@code null}: {@code Task-N})
     * @return the new task
     * @throws IllegalStateException if the loop is closed or the caller is another thread while it runs
     */
    <T> Task<T> createTask(Coro<T> coro, String name);

    /**
     * As {@link #createTask(Coro, String)}, with the {@link Context} the task's body runs in (CPython 3.11's
     * {@code create_task(coro, name=..., context=ctx)}). The task uses {@code context} itself, not a copy: what the
     * body sets stays in it and is seen by whoever runs in it later. Without one ({@code null}) the task runs in a
     * copy of the context current now, as {@code createTask(coro, name)} does.
     *
     * @param <T> the type of the coroutine's result
     * @param coro the coroutine the task runs
     * @param name the task's name ({@code null}: {@code Task-N})
     * @param context the task's context, or {@code null} for a copy of the current one
     * @return the new task
     * @throws IllegalStateException if the loop is closed or the caller is another thread while it runs
     */
    <T> Task<T> createTask(Coro<T> coro, String name, Context context);

    /**
     * CPython's {@code loop.set_task_factory}: from now on {@link #createTask(Coro, String, Context)} (and everything
     * built on it) asks {@code factory} for its tasks, for instance {@link Asyncio#eagerTaskFactory()}. Call it on
     * the loop's thread, or before the loop runs.
     *
     * @param factory the factory, or {@code null} for plain tasks
     */
    void setTaskFactory(TaskFactory factory);

    /**
     * CPython's {@code loop.get_task_factory}.
     *
     * @return the factory set by {@link #setTaskFactory}, or {@code null} (plain tasks)
     */
    TaskFactory getTaskFactory();

    /**
     * Runs {@code fn} on {@code executor} (null: the loop's default executor, a bounded pool of daemon threads)
     * and returns a future of its result, completed on the loop. Cancelling the future cancels the call if it has
     * not started; a call already running is not interrupted, and its outcome is dropped. If the loop is closed
     * before the call ends, the outcome is dropped too. CPython's {@code run_in_executor}. Call it on the loop's
     * thread. As in CPython, {@code fn} runs in the executor thread's own {@link Context}, not the caller's; to carry
     * the caller's, pass {@code () -> ctx.run(fn)} with {@code ctx = Context.copyContext()}, as
     * {@link Asyncio#toThread} does.
     *
     * <p>Memory consistency effects: as for {@link Executor}, actions in the calling thread prior to
     * {@code runInExecutor} <i>happen-before</i> {@code fn} begins, perhaps in another thread; actions taken by
     * {@code fn} happen-before the returned future's done callbacks run and a task awaiting it resumes, on the loop's
     * thread. (An {@code Executor} of your own must keep {@code Executor}'s promise, as those of
     * {@code java.util.concurrent} do.)
     *
     * @param <T> the type of {@code fn}'s result
     * @param executor where to run {@code fn}, or {@code null} for the default executor
     * @param fn the blocking code to run off the loop
     * @return a future of the loop completed with {@code fn}'s result or exception
     * @throws IllegalStateException if the loop is closed or the caller is another thread while it runs
     * @throws java.util.concurrent.RejectedExecutionException if the executor rejects the call
     */
    <T> Future<T> runInExecutor(Executor executor, Callable<T> fn);

    /**
     * Makes {@code executor} the default executor ({@code runInExecutor(null, ...)}, {@code toThread}) instead of the
     * pool the loop creates on first use (platform daemon threads, {@code min(32, cores + 4)} of them). Like
     * CPython's {@code set_default_executor}, the loop then owns it: {@code Asyncio.run} shuts it down at the end and
     * {@link #close()} shuts it down without waiting.
     *
     * @param executor the new default executor
     */
    void setDefaultExecutor(java.util.concurrent.ExecutorService executor);

    /**
     * Runs the loop until {@code aw} is done and returns its result or throws its exception. A coroutine is
     * wrapped in a task first.
     *
     * <p>The calling thread becomes the loop's thread until this returns (CPython's {@code run_until_complete}).
     *
     * @param <T> the type of the result
     * @param aw the future or coroutine to run to completion
     * @return {@code aw}'s result
     * @throws IllegalStateException if the loop is closed or running, or stopped before {@code aw} was done
     */
    <T> T runUntilComplete(Awaitable<T> aw);

    /**
     * CPython's {@code run_forever}: runs iterations on the calling thread, which is the loop's thread meanwhile,
     * until {@link #stop()} is called.
     *
     * @throws IllegalStateException if the loop is closed or already running
     */
    void runForever();

    /**
     * CPython's {@code stop}: makes the loop return after the current iteration (or, if not running, after the next
     * one it runs). Call it on the loop's thread; from another thread, {@code callSoonThreadsafe(loop::stop)}.
     */
    void stop();

    /**
     * Closes the loop: removes its signal handlers ({@link #removeSignalHandler(String)}), drops pending callbacks
     * and shuts the default executor down without waiting. Idempotent. Tasks still pending are reported (CPython's "Task was destroyed but it is pending!") and their
     * threads unwound, so their {@code finally} blocks run.
     *
     * @throws IllegalStateException if the loop is running
     */
    void close();

    /**
     * CPython's {@code is_running}.
     *
     * @return whether a thread is running the loop now
     */
    boolean isRunning();

    /**
     * CPython's {@code is_closed}.
     *
     * @return whether {@link #close()} was called
     */
    boolean isClosed();

    /**
     * Debug mode: logs a warning for every callback or task step that holds the loop longer than
     * {@link #getSlowCallbackDuration()} (100 ms by default), as CPython's debug mode does; a blocking call in a
     * task shows up this way. A JFR recording that enables {@code io.asyncio4j.SlowCallback} gets the same as events,
     * with the event's threshold, debug mode or not (docs/jfr.md).
     *
     * @param on whether debug mode is on
     */
    void setDebug(boolean on);

    /**
     * Sets CPython's {@code slow_callback_duration}: in debug mode, a callback or task step that holds the loop
     * longer is logged.
     *
     * @param seconds the threshold in seconds (default 0.1)
     */
    void setSlowCallbackDuration(double seconds);

    /**
     * CPython's {@code slow_callback_duration}.
     *
     * @return the debug mode's threshold in seconds (default 0.1)
     */
    double getSlowCallbackDuration();

    /**
     * CPython's {@code get_debug}.
     *
     * @return whether debug mode is on
     */
    boolean getDebug();

    /**
     * CPython's {@code set_exception_handler}: replaces the exception handler, which the loop calls on its thread.
     *
     * @param handler called with the loop and the context; {@code null} restores the default one, which logs
     */
    void setExceptionHandler(BiConsumer<EventLoop, Map<String, Object>> handler);

    /**
     * CPython's {@code get_exception_handler}.
     *
     * @return the current exception handler, or {@code null} for the default one
     */
    BiConsumer<EventLoop, Map<String, Object>> getExceptionHandler();

    /**
     * Passes {@code context} to the exception handler (CPython's {@code call_exception_handler}); if the handler
     * throws, the default handler logs both. Call it on the loop's thread.
     *
     * @param context CPython's context keys: {@code message}, and any of {@code exception}, {@code handle},
     *        {@code future}, {@code task}
     */
    void callExceptionHandler(Map<String, Object> context);

    /**
     * CPython's {@code default_exception_handler}: logs the message, the other keys and the exception's stack trace.
     *
     * @param context the context, as for {@link #callExceptionHandler(Map)}
     */
    void defaultExceptionHandler(Map<String, Object> context);
}
