package io.asyncio4j;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code asyncio} module: static entry points. {@code import static io.asyncio4j.Asyncio.*} gives Python's
 * spelling ({@code run}, {@code sleep}, {@code gather}, {@code createTask}, ...); call {@code Asyncio.wait(...)}
 * qualified, because a bare {@code wait(...)} inside any class means {@code Object.wait}.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *     Task<String> t = createTask(() -> { sleep(1).await(); return "done"; });
 *     System.out.println(t.await());
 *     return null;
 * });
 * }</pre>
 *
 * <p>Methods that suspend return a {@link Coro} or a {@link Future} and suspend only when awaited; they must be
 * awaited inside a task of a running loop. Methods that create tasks or futures without a loop argument use the
 * running loop (or, outside one, this thread's loop from {@link #getEventLoop()}).
 */
public final class Asyncio {
    /** Each thread's loop and whether {@link #setEventLoop} was ever called on it: CPython's policy's {@code _local}. */
    private static final ThreadLocal<ThreadLoop> THREAD_LOOP = ThreadLocal.withInitial(ThreadLoop::new);
    /** The JVM's main thread once looked up: empty if it had already ended; null until looked up. */
    private static volatile Optional<Thread> mainThread;

    private Asyncio() {
    }

    /**
     * CPython's {@code asyncio.run}: runs {@code main} on a new loop on this thread; afterwards cancels every task
     * left and waits for them, shuts the default executor down and closes the loop.
     *
     * @return the result of {@code main}; its exception is thrown as the same object
     * @throws IllegalStateException if called from a running loop
     */
    public static <T> T run(Coro<T> main) {
        if (BaseEventLoop.running() != null) {
            throw new IllegalStateException("asyncio.run() cannot be called from a running event loop");
        }
        try (Runner runner = new Runner()) {
            return runner.run(main);
        }
    }

    /** The loop running this task or callback. @throws IllegalStateException "no running event loop" */
    public static EventLoop getRunningLoop() {
        BaseEventLoop loop = BaseEventLoop.running();
        if (loop == null) {
            throw new IllegalStateException("no running event loop");
        }
        return loop;
    }

    /** A new loop, not running and not set as any thread's loop; drive it with {@code runUntilComplete}. */
    public static EventLoop newEventLoop() {
        return new BaseEventLoop(false);
    }

    /**
     * CPython 3.12's {@code asyncio.get_event_loop()}: the running loop; else this thread's loop as set by
     * {@link #setEventLoop} (returned even if it is closed); else, only in the JVM's main thread and only if
     * {@code setEventLoop} was never called there, a new loop, which becomes the main thread's loop.
     *
     * <p>So after {@link #run(Coro)} or {@link Runner#close()} (which set the thread's loop to {@code null}), after
     * {@code setEventLoop(null)}, and in any thread but the main one, there is no loop to return and this throws, as
     * CPython does. CPython 3.12 also warns ({@code DeprecationWarning: There is no current event loop}) when it
     * creates the loop; asyncio4j prints nothing. CPython 3.14 no longer creates a loop at all (it raises in the
     * main thread too); asyncio4j follows 3.12.
     *
     * <p><b>The main thread</b> is Python's {@code threading.main_thread()} in Java's terms: the platform thread the
     * JVM's launcher runs {@code main(String[])} on, named {@code "main"}. It is looked up once, on the first call
     * that needs it, as the earliest-started live platform thread named {@code "main"} in the thread group
     * {@code "main"}; if it has ended by then, no thread is the main thread. The message names the thread by its
     * Java name ({@code 'main'} where CPython says {@code 'MainThread'}).
     *
     * @throws IllegalStateException ("There is no current event loop in thread 'NAME'.", CPython's
     *         {@code RuntimeError}) if there is no running loop, no loop set for this thread, and none may be created
     */
    public static EventLoop getEventLoop() {
        BaseEventLoop running = BaseEventLoop.running();
        if (running != null) {
            return running;
        }
        ThreadLoop slot = THREAD_LOOP.get();
        Thread current = Thread.currentThread();
        if (slot.loop == null && !slot.setCalled && current == mainThread().orElse(null)) {
            setEventLoop(newEventLoop());
        }
        if (slot.loop == null) {
            throw new IllegalStateException(
                    "There is no current event loop in thread " + Repr.quote(current.getName()) + ".");
        }
        return slot.loop;
    }

    /**
     * Sets this thread's loop, the one {@link #getEventLoop()} returns outside a running loop; {@code null} clears
     * it, after which {@code getEventLoop()} throws there (even in the main thread), as in CPython.
     *
     * @throws IllegalArgumentException if {@code loop} is not one of asyncio4j's loops
     */
    public static void setEventLoop(EventLoop loop) {
        if (loop != null && !(loop instanceof BaseEventLoop)) {
            throw new IllegalArgumentException("not an asyncio4j event loop: " + loop);
        }
        ThreadLoop slot = THREAD_LOOP.get();
        slot.setCalled = true;
        slot.loop = loop;
    }

    /** The JVM's main thread (see {@link #getEventLoop()}), empty if it ended before it was first looked up. */
    static Optional<Thread> mainThread() {
        Optional<Thread> main = mainThread;
        if (main == null) {
            main = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !t.isVirtual() && t.getName().equals("main") && t.getThreadGroup() != null
                            && t.getThreadGroup().getName().equals("main"))
                    .min(Comparator.comparingLong(Thread::threadId));
            mainThread = main;
        }
        return main;
    }

    /** For tests: makes {@code thread} the main thread ({@code null}: look it up again); returns the previous one. */
    static Optional<Thread> swapMainThread(Thread thread) {
        Optional<Thread> previous = mainThread;
        mainThread = thread == null ? null : Optional.of(thread);
        return previous;
    }

    /** A thread's loop slot. */
    private static final class ThreadLoop {
        EventLoop loop;
        boolean setCalled;
    }

    /** Same as {@code aw.await()}. */
    public static <T> T await(Awaitable<T> aw) {
        return aw.await();
    }

    /** Schedules {@code coro} as a new task of the running loop; its first step runs in the next iteration. */
    public static <T> Task<T> createTask(Coro<T> coro) {
        return createTask(coro, null);
    }

    /** As {@link #createTask(Coro)}, with a name ({@code null}: {@code Task-N}). */
    public static <T> Task<T> createTask(Coro<T> coro, String name) {
        return getRunningLoop().createTask(coro, name);
    }

    /** A future as it is; a coroutine (or other awaitable) wrapped in a new task. */
    public static <T> Future<T> ensureFuture(Awaitable<T> aw) {
        if (aw instanceof Future<T> f) {
            return f;
        }
        return ((BaseEventLoop) getEventLoop()).ensureFuture(aw);
    }

    /** The task running on this thread, or {@code null} outside a task (in a plain callback, or another thread). */
    public static Task<?> currentTask() {
        return Carrier.currentTask();
    }

    /** The running loop's unfinished tasks. @throws IllegalStateException outside a running loop */
    public static Set<Task<?>> allTasks() {
        return ((BaseEventLoop) getRunningLoop()).allTasks();
    }

    /** Suspends the current task for {@code seconds}; {@code sleep(0)} gives the loop exactly one iteration. */
    public static Coro<Void> sleep(double seconds) {
        if (seconds <= 0) {
            return Tasks.YIELD;
        }
        return () -> Tasks.sleep(seconds, null);
    }

    /** As {@link #sleep(double)}, then returns {@code result}. */
    public static <T> Coro<T> sleep(double seconds, T result) {
        return () -> Tasks.sleep(seconds, result);
    }

    /**
     * Runs the awaitables concurrently; the future's result lists their results in argument order. The first
     * exception completes it (the others keep running); cancelling it cancels the unfinished children.
     */
    @SafeVarargs
    @SuppressWarnings("unchecked")
    public static <T> Future<List<T>> gather(Awaitable<? extends T>... aws) {
        return (Future<List<T>>) (Future<?>) Gather.gather(false, aws);
    }

    /** As {@link #gather(Awaitable[])}; with {@code returnExceptions} exceptions take the place of results. */
    public static Future<List<Object>> gather(boolean returnExceptions, Awaitable<?>... aws) {
        return Gather.gather(returnExceptions, aws);
    }

    /** As {@link #gather(Awaitable[])} over a collection. */
    @SuppressWarnings("unchecked")
    public static <T> Future<List<T>> gather(Collection<? extends Awaitable<? extends T>> aws) {
        return (Future<List<T>>) (Future<?>) Gather.gather(false, aws.toArray(new Awaitable<?>[0]));
    }

    /** Waits until all are done; see {@link #wait(Collection, Double, ReturnWhen)}. */
    public static <T> Coro<Done<T>> wait(Collection<? extends Awaitable<T>> aws) {
        return wait(aws, null, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Waits until {@code when} is met or {@code timeout} seconds pass ({@code null}: no limit) and returns the
     * done and pending futures. Never raises a child's exception, never cancels.
     *
     * @throws IllegalArgumentException (when awaited) if {@code aws} is empty
     */
    public static <T> Coro<Done<T>> wait(Collection<? extends Awaitable<T>> aws, Double timeout, ReturnWhen when) {
        return () -> Wait.await(aws, timeout, when);
    }

    /**
     * Awaits {@code aw} for at most {@code timeout} seconds ({@code null}: no limit). On expiry cancels it, waits
     * until it has finished and throws {@link TimeoutError} (cause: the {@link CancelledError}); if it swallowed the
     * cancellation and returned, returns that value. A coroutine runs inline in the current task. A timeout &le; 0
     * returns a done future's result, and otherwise cancels at once: a coroutine never starts. Cancelling the
     * awaiting task cancels {@code aw}.
     */
    public static <T> Coro<T> waitFor(Awaitable<T> aw, Double timeout) {
        return () -> WaitFor.await(aw, timeout);
    }

    /**
     * Schedules all of {@code aws} now and returns one coroutine per distinct awaitable; the k-th awaited gives the
     * result (or throws the exception) of the k-th to finish. After {@code timeout} seconds ({@code null}: no limit)
     * the awaits still to come throw {@link TimeoutError}; nothing is cancelled. Iterate the result once:
     *
     * <pre>{@code
     * for (Coro<String> next : Asyncio.asCompleted(List.of(a, b, c), 10.0)) {
     *     System.out.println(next.await());   // in completion order
     * }
     * }</pre>
     */
    public static <T> Iterable<Coro<T>> asCompleted(Collection<? extends Awaitable<T>> aws, Double timeout) {
        return new AsCompleted<>(aws, timeout);
    }

    /**
     * A future that follows {@code aw} but protects it from cancellation: cancelling the returned future (or the
     * task awaiting it) leaves {@code aw} running; cancelling {@code aw} itself cancels the returned future. A done
     * future is returned as it is. A coroutine is wrapped in a new task.
     */
    public static <T> Future<T> shield(Awaitable<T> aw) {
        return Shield.shield(aw);
    }

    /**
     * Runs {@code body} in the current task with a deadline {@code delay} seconds after the await ({@code null}:
     * none): on expiry the task is cancelled and the {@link CancelledError} becomes a {@link TimeoutError} at the
     * boundary; a cancel from elsewhere passes through as {@code CancelledError}. See {@link Timeout}.
     */
    public static <T> Coro<T> timeout(Double delay, Coro<T> body) {
        Objects.requireNonNull(body, "timeout: the body is null");
        return () -> Timeout.runAfter(delay, t -> body.call());
    }

    /** As {@link #timeout(Double, Coro)}, handing the body its {@link Timeout} (to read or move the deadline). */
    public static <T> Coro<T> timeout(Double delay, Timeout.Body<T> body) {
        return () -> Timeout.runAfter(delay, body);
    }

    /** As {@link #timeout(Double, Coro)} with a deadline {@code when} on {@code loop.time()}'s clock. */
    public static <T> Coro<T> timeoutAt(Double when, Coro<T> body) {
        Objects.requireNonNull(body, "timeoutAt: the body is null");
        return () -> Timeout.runAt(when, t -> body.call());
    }

    /** As {@link #timeoutAt(Double, Coro)}, handing the body its {@link Timeout}. */
    public static <T> Coro<T> timeoutAt(Double when, Timeout.Body<T> body) {
        return () -> Timeout.runAt(when, body);
    }

    /** Runs {@code fn} on the loop's default executor and awaits its result. */
    public static <T> Coro<T> toThread(Callable<T> fn) {
        return () -> Threads.toThread(fn);
    }

    /** From another thread: runs {@code coro} as a task on {@code loop}; the result comes in the returned future. */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coro<T> coro, EventLoop loop) {
        return Threads.runCoroutineThreadsafe(coro, loop);
    }

    /** A future of the running (or this thread's) loop that completes with {@code stage}. */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        return Threads.wrapFuture(stage);
    }
}
