package io.asyncio4j;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.time.Duration;
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
     * <p>Call it from a thread with no running loop; it blocks that thread until {@code main} and the clean-up are
     * done. If {@code main}'s task is cancelled, the {@link CancelledError} is thrown from here.
     *
     * <p>On the main thread, Ctrl-C cancels {@code main} and, once it has ended cancelled and the loop is closed,
     * this throws {@link KeyboardInterrupt}, as CPython 3.11+ does; left uncaught, it ends the JVM with exit status
     * 130 and prints nothing. A second Ctrl-C ends the JVM at once. See {@link Runner#run(Coro)}.
     *
     * @param <T> the type of {@code main}'s result
     * @param main the coroutine to run as the loop's main task
     * @return the result of {@code main}; its exception is thrown as the same object
     * @throws IllegalStateException if called from a running loop
     * @throws KeyboardInterrupt if SIGINT cancelled {@code main} and it ended cancelled
     */
    public static <T> T run(Coro<T> main) {
        if (BaseEventLoop.running() != null) {
            throw new IllegalStateException("asyncio.run() cannot be called from a running event loop");
        }
        try (Runner runner = new Runner()) {
            return runner.run(main);
        }
    }

    /**
     * CPython's {@code asyncio.get_running_loop}: the loop running this task or callback.
     *
     * @return the loop whose thread (or one of whose tasks) is calling
     * @throws IllegalStateException ("no running event loop") if called from any other thread
     */
    public static EventLoop getRunningLoop() {
        BaseEventLoop loop = BaseEventLoop.running();
        if (loop == null) {
            throw new IllegalStateException("no running event loop");
        }
        return loop;
    }

    /**
     * CPython's {@code asyncio.new_event_loop}: a new loop, not running and not set as any thread's loop; drive it
     * with {@code runUntilComplete} or {@code runForever} on the thread that is to own it, and close it afterwards.
     *
     * @return a new, open, idle loop
     */
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
     * @return the running loop, else this thread's loop
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
     * it, after which {@code getEventLoop()} throws there (even in the main thread), as in CPython
     * ({@code asyncio.set_event_loop}). Affects only the calling thread.
     *
     * @param loop the loop for this thread, or {@code null}
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

    /**
     * Same as {@code aw.await()} (Python's {@code await aw}): must be called inside a task of a running loop.
     *
     * @param <T> the type of the result
     * @param aw what to await
     * @return its result; its exception is thrown as it is, and a cancellation of the current task as
     *         {@link CancelledError}
     */
    public static <T> T await(Awaitable<T> aw) {
        return aw.await();
    }

    /**
     * Same as {@code aw.await(expected)} ({@link Awaitable#await(Class)}): awaits {@code aw} declaring the checked
     * exception the caller expects, so that javac lets it be caught; the exception is thrown as the very object.
     * Must be called inside a task of a running loop; cancellation as {@link #await(Awaitable)}.
     *
     * @param <T> the type of the result
     * @param <X> the checked exception type the caller handles
     * @param aw what to await
     * @param expected the class of that exception; not null
     * @return its result
     * @throws X {@code aw}'s exception, when it is an instance of {@code expected}
     */
    public static <T, X extends Exception> T await(Awaitable<T> aw, Class<X> expected) throws X {
        return aw.await(expected);
    }

    /**
     * CPython 3.12's {@code asyncio.eager_task_factory}: a {@link TaskFactory} whose tasks start eagerly. Set on a
     * loop with {@link EventLoop#setTaskFactory}, {@code createTask} on the running loop runs the new task's
     * coroutine at once, inside the call, until it first suspends (awaits a future that is not done, or yields); the
     * task is scheduled as usual from there. A coroutine that finishes without suspending gives a task that is
     * already done when {@code createTask} returns and is never scheduled: for coroutines that often return at once
     * (a cache hit, a buffered read) this saves the loop iteration and the task switch of each. In the eager part,
     * {@link #currentTask()} is the new task and the body runs in the task's context; what it raises is the task's
     * exception, never thrown by {@code createTask}; a cancel of the task requested there is delivered at its first
     * suspension (if it returns first, the task ends cancelled). Tasks created while the loop is not running start
     * as plain tasks. From inside another task, that task resumes right after the new task's first step, before
     * any other callback of the loop.
     *
     * @return the eager task factory
     */
    public static TaskFactory eagerTaskFactory() {
        return EagerTaskFactory.INSTANCE;
    }

    /**
     * CPython's {@code asyncio.create_task}: schedules {@code coro} as a new task of the running loop; its first step
     * runs in the next iteration. Call it on the loop's thread (in a task or a callback).
     *
     * @param <T> the type of the coroutine's result
     * @param coro the coroutine the task runs
     * @return the new task, named {@code Task-N}
     * @throws IllegalStateException if no loop is running on this thread
     */
    public static <T> Task<T> createTask(Coro<T> coro) {
        return createTask(coro, null);
    }

    /**
     * As {@link #createTask(Coro)}, with a name.
     *
     * @param <T> the type of the coroutine's result
     * @param coro the coroutine the task runs
     * @param name the task's name ({@code null}: {@code Task-N})
     * @return the new task
     * @throws IllegalStateException if no loop is running on this thread
     */
    public static <T> Task<T> createTask(Coro<T> coro, String name) {
        return getRunningLoop().createTask(coro, name);
    }

    /**
     * As {@link #createTask(Coro, String)}, with the {@link Context} the task's body runs in (CPython 3.11's
     * {@code asyncio.create_task(coro, name=..., context=ctx)}); see {@link EventLoop#createTask(Coro, String, Context)}.
     *
     * @param <T> the type of the coroutine's result
     * @param coro the coroutine the task runs
     * @param name the task's name ({@code null}: {@code Task-N})
     * @param context the task's context, or {@code null} for a copy of the current one
     * @return the new task
     * @throws IllegalStateException if no loop is running on this thread
     */
    public static <T> Task<T> createTask(Coro<T> coro, String name, Context context) {
        return getRunningLoop().createTask(coro, name, context);
    }

    /**
     * CPython's {@code asyncio.ensure_future}: a future as it is; a coroutine (or other awaitable) wrapped in a new
     * task of the running loop (or this thread's loop, see {@link #getEventLoop()}).
     *
     * @param <T> the type of the result
     * @param aw a future, or an awaitable to schedule
     * @return {@code aw} itself if it is a {@link Future}, else a new task awaiting it
     */
    public static <T> Future<T> ensureFuture(Awaitable<T> aw) {
        if (aw instanceof Future<T> f) {
            return f;
        }
        return ((BaseEventLoop) getEventLoop()).ensureFuture(aw);
    }

    /**
     * CPython's {@code asyncio.current_task}.
     *
     * @return the task running on this thread, or {@code null} outside a task (in a plain callback, or another
     *         thread)
     */
    public static Task<?> currentTask() {
        return Carrier.currentTask();
    }

    /**
     * CPython 3.14's {@code asyncio.capture_call_graph}: the call graph of {@code future}, or of the current task if
     * {@code future} is null. The graph holds the frames of the task's coroutine (the Java frames of its virtual
     * thread, innermost first, without the library's await machinery: {@link Task#getStack()}) and, recursively, the
     * graphs of the tasks awaiting it: a task awaiting it directly, a task awaiting a {@code gather} or a
     * {@code shield} of it, and the task of the {@link TaskGroup} that created it. For the current task the frames
     * start at the caller of this method (CPython's default {@code depth=1}); no limit is applied beyond 512 frames
     * per task.
     *
     * <p>Nothing is recorded while tasks run: who awaits whom is read from the loop's tasks when this is called. Call
     * it on the loop's thread or from one of its tasks.
     *
     * @param future the future or task to describe, or {@code null} for the current task
     * @return the graph, or {@code null} if {@code future} is null and the caller is a callback, not a task
     * @throws IllegalStateException if {@code future} is null and no loop is running on this thread
     */
    public static FutureCallGraph captureCallGraph(Future<?> future) {
        return CallGraph.capture(future);
    }

    /**
     * CPython 3.14's {@code asyncio.format_call_graph}: {@link #captureCallGraph} as text, in CPython's layout, lines
     * separated by {@link System#lineSeparator()}, no final one:
     * <pre>
     * * Task(name='worker', id=0x1b6d3586)
     *   + Call stack:
     *   |   File 'io/example/Main.java', line 12, in Main.fetch()
     *   |   File 'io/example/Main.java', line 20, in Main.main.&lt;lambda&gt;()
     *   + Awaited by:
     *       * Task(name='Task-1', id=0x4554617c)
     *         + Call stack:
     *         ...</pre>
     * Mapping of CPython's fields: {@code id} is the task's identity hash (CPython prints its address); the file is the
     * frame's source file with its package as a path ({@code <unknown>} without debug information); the function is
     * the class's simple name and the method, a lambda shown as {@code method.<lambda>} (CPython's
     * {@code co_qualname}); CPython's {@code async} tag is left out, every frame being a plain Java frame.
     *
     * @param future the future or task to describe, or {@code null} for the current task
     * @return the text, or an empty string if {@code future} is null and the caller is not a task
     * @throws IllegalStateException if {@code future} is null and no loop is running on this thread
     */
    public static String formatCallGraph(Future<?> future) {
        FutureCallGraph g = CallGraph.capture(future);
        return g == null ? "" : CallGraph.format(g);
    }

    /**
     * CPython 3.14's {@code asyncio.print_call_graph}: prints {@link #formatCallGraph} and a line separator to
     * {@code System.out}; prints nothing if {@code future} is null and the caller is not a task.
     *
     * @param future the future or task to describe, or {@code null} for the current task
     * @throws IllegalStateException if {@code future} is null and no loop is running on this thread
     */
    public static void printCallGraph(Future<?> future) {
        FutureCallGraph g = CallGraph.capture(future);
        if (g != null) {
            System.out.println(CallGraph.format(g));
        }
    }

    /**
     * CPython's {@code asyncio.all_tasks}: the running loop's unfinished tasks.
     *
     * @return a snapshot: tasks created or finished later do not change it
     * @throws IllegalStateException outside a running loop
     */
    public static Set<Task<?>> allTasks() {
        return ((BaseEventLoop) getRunningLoop()).allTasks();
    }

    /**
     * CPython's {@code asyncio.sleep}: when awaited, suspends the current task for {@code seconds} on the loop's
     * clock (virtual time included); {@code sleep(0)} (or any delay &le; 0) gives the loop exactly one iteration.
     * Cancelling the task while it sleeps ends the sleep with {@link CancelledError}.
     *
     * @param seconds the delay
     * @return a coroutine to await inside a task; awaiting it elsewhere throws {@link IllegalStateException}
     */
    @CheckReturnValue
    public static Coro<Void> sleep(double seconds) {
        if (seconds <= 0) {
            return Tasks.YIELD;
        }
        return Coro.named("Asyncio.sleep", () -> Tasks.sleep(seconds, null));
    }

    /**
     * As {@link #sleep(double)}, then returns {@code result}.
     *
     * @param <T> the type of the result
     * @param seconds the delay
     * @param result what the await returns
     * @return a coroutine to await inside a task
     */
    @CheckReturnValue
    public static <T> Coro<T> sleep(double seconds, T result) {
        return Coro.named("Asyncio.sleep", () -> Tasks.sleep(seconds, result));
    }

    /**
     * As {@link #sleep(double)} for a {@link Duration}, converted to seconds with nanosecond precision; a zero or
     * negative duration gives the loop exactly one iteration. Cancelling the task while it sleeps ends the sleep
     * with {@link CancelledError}.
     *
     * @param delay the delay; not null
     * @return a coroutine to await inside a task
     * @throws NullPointerException if {@code delay} is null
     */
    @CheckReturnValue
    public static Coro<Void> sleep(Duration delay) {
        return Coro.named("Asyncio.sleep", sleep(toSeconds(delay, "sleep")));
    }

    /**
     * As {@link #sleep(Duration)}, then returns {@code result}.
     *
     * @param <T> the type of the result
     * @param delay the delay; not null
     * @param result what the await returns
     * @return a coroutine to await inside a task
     * @throws NullPointerException if {@code delay} is null
     */
    @CheckReturnValue
    public static <T> Coro<T> sleep(Duration delay, T result) {
        return Coro.named("Asyncio.sleep", sleep(toSeconds(delay, "sleep"), result));
    }

    /**
     * A {@link Duration} as seconds for the timeout parameters that take a {@code Double}, where a {@code Duration}
     * overload cannot be added: {@code waitFor(t, null)} ("no limit") would no longer compile, because {@code null}
     * fits {@code Double} and {@code Duration} alike. So {@code Asyncio.waitFor(t, seconds(Duration.ofMillis(250)))}.
     * The conversion keeps nanosecond precision ({@code getSeconds() + getNano() / 1e9}); a negative duration gives
     * a negative number, which those parameters treat as an immediate timeout, as CPython does. Any thread.
     *
     * @param duration the duration, or {@code null}
     * @return the duration in seconds, or {@code null} (no limit) for {@code null}
     */
    public static Double seconds(Duration duration) {
        return duration == null ? null : toSeconds(duration, "seconds");
    }

    /** {@code d} in seconds with nanosecond precision; NPE naming {@code where} for null. */
    static double toSeconds(Duration d, String where) {
        Objects.requireNonNull(d, () -> where + ": the duration is null");
        return d.getSeconds() + d.getNano() / 1e9;
    }

    /**
     * Runs the awaitables concurrently; the future's result lists their results in argument order. The first
     * exception completes it (the others keep running); cancelling it cancels the unfinished children.
     * CPython's {@code asyncio.gather} with {@code return_exceptions=False}; coroutines are wrapped in tasks of the
     * running (or this thread's) loop.
     *
     * @param <T> the common type of the results
     * @param aws the awaitables, each awaited once even if it is given more than once
     * @return a future of the results in argument order
     */
    @SafeVarargs
    @SuppressWarnings("unchecked")
    public static <T> Future<List<T>> gather(Awaitable<? extends T>... aws) {
        return (Future<List<T>>) (Future<?>) Gather.gather(false, aws);
    }

    /**
     * As {@link #gather(Awaitable[])}; with {@code returnExceptions} a child's exception (a cancelled child: its
     * {@link CancelledError}) takes the place of its result instead of completing the future.
     *
     * @param returnExceptions whether exceptions are results (CPython's {@code return_exceptions})
     * @param aws the awaitables
     * @return a future of the results (or exceptions) in argument order
     */
    public static Future<List<Object>> gather(boolean returnExceptions, Awaitable<?>... aws) {
        return Gather.gather(returnExceptions, aws);
    }

    /**
     * As {@link #gather(Awaitable[])} over a collection, in its iteration order.
     *
     * @param <T> the common type of the results
     * @param aws the awaitables
     * @return a future of the results in iteration order
     */
    @SuppressWarnings("unchecked")
    public static <T> Future<List<T>> gather(Collection<? extends Awaitable<? extends T>> aws) {
        return (Future<List<T>>) (Future<?>) Gather.gather(false, aws.toArray(new Awaitable<?>[0]));
    }

    /**
     * The typed two-argument gather: runs {@code a} and {@code b} concurrently and gives both results, each with its
     * own type, as a {@link Pair}: {@code var r = gather2(fetchUser(id), fetchOrders(id)).await()} instead of a
     * {@code List<Object>} and casts. Its behaviour is exactly {@link #gather(Awaitable[]) gather(a, b)}'s (the
     * returned future <em>is</em> the gathering future): coroutines are wrapped in tasks of the running (or this
     * thread's) loop at once; the first exception completes it as the same object and the other child keeps
     * running; cancelling it, or the task awaiting it, cancels the unfinished children, and it ends cancelled once
     * they have finished. Call it on the loop's thread. The varargs {@code gather} is a separate name on purpose: a
     * two-argument overload of {@code gather} would change the result type of every existing {@code gather(a, b)}.
     *
     * @param <A> the type of the first result
     * @param <B> the type of the second result
     * @param a the first awaitable
     * @param b the second awaitable (the same object as {@code a} is awaited once and gives both results)
     * @return a future of both results in argument order
     * @throws NullPointerException if an argument is null
     */
    public static <A, B> Future<Pair<A, B>> gather2(Awaitable<A> a, Awaitable<B> b) {
        Objects.requireNonNull(a, "gather2: a is null");
        Objects.requireNonNull(b, "gather2: b is null");
        return Gather.gather(false, Asyncio::<A, B>pair, a, b);
    }

    /**
     * The typed three-argument gather: as {@link #gather2(Awaitable, Awaitable)} for three awaitables, giving a
     * {@link Triple}. Exactly {@link #gather(Awaitable[]) gather(a, b, c)}'s behaviour, cancellation included.
     *
     * @param <A> the type of the first result
     * @param <B> the type of the second result
     * @param <C> the type of the third result
     * @param a the first awaitable
     * @param b the second awaitable
     * @param c the third awaitable
     * @return a future of the three results in argument order
     * @throws NullPointerException if an argument is null
     */
    public static <A, B, C> Future<Triple<A, B, C>> gather3(Awaitable<A> a, Awaitable<B> b, Awaitable<C> c) {
        Objects.requireNonNull(a, "gather3: a is null");
        Objects.requireNonNull(b, "gather3: b is null");
        Objects.requireNonNull(c, "gather3: c is null");
        return Gather.gather(false, Asyncio::<A, B, C>triple, a, b, c);
    }

    @SuppressWarnings("unchecked")
    private static <A, B> Pair<A, B> pair(List<Object> results) {
        return new Pair<>((A) results.get(0), (B) results.get(1));
    }

    @SuppressWarnings("unchecked")
    private static <A, B, C> Triple<A, B, C> triple(List<Object> results) {
        return new Triple<>((A) results.get(0), (B) results.get(1), (C) results.get(2));
    }

    /**
     * Waits until all are done, with no time limit; see {@link #wait(Collection, Double, ReturnWhen)}.
     *
     * @param <T> the type of the results
     * @param aws the awaitables
     * @return a coroutine giving the done futures (and no pending ones)
     */
    @CheckReturnValue
    public static <T> Coro<Done<T>> wait(Collection<? extends Awaitable<T>> aws) {
        return Coro.named("Asyncio.wait", wait(aws, (Double) null, ReturnWhen.ALL_COMPLETED));
    }

    /**
     * Waits until {@code when} is met, with no time limit; see {@link #wait(Collection, Double, ReturnWhen)}.
     *
     * @param <T> the type of the results
     * @param aws the awaitables
     * @param when which completion ends the wait
     * @return a coroutine to await inside a task, giving the done and the pending futures
     * @throws IllegalArgumentException (when awaited) if {@code aws} is empty
     */
    @CheckReturnValue
    public static <T> Coro<Done<T>> wait(Collection<? extends Awaitable<T>> aws, ReturnWhen when) {
        return Coro.named("Asyncio.wait", wait(aws, (Double) null, when));
    }

    /**
     * As {@link #wait(Collection, Double, ReturnWhen)} with a primitive limit, so that {@code wait(aws, 5, when)}
     * compiles; the same behaviour for every value (a limit &le; 0 ends the wait in the next iteration).
     *
     * @param <T> the type of the results
     * @param aws the awaitables
     * @param timeout the limit in seconds
     * @param when which completion ends the wait
     * @return a coroutine to await inside a task, giving the done and the pending futures
     * @throws IllegalArgumentException (when awaited) if {@code aws} is empty
     */
    @CheckReturnValue
    public static <T> Coro<Done<T>> wait(Collection<? extends Awaitable<T>> aws, double timeout, ReturnWhen when) {
        return Coro.named("Asyncio.wait", wait(aws, Double.valueOf(timeout), when));
    }

    /**
     * Waits until {@code when} is met or {@code timeout} seconds pass ({@code null}: no limit) and returns the
     * done and pending futures. Never raises a child's exception, never cancels: on timeout, and when the awaiting
     * task is cancelled, the children keep running. CPython's {@code asyncio.wait}; coroutines are wrapped in tasks.
     *
     * @param <T> the type of the results
     * @param aws the awaitables
     * @param timeout the limit in seconds, or {@code null}
     * @param when which completion ends the wait
     * @return a coroutine to await inside a task, giving the done and the pending futures
     * @throws IllegalArgumentException (when awaited) if {@code aws} is empty
     */
    @CheckReturnValue
    public static <T> Coro<Done<T>> wait(Collection<? extends Awaitable<T>> aws, Double timeout, ReturnWhen when) {
        return Coro.named("Asyncio.wait", () -> Wait.await(aws, timeout, when));
    }

    /**
     * Awaits {@code aw} for at most {@code timeout} seconds ({@code null}: no limit). On expiry cancels it, waits
     * until it has finished and throws {@link TimeoutError} (cause: the {@link CancelledError}); if it swallowed the
     * cancellation and returned, returns that value. A coroutine runs inline in the current task. A timeout &le; 0
     * returns a done future's result, and otherwise cancels at once: a coroutine never starts. Cancelling the
     * awaiting task cancels {@code aw}. CPython's {@code asyncio.wait_for}.
     *
     * @param <T> the type of the result
     * @param aw what to await
     * @param timeout the limit in seconds, or {@code null}
     * @return a coroutine to await inside a task, giving {@code aw}'s result
     */
    @CheckReturnValue
    public static <T> Coro<T> waitFor(Awaitable<T> aw, Double timeout) {
        return Coro.named("Asyncio.waitFor", () -> WaitFor.await(aw, timeout));
    }

    /**
     * As {@link #waitFor(Awaitable, Double)} with a primitive limit, so that {@code waitFor(t, 5)} compiles; the same
     * behaviour for every value: a limit &le; 0 times out at once unless {@code aw} is already done, as in CPython.
     * {@code waitFor(t, null)} still picks the {@code Double} form (no limit). For a {@link Duration}, pass
     * {@link #seconds(Duration)}.
     *
     * @param <T> the type of the result
     * @param aw what to await
     * @param timeout the limit in seconds
     * @return a coroutine to await inside a task, giving {@code aw}'s result
     */
    @CheckReturnValue
    public static <T> Coro<T> waitFor(Awaitable<T> aw, double timeout) {
        return Coro.named("Asyncio.waitFor", waitFor(aw, Double.valueOf(timeout)));
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
     *
     * CPython's {@code asyncio.as_completed}; {@link #asCompletedFutures(Collection, Double)} is CPython 3.13's
     * {@code async for} form, which gives the tasks and futures themselves as they finish.
     *
     * @param <T> the type of the results
     * @param aws the awaitables; coroutines are wrapped in tasks at once
     * @param timeout the limit in seconds for all of them, or {@code null}
     * @return one coroutine per distinct awaitable, each to be awaited inside a task
     */
    public static <T> Iterable<Coro<T>> asCompleted(Collection<? extends Awaitable<T>> aws, Double timeout) {
        return new AsCompleted<>(aws, timeout);
    }

    /**
     * As {@link #asCompleted(Collection, Double)} with no time limit: {@code for c in asyncio.as_completed(fs)}.
     *
     * @param <T> the type of the results
     * @param aws the awaitables; coroutines are wrapped in tasks at once
     * @return one coroutine per distinct awaitable, each to be awaited inside a task
     */
    public static <T> Iterable<Coro<T>> asCompleted(Collection<? extends Awaitable<T>> aws) {
        return asCompleted(aws, (Double) null);
    }

    /**
     * As {@link #asCompleted(Collection, Double)} with a primitive limit, so that {@code asCompleted(fs, 10)}
     * compiles; the same behaviour for every value.
     *
     * @param <T> the type of the results
     * @param aws the awaitables; coroutines are wrapped in tasks at once
     * @param timeout the limit in seconds for all of them
     * @return one coroutine per distinct awaitable, each to be awaited inside a task
     */
    public static <T> Iterable<Coro<T>> asCompleted(Collection<? extends Awaitable<T>> aws, double timeout) {
        return asCompleted(aws, Double.valueOf(timeout));
    }

    /**
     * CPython 3.13's {@code async for f in asyncio.as_completed(fs)}: schedules all of {@code aws} now and iterates
     * the awaitables themselves (a coroutine passed in: the task that wraps it) in the order they finish, each
     * already done; a failed or cancelled one is given like the others, its exception not thrown. Each
     * {@code next()} awaits the next to finish, inside a task on the loop's thread; after {@code timeout} seconds
     * ({@code null}: no limit) it throws {@link TimeoutError}. Iterate the result once.
     *
     * <pre>{@code
     * for (Future<String> f : Asyncio.asCompletedFutures(tasks, 10.0)) {   // async for f in as_completed(...)
     *     System.out.println(names.get(f) + ": " + f.result());
     * }
     * }</pre>
     *
     * A method of its own, since {@link #asCompleted(Collection, Double)}'s shape is fixed: CPython 3.13 gives both
     * iterations on one object.
     *
     * @param <T> the type of the results
     * @param aws the awaitables; coroutines are wrapped in tasks at once
     * @param timeout the limit in seconds for all of them, or {@code null}
     * @return the awaitables in the order they finish; its iterator's {@code next()} must be called inside a task
     */
    public static <T> Iterable<Future<T>> asCompletedFutures(Collection<? extends Awaitable<T>> aws, Double timeout) {
        return new AsCompleted<>(aws, timeout).futures();
    }

    /**
     * As {@link #asCompletedFutures(Collection, Double)} with no time limit.
     *
     * @param <T> the type of the results
     * @param aws the awaitables; coroutines are wrapped in tasks at once
     * @return the awaitables in the order they finish
     */
    public static <T> Iterable<Future<T>> asCompletedFutures(Collection<? extends Awaitable<T>> aws) {
        return asCompletedFutures(aws, (Double) null);
    }

    /**
     * A future that follows {@code aw} but protects it from cancellation: cancelling the returned future (or the
     * task awaiting it) leaves {@code aw} running; cancelling {@code aw} itself cancels the returned future. A done
     * future is returned as it is. A coroutine is wrapped in a new task. CPython's {@code asyncio.shield}.
     *
     * @param <T> the type of the result
     * @param aw what to protect
     * @return a future completing as {@code aw} does
     */
    public static <T> Future<T> shield(Awaitable<T> aw) {
        return Shield.shield(aw);
    }

    /**
     * Runs {@code body} in the current task with a deadline {@code delay} seconds after the await ({@code null}:
     * none): on expiry the task is cancelled and the {@link CancelledError} becomes a {@link TimeoutError} at the
     * boundary; a cancel from elsewhere passes through as {@code CancelledError}. See {@link Timeout}. CPython's
     * {@code async with asyncio.timeout(delay)}.
     *
     * @param <T> the type of the body's result
     * @param delay seconds from the await to the deadline, or {@code null}
     * @param body the code to run under the deadline
     * @return a coroutine to await inside a task, giving the body's result
     */
    @CheckReturnValue
    public static <T> Coro<T> timeout(Double delay, Coro<T> body) {
        Objects.requireNonNull(body, "timeout: the body is null");
        return Coro.named("Asyncio.timeout", () -> Timeout.runAfter(delay, t -> body.call()));
    }

    /**
     * As {@link #timeout(Double, Coro)}, handing the body its {@link Timeout} (to read or move the deadline).
     *
     * @param <T> the type of the body's result
     * @param delay seconds from the await to the deadline, or {@code null}
     * @param body the code to run under the deadline
     * @return a coroutine to await inside a task, giving the body's result
     */
    @CheckReturnValue
    public static <T> Coro<T> timeout(Double delay, Timeout.Body<T> body) {
        return Coro.named("Asyncio.timeout", () -> Timeout.runAfter(delay, body));
    }

    /**
     * As {@link #timeout(Double, Coro)} with a deadline {@code when} on {@code loop.time()}'s clock (CPython's
     * {@code asyncio.timeout_at}).
     *
     * @param <T> the type of the body's result
     * @param when the deadline on the loop's clock, or {@code null}
     * @param body the code to run under the deadline
     * @return a coroutine to await inside a task, giving the body's result
     */
    @CheckReturnValue
    public static <T> Coro<T> timeoutAt(Double when, Coro<T> body) {
        Objects.requireNonNull(body, "timeoutAt: the body is null");
        return Coro.named("Asyncio.timeoutAt", () -> Timeout.runAt(when, t -> body.call()));
    }

    /**
     * As {@link #timeoutAt(Double, Coro)}, handing the body its {@link Timeout}.
     *
     * @param <T> the type of the body's result
     * @param when the deadline on the loop's clock, or {@code null}
     * @param body the code to run under the deadline
     * @return a coroutine to await inside a task, giving the body's result
     */
    @CheckReturnValue
    public static <T> Coro<T> timeoutAt(Double when, Timeout.Body<T> body) {
        return Coro.named("Asyncio.timeoutAt", () -> Timeout.runAt(when, body));
    }

    /**
     * As {@link #timeout(Double, Coro)} with a primitive delay, so that {@code timeout(5, body)} compiles; the same
     * behaviour for every value (a delay &le; 0 expires in the next iteration; NaN is rejected when awaited).
     *
     * @param <T> the type of the body's result
     * @param delay seconds from the await to the deadline
     * @param body the code to run under the deadline
     * @return a coroutine to await inside a task, giving the body's result
     */
    @CheckReturnValue
    public static <T> Coro<T> timeout(double delay, Coro<T> body) {
        return Coro.named("Asyncio.timeout", timeout(Double.valueOf(delay), body));
    }

    /**
     * As {@link #timeout(Double, Timeout.Body)} with a primitive delay.
     *
     * @param <T> the type of the body's result
     * @param delay seconds from the await to the deadline
     * @param body the code to run under the deadline
     * @return a coroutine to await inside a task, giving the body's result
     */
    @CheckReturnValue
    public static <T> Coro<T> timeout(double delay, Timeout.Body<T> body) {
        return Coro.named("Asyncio.timeout", timeout(Double.valueOf(delay), body));
    }

    /**
     * As {@link #timeoutAt(Double, Coro)} with a primitive deadline, so that {@code timeoutAt(loop.time() + 5, body)}
     * needs no boxing.
     *
     * @param <T> the type of the body's result
     * @param when the deadline on the loop's clock
     * @param body the code to run under the deadline
     * @return a coroutine to await inside a task, giving the body's result
     */
    @CheckReturnValue
    public static <T> Coro<T> timeoutAt(double when, Coro<T> body) {
        return Coro.named("Asyncio.timeoutAt", timeoutAt(Double.valueOf(when), body));
    }

    /**
     * As {@link #timeoutAt(Double, Timeout.Body)} with a primitive deadline.
     *
     * @param <T> the type of the body's result
     * @param when the deadline on the loop's clock
     * @param body the code to run under the deadline
     * @return a coroutine to await inside a task, giving the body's result
     */
    @CheckReturnValue
    public static <T> Coro<T> timeoutAt(double when, Timeout.Body<T> body) {
        return Coro.named("Asyncio.timeoutAt", timeoutAt(Double.valueOf(when), body));
    }

    /**
     * CPython's {@code asyncio.to_thread}: when awaited, runs {@code fn} on the loop's default executor
     * ({@link EventLoop#runInExecutor(java.util.concurrent.Executor, Callable) runInExecutor(null, fn)}) and
     * suspends the current task until it returns. {@code fn} runs in a copy of the task's {@link Context}, as
     * CPython's {@code to_thread} copies it: it sees the task's context variables, and what it sets stays there.
     * {@code fn}'s exception is thrown from the await as it is.
     * Cancelling the awaiting task cancels the call if it has not started; once started, {@code fn} runs to the end
     * (it is not interrupted) and its result is dropped, and the await throws {@link CancelledError} at once.
     *
     * <p>Memory consistency effects: actions in the task prior to awaiting the returned coroutine
     * <i>happen-before</i> {@code fn} begins, on the executor's thread; actions taken by {@code fn} happen-before
     * the awaiting task resumes with its result or exception.
     *
     * @param <T> the type of {@code fn}'s result
     * @param fn the blocking code to run off the loop
     * @return a coroutine to await inside a task (else it throws {@link IllegalStateException}), giving {@code fn}'s
     *         result
     */
    @CheckReturnValue
    public static <T> Coro<T> toThread(Callable<T> fn) {
        return Coro.named("Asyncio.toThread", () -> Threads.toThread(fn));
    }

    /**
     * CPython's {@code asyncio.run_coroutine_threadsafe}: from any thread other than {@code loop}'s, runs
     * {@code coro} as a new task of {@code loop}, created in the loop's next iteration; the task's outcome completes
     * the returned future (its result; its exception; a cancelled task cancels the future). Cancelling the returned
     * future cancels the task (through {@link EventLoop#callSoonThreadsafe(Runnable)}), or, if the task has not been
     * created yet, keeps it from being created. Do not block on the future from the loop's own thread: the loop
     * could not run the task.
     *
     * <p>Memory consistency effects: actions in a thread prior to calling {@code runCoroutineThreadsafe}
     * <i>happen-before</i> the coroutine's first step on the loop (the submission goes through
     * {@code callSoonThreadsafe}); actions taken by the coroutine happen-before actions subsequent to the retrieval
     * of its result from the returned future ({@code get}, {@code join}, or a dependent stage) in another thread.
     *
     * @param <T> the type of the coroutine's result
     * @param coro the coroutine to run on the loop
     * @param loop the loop to run it on
     * @return a future completed from the loop's thread with the task's outcome
     * @throws NullPointerException if {@code coro} or {@code loop} is null
     * @throws IllegalStateException if {@code loop} is closed
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coro<T> coro, EventLoop loop) {
        return Threads.runCoroutineThreadsafe(coro, loop);
    }

    /**
     * CPython's {@code asyncio.wrap_future}: a future of the running (or this thread's) loop that completes, on the
     * loop's thread, as {@code stage} does: with its value, with its exception (unwrapped from a
     * {@link java.util.concurrent.CompletionException}), or cancelled if {@code stage} was cancelled. Cancelling the
     * returned future cancels {@code stage} (through {@code toCompletableFuture().cancel(false)}, where the stage
     * allows it). Call it on the loop's thread (in a task or a callback); {@code stage} may be completed from any
     * thread. If the loop is closed before {@code stage} completes, the completion is dropped.
     *
     * <p>Memory consistency effects: actions in a thread prior to completing {@code stage} <i>happen-before</i> the
     * returned future's done callbacks run and a task awaiting it resumes, on the loop's thread (for a
     * {@link CompletableFuture}; another {@code CompletionStage} must make its own completion visible to its
     * {@code whenComplete} actions, as {@code CompletableFuture} does).
     *
     * @param <T> the type of the stage's value
     * @param stage the stage to follow
     * @return a new future of the loop
     * @throws NullPointerException if {@code stage} is null
     * @throws IllegalStateException if there is no running loop and no loop for this thread
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        return Threads.wrapFuture(stage);
    }
}
