package io.asyncio4j;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A coroutine running concurrently on an event loop, CPython's {@code asyncio.Task}; it is also the
 * {@link Future} of the coroutine's result.
 *
 * <p><b>How it runs.</b> Each task runs its {@link Coro} on a virtual thread of its own whose only carrier is the
 * loop's thread, so the whole Java stack survives every {@code await()}. The first step runs in the loop
 * iteration after {@code createTask}, or inside it for an eager task ({@link Asyncio#eagerTaskFactory()}). A task that awaits a pending future is resumed in the iteration after the
 * one in which the future completed; awaiting a done future or a {@code Coro} never yields;
 * {@code sleep(0)} yields exactly one iteration. Only one task or callback of a loop runs at a time.
 *
 * <p><b>Context.</b> The whole body runs in one {@link Context}: a copy of the context current where the task was
 * created, or the one given to {@link EventLoop#createTask(Coro, String, Context)} (CPython 3.11's {@code context=}).
 * {@link ContextVar#set} in the body changes that context only; the body's done callbacks run in the context
 * current where they were added.
 *
 * <p><b>Cancellation</b> (CPython's rules): {@link #cancel(String)} of a task waiting on a future cancels that
 * future, and the task's {@code await()} throws {@link CancelledError} with the message. A cancel requested while
 * the task runs, or before its first step, is delivered at its next suspension (a task cancelled before its first
 * step never runs its body). A task that catches the {@code CancelledError} and returns normally finishes with
 * that result and is not cancelled. {@link #cancelling()} counts the cancel requests not yet
 * {@link #uncancel() uncancelled}.
 *
 * <p><b>Blocking.</b> Code in a task that blocks in the JDK (a {@code synchronized} block another thread holds,
 * a {@code java.util.concurrent} lock, {@code Thread.sleep}, blocking I/O) blocks the whole loop until it
 * returns, as a blocking call does in CPython; no other task or callback runs meanwhile. Holding a monitor or a
 * lock across an {@code await()} that suspends, while a callback or another task of the loop needs it, deadlocks
 * the loop, as holding a {@code threading.Lock} across {@code await} does in CPython.
 *
 * <p>Methods must be called on the loop's thread or from its tasks.
 *
 * @param <T> the result type
 */
public class Task<T> extends Future<T> {
    private static final AtomicLong NAME_COUNTER = new AtomicLong();

    private final Coro<T> coro;
    /** Null until asked for when the task has a default name: names are built lazily from {@link #nameNumber}. */
    private String name;
    private final long nameNumber;

    /** A task this one created eagerly and suspended for: its first step runs before this task resumes. */
    private Task<?> eagerChild;
    /** The future this task waits on (CPython's {@code _fut_waiter}). */
    Future<?> futWaiter;
    /** A cancel to deliver at the next step (CPython's {@code _must_cancel}). */
    boolean mustCancel;
    private int numCancelsRequested;
    /** The error to throw into the task at its next step instead of resuming normally. */
    private Throwable resumeError;
    /** The handle of this task's bare yields, reused: at most one is ever scheduled. */
    private Step yieldStep;
    /** The carrier's per-task state; null until the first step. */
    Carrier.TaskThread thread;
    /** Links in the loop's list of unfinished tasks. */
    Task<?> prevLive, nextLive;
    /**
     * The task of the {@link TaskGroup} that created this one, while this one runs (CPython 3.14's
     * {@code future_add_to_awaited_by(task, parent)} in {@code TaskGroup.create_task}): read by call graphs only, set
     * and cleared by the group, never by a switch.
     */
    Task<?> groupParent;
    /** The library's coroutines created in this step and not known to be used yet ({@link TrackedCoro}). */
    private TrackedCoro<?>[] fresh;
    private int freshCount;
    /**
     * The context current in the body (CPython's {@code _context}, or the one a {@link Context#run} inside the body
     * entered meanwhile): the {@link Context} given, or the creator's {@link ContextMap}, made a context of its own on
     * the first {@code set} (most tasks never set one, and a parked task costs every byte a million times). One field
     * for both. Used on the task's thread only (and by the constructor), never by a switch.
     */
    Object context;
    /**
     * This task's JFR events begun at its creation and not committed yet: a {@link TaskCreatedEvent} (until the
     * first step), a {@link TaskFinishedEvent} (until the end), or both as a {@code jdk.jfr.Event[2]}; null unless a
     * recording enabled them then. One field (it fills the object's alignment padding: no byte more per task).
     */
    private Object life;

    Task(BaseEventLoop loop, Coro<T> coro, String name, Context context) {
        this(loop, coro, name, context, false);
    }

    /**
     * CPython's {@code asyncio.Task(coro, loop=loop, name=name, context=context)}: a plain task on {@code loop},
     * whatever the loop's {@link TaskFactory}. This is how a custom factory makes the tasks it returns (calling
     * {@code loop.createTask} there would ask the factory again); a factory of eager tasks delegates to
     * {@link Asyncio#eagerTaskFactory()} instead. The first step is scheduled with {@code callSoon}, so it runs in a
     * later iteration of the loop, after this constructor (and a subclass's) has returned.
     *
     * <p>Call it on the loop's thread, or, before the loop runs, on the thread that will run it.
     *
     * @param loop    the loop the task runs on: one of this library's loops
     * @param coro    the coroutine the task runs
     * @param name    the task's name ({@code null}: {@code Task-N})
     * @param context the context the body runs in ({@code null}: a copy of the current one)
     * @throws NullPointerException     if {@code loop} or {@code coro} is null
     * @throws IllegalArgumentException if {@code loop} is not one of this library's loops
     * @throws IllegalStateException    if the loop is closed, or runs on another thread
     */
    public Task(EventLoop loop, Coro<T> coro, String name, Context context) {
        this(openLoop(loop), coro, name, context, false);
    }

    private static BaseEventLoop openLoop(EventLoop loop) {
        if (!(Objects.requireNonNull(loop, "loop") instanceof BaseEventLoop base)) {
            throw new IllegalArgumentException("not an asyncio4j event loop: " + loop.getClass().getName());
        }
        base.checkClosed();
        base.checkThread();
        return base;
    }

    /**
     * CPython's {@code Task(..., eager_start=True)} when {@code eager}: on a running loop the first step runs now,
     * inside this constructor, and a task that ends in it is never scheduled.
     */
    Task(BaseEventLoop loop, Coro<T> coro, String name, Context context, boolean eager) {
        super(loop);
        this.coro = Objects.requireNonNull(coro, "coro");
        this.context = context != null ? context : Context.currentMap();
        if (coro instanceof TrackedCoro<?> tracked) {
            tracked.markUsed(); // handed to a task: it runs
        }
        if (name == null) {
            this.nameNumber = NAME_COUNTER.incrementAndGet();
        } else {
            this.name = name;
            this.nameNumber = 0;
        }
        if (Jfr.started() && (TaskCreatedEvent.PROBE.isEnabled() || TaskFinishedEvent.PROBE.isEnabled())) {
            recordCreation(eager && loop.isRunning());
        }
        if (eager && loop.isRunning()) {
            loop.checkThread();
            loop.registerTask(this);
            eagerStart();
        } else {
            loop.callSoon(new Step(this));
            loop.registerTask(this);
        }
    }

    /**
     * CPython's {@code __eager_start}: runs the first step now. From a callback the loop thread runs it directly.
     * From a task, whose thread cannot run another task's thread inside it, the creator hands the loop over: it
     * suspends with this task as its {@link #eagerChild}, the loop thread runs this first step and resumes the
     * creator at once (in {@link #step()}), before anything else, so no program can tell it from a call.
     */
    private void eagerStart() {
        Task<?> creator = Carrier.currentTask();
        if (creator == null) {
            step();
            return;
        }
        creator.eagerChild = this;
        try {
            creator.thread.suspend();
        } catch (IllegalStateException pinned) {
            // The creator's thread cannot suspend here (a class initializer on its stack): start as a plain task.
            creator.eagerChild = null;
            loop.scheduleFromTask(new Step(this));
        }
    }

    /**
     * CPython's {@code Task.get_name()}.
     *
     * @return the task's name: {@code Task-N} unless set
     */
    public String getName() {
        String n = name;
        if (n == null) {
            n = name = "Task-" + nameNumber;
        }
        return n;
    }

    /**
     * CPython's {@code Task.set_name()}. The task's virtual thread takes the new name too, so a JDK thread dump
     * ({@code jcmd PID Thread.dump_to_file}) shows the task by its current name.
     *
     * @param name the new name; {@code null} becomes {@code "null"}, as {@code String.valueOf} makes it
     */
    public void setName(String name) {
        String n = String.valueOf(name);
        this.name = n;
        Carrier.TaskThread t = thread;
        if (t != null) {
            t.thread().setName(n);
        }
    }

    /**
     * CPython's {@code Task.get_coro()}.
     *
     * @return the coroutine this task runs
     */
    @CheckReturnValue
    public Coro<T> getCoro() {
        return coro;
    }

    /**
     * Requests cancellation: if the task waits on a future, that future is cancelled and the task's
     * {@code await()} throws {@link CancelledError}; otherwise the error is thrown at the task's next
     * suspension. Each call adds one to {@link #cancelling()}.
     *
     * @return false if the task is already done
     */
    @Override
    public boolean cancel(String msg) {
        loop.checkThread();
        if (done()) {
            return false;
        }
        numCancelsRequested++;
        if (futWaiter != null && futWaiter.cancel(msg)) {
            return true;
        }
        mustCancel = true;
        cancelMessage = msg;
        return true;
    }

    /**
     * CPython's {@code Task.cancelling()}.
     *
     * @return the number of cancel requests not yet taken back by {@link #uncancel()}
     */
    public int cancelling() {
        return numCancelsRequested;
    }

    /**
     * Takes back one cancel request (used by code that handled a cancellation it caused, such as a timeout);
     * CPython's {@code Task.uncancel()}.
     *
     * @return the remaining count, never below zero
     */
    public int uncancel() {
        if (numCancelsRequested > 0) {
            numCancelsRequested--;
        }
        return numCancelsRequested;
    }

    /** Not supported: a task's result is its coroutine's. @throws IllegalStateException always */
    @Override
    public void setResult(T value) {
        throw new IllegalStateException("Task does not support set_result operation");
    }

    /** Not supported: a task's exception is its coroutine's. @throws IllegalStateException always */
    @Override
    public void setException(Throwable e) {
        throw new IllegalStateException("Task does not support set_exception operation");
    }

    /**
     * The frames of this task's coroutine, innermost first, like CPython's {@code Task.get_stack()} (3.14's call
     * graphs use the same frames): the Java frames of the task's virtual thread where it is suspended (or, for the
     * current task, where it calls this), without the library's machinery of {@code await()} and the JDK's of the
     * virtual thread. A task not started yet or done has no frames.
     *
     * <p>May be called from any thread: a stack trace of a virtual thread is taken whether it is suspended or running;
     * what a running task's stack shows is where it was at that instant.
     *
     * @return an unmodifiable list of the task's frames, innermost first; empty if it has none
     */
    public java.util.List<StackTraceElement> getStack() {
        return CallGraph.stackOf(this);
    }

    /**
     * Prints this task's stack to {@code out}, as CPython's {@code Task.print_stack()}: a line
     * {@code Stack for <task> (most recent call last):} followed by one {@code File ..., line N, in ...} line per
     * frame, outermost first, or {@code No stack for <task>}.
     *
     * @param out where to print; {@code null} prints to {@code System.out}
     */
    public void printStack(java.io.PrintStream out) {
        (out == null ? System.out : out).print(CallGraph.formatStack(this, getStack()));
    }

    @Override
    public String toString() {
        String info = reprInfo();
        if (!done() && numCancelsRequested > 0) {
            info = "cancelling";
        }
        int sp = info.indexOf(' ');
        String state = sp < 0 ? info : info.substring(0, sp);
        String rest = sp < 0 ? "" : info.substring(sp);
        return "<Task " + state + " name=" + Repr.of(getName()) + rest + ">";
    }

    // ---- loop side -------------------------------------------------------------------------------------------

    /** The context current in the body. On the task's thread. */
    Context context() {
        Object c = context;
        if (c instanceof Context ctx) {
            return ctx;
        }
        Context ctx = new Context((ContextMap) c);
        context = ctx;
        return ctx;
    }

    /** The variables of the context current in the body, without making the task's own context. */
    ContextMap contextMap() {
        Object c = context;
        return c instanceof Context ctx ? ctx.map : (ContextMap) c;
    }

    /** CPython's {@code __step}: runs the task's thread until it suspends again or ends. On the loop thread. */
    void step() {
        if (done()) {
            throw new InvalidStateError("_step(): already done: " + this);
        }
        if (thread == null && mustCancel) {
            // Cancelled before its first step: the body never runs.
            mustCancel = false;
            cancelledExc = makeCancelledError();
            cancelFuture(null);
            loop.unregisterTask(this);
            if (life != null) {
                recordStart();
                recordEnd();
            }
            return;
        }
        if (thread == null) {
            if (life != null) {
                recordStart();
            }
            // The thread is named after the task when it is made (a field write); setName renames it.
            thread = loop.carrier().newThread(this, getName());
        }
        thread.step();
        if (eagerChild != null) {
            runEagerChildren();
        }
        if (life != null && done()) {
            recordEnd();
        }
    }

    /**
     * This task's thread returned the loop thread (after a step, or after running on from a JDK wait): if it did so
     * to start tasks eagerly, runs their first steps, each followed by this task's resume. On the loop thread.
     */
    void afterStep() {
        if (eagerChild != null) {
            runEagerChildren();
        }
        if (life != null && done()) {
            recordEnd();
        }
    }

    private void runEagerChildren() {
        Task<?> child;
        while ((child = eagerChild) != null) {
            eagerChild = null;
            child.step();
            thread.step();
        }
    }

    /** The body of the task's thread: runs the coroutine and completes the task with what it did. */
    void runBody() {
        T value;
        try {
            value = coro.call();
        } catch (CancelledError e) {
            cancelledExc = e;
            finish(() -> cancelFuture(null));
            return;
        } catch (Throwable e) {
            finish(() -> completeExceptionally(e));
            return;
        }
        if (mustCancel) {
            // Cancelled right before the coroutine returned.
            mustCancel = false;
            finish(() -> cancelFuture(cancelMessage));
        } else {
            finish(() -> complete(value));
        }
    }

    private void finish(Runnable completion) {
        if (freshCount != 0) {
            escapeFresh(true);
        }
        loop.unregisterTask(this);
        if (!loop.isClosed()) {
            completion.run(); // a task destroyed with its loop has nobody left to tell
        }
    }

    // ---- JFR ------------------------------------------------------------------------------------------------

    /** A recording wants task events: begins them (the first step or the end commits them). */
    private void recordCreation(boolean eager) {
        TaskCreatedEvent created = null;
        if (TaskCreatedEvent.PROBE.isEnabled()) {
            created = new TaskCreatedEvent();
            created.begin();
            created.eager = eager;
            Task<?> creator = Carrier.currentTask();
            created.creator = creator == null ? null : creator.getName();
        }
        TaskFinishedEvent finished = null;
        if (TaskFinishedEvent.PROBE.isEnabled()) {
            finished = new TaskFinishedEvent();
            finished.begin();
        }
        life = created == null ? finished : finished == null ? created : new jdk.jfr.Event[] {created, finished};
    }

    /** The first step is about to run (or the task was cancelled before it): commits its {@link TaskCreatedEvent}. */
    private void recordStart() {
        TaskCreatedEvent created;
        if (life instanceof TaskCreatedEvent c) {
            created = c;
            life = null;
        } else if (life instanceof jdk.jfr.Event[] both) {
            created = (TaskCreatedEvent) both[0];
            life = both[1];
        } else {
            return;
        }
        created.end();
        if (created.shouldCommit()) {
            created.name = getName();
            created.commit();
        }
    }

    /**
     * Ends this task's {@link TaskFinishedEvent} (once), on the loop's thread: after the step in which it completed,
     * or while its loop closes for a task still pending then. Reads the outcome without marking an exception
     * retrieved. Not on the task's own thread: on the fast carrier, JFR drops the first event the loop's thread
     * commits after a task's thread committed one (the JDK does not resynchronise the event writer of a thread that
     * carried a virtual thread and is not one of its own carriers), so the library's events are committed on the
     * loop's thread wherever they can be.
     */
    void recordEnd() {
        if (life instanceof jdk.jfr.Event[]) {
            recordStart(); // never stepped: destroyed with its loop
        }
        if (!(life instanceof TaskFinishedEvent e)) {
            return;
        }
        life = null;
        e.end();
        if (!e.shouldCommit()) {
            return;
        }
        e.name = getName();
        Throwable exc = exceptionOrNull();
        if (!done()) {
            e.outcome = TaskFinishedEvent.DESTROYED;
        } else if (cancelled()) {
            e.outcome = TaskFinishedEvent.CANCELLED;
        } else if (exc != null) {
            e.outcome = TaskFinishedEvent.EXCEPTION;
            e.exception = exc.getClass().getName();
        } else {
            e.outcome = TaskFinishedEvent.RESULT;
        }
        e.commit();
    }

    // ---- task side -------------------------------------------------------------------------------------------

    /** {@code await fut} inside this task: on the task's own thread. */
    <R> R awaitFuture(Future<R> fut) {
        if (fut.done()) {
            return fut.result();
        }
        if (fut.loop != loop) {
            return throwAfterYield(new IllegalStateException(
                    "Task " + this + " got Future " + fut + " attached to a different loop"));
        }
        if (fut == this) {
            return throwAfterYield(new IllegalStateException("Task cannot await on itself: " + this));
        }
        fut.addDoneCallbackWithoutContext(thread);
        futWaiter = fut;
        if (mustCancel && fut.cancel(cancelMessage)) {
            mustCancel = false;
        }
        if (freshCount != 0) {
            escapeFresh(false);
        }
        thread.suspend();
        // CPython's __wakeup and the head of __step.
        futWaiter = null;
        Throwable exc = fut.cancelled() ? fut.makeCancelledError() : fut.retrieveException();
        if (mustCancel) {
            if (!(exc instanceof CancelledError)) {
                exc = makeCancelledError();
            }
            mustCancel = false;
        }
        if (exc != null) {
            throw Tasks.sneakyThrow(exc);
        }
        return fut.result();
    }

    /**
     * Notes a library coroutine created in this step ({@link TrackedCoro}). On the task's own thread. The used ones
     * at the end are dropped first, so that a step creating and awaiting many (a queue filled without suspending)
     * keeps one slot.
     */
    void created(TrackedCoro<?> c) {
        TrackedCoro<?>[] f = fresh;
        int n = freshCount;
        while (n > 0 && f[n - 1].used()) {
            f[--n] = null;
        }
        if (f == null) {
            f = fresh = new TrackedCoro<?>[4];
        } else if (n == f.length) {
            f = fresh = java.util.Arrays.copyOf(f, n * 2);
        }
        f[n] = c;
        freshCount = n + 1;
    }

    /** The step ends (the task suspends, or {@code ended}): the coroutines it left unused are watched from now on. */
    private void escapeFresh(boolean ended) {
        TrackedCoro<?>[] f = fresh;
        for (int i = 0; i < freshCount; i++) {
            f[i].escape(this, ended);
            f[i] = null;
        }
        freshCount = 0;
    }

    /** A bare {@code yield}: gives the loop one iteration ({@code sleep(0)}). On the task's own thread. */
    void yieldOnce() {
        Step s = yieldStep;
        if (s == null) {
            s = yieldStep = new Step(this);
        }
        loop.scheduleFromTask(s);
        if (freshCount != 0) {
            escapeFresh(false);
        }
        thread.suspend();
        Throwable exc = resumeError;
        resumeError = null;
        if (mustCancel) {
            if (!(exc instanceof CancelledError)) {
                exc = makeCancelledError();
            }
            mustCancel = false;
        }
        if (exc != null) {
            throw Tasks.sneakyThrow(exc);
        }
    }

    private <R> R throwAfterYield(Throwable error) {
        resumeError = error;
        yieldOnce();
        throw new AssertionError("unreachable");
    }

    /** A scheduled step of a task (first step, or after a bare yield). */
    private static final class Step extends Handle {
        private final Task<?> task;

        Step(Task<?> task) {
            super(null);
            this.task = task;
        }

        @Override
        void invoke() {
            task.step();
        }

        @Override
        String describeCallback() {
            return "Task.__step()";
        }

        @Override
        String formatForLog() {
            return task.toString();
        }
    }
}
