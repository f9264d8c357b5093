package io.asyncio4j;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * Task threads are virtual threads whose scheduler is their loop: the JDK hands their continuation to
 * {@link FastThread#execute(Runnable)} and the loop thread runs it, so a switch is a continuation yield.
 *
 * <p>Reaches the package-private {@code java.lang.VirtualThread(Executor, String, int, Runnable)} constructor,
 * which needs {@code java.lang} opened to this library: {@code --add-opens java.base/java.lang=ALL-UNNAMED} on the
 * class path, {@code --add-opens java.base/java.lang=io.asyncio4j} on the module path.
 *
 * <p><b>Why the loop may wait for a task blocked in the JDK.</b> The loop thread is a task thread's only carrier.
 * If a task thread parked inside the JDK while holding or queued for a lock of the JDK's (say, the monitor of a bin
 * of the JDK's table of live virtual threads, or a {@code PrintStream}'s lock) and the loop then ran callbacks, one
 * of them (starting or ending a task thread touches that table; a callback prints) could queue the loop thread
 * behind the task on that lock: the lock is handed to the task, which only the blocked loop thread could run. So
 * for such waits {@link FastThread#step()} returns only when the task suspended through asyncio4j or ended, and the
 * loop waits for the JDK to resubmit the thread, which other threads do (the unblocker, the timer, the lock holder).
 *
 * <p><b>Where the loop goes on.</b> {@link BlockedIn} names the waits that hold nothing the loop thread could need:
 * socket I/O (the JDK's poller), a lock or monitor of the application's, the {@code java.util.concurrent} waits the
 * application calls, the JDK's {@code HttpClient.send} and {@code Process.waitFor}. For those the task is
 * <i>detached</i>: the loop runs other callbacks and tasks meanwhile, as if the task had awaited; whoever makes the
 * task runnable again (the poller's thread, the unblocker, another task releasing a lock) hands it back to the loop
 * thread-safely, and its step goes on in a later iteration. Two tasks sharing a blocking client under
 * {@code synchronized} thus both finish: the one waiting for the monitor is detached too.
 *
 * <p><b>A waiting loop still resumes detached tasks.</b> While the loop waits for a task blocked on a lock of the
 * JDK's, it steps the detached tasks whose wait ended: the lock's holder may be one of them (a task blocked in a
 * socket read holds the socket's read lock), and stepping it needs nothing but the loop's thread.
 */
final class FastCarrier extends Carrier {
    static final FastCarrier INSTANCE = new FastCarrier();
    /** Why the fast carrier cannot be used, or null if it can. */
    static final Throwable UNAVAILABLE;
    private static final MethodHandle NEW_VIRTUAL_THREAD;
    private static final VarHandle SCHEDULER;
    /** The JDK's default scheduler, for virtual threads that tasks create (they would inherit the task's). */
    private static final Executor DEFAULT_SCHEDULER;
    /** Thread.NO_INHERIT_THREAD_LOCALS: task threads start clean, like CPython tasks (no loop-thread state). */
    private static final int NO_INHERIT_THREAD_LOCALS = 1 << 2;

    static {
        MethodHandle ctor = null;
        VarHandle scheduler = null;
        Executor defaultScheduler = null;
        Throwable why = null;
        try {
            Class<?> vt = Class.forName("java.lang.VirtualThread");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(vt, MethodHandles.lookup());
            ctor = lookup.findConstructor(vt, MethodType.methodType(void.class, Executor.class, String.class,
                            int.class, Runnable.class))
                    .asType(MethodType.methodType(Thread.class, Executor.class, String.class, int.class,
                            Runnable.class));
            scheduler = lookup.findVarHandle(vt, "scheduler", Executor.class);
            defaultScheduler = (Executor) lookup.findStatic(vt, "defaultScheduler",
                    MethodType.methodType(Executor.class)).invoke();
        } catch (Throwable e) {
            why = e;
            ctor = null;
            scheduler = null;
        }
        NEW_VIRTUAL_THREAD = ctor;
        SCHEDULER = scheduler;
        DEFAULT_SCHEDULER = defaultScheduler;
        UNAVAILABLE = why;
        // Loaded here, not first on a loop thread whose task just blocked in the JDK: loading a class takes locks (a
        // jar file's, the JDK cleaner's list) that the blocked task may be queued on, and a loop queued behind its own
        // unmounted task would never run it again (seen: a task blocked registering a Cleaner, the loop loading
        // BlockedIn for it).
        BlockedIn.mayLetLoopGoOn(Thread.State.BLOCKED, new StackTraceElement[] {
            new StackTraceElement("java.lang.Object", "wait0", null, -1)});
    }

    private FastCarrier() {
    }

    @Override
    TaskThread newThread(Task<?> task, String name) {
        return new FastThread(task, name);
    }

    /** The task of a fast-carried thread, or null. */
    static Task<?> taskOf(Thread t) {
        if (SCHEDULER == null) {
            return null;
        }
        // A virtual thread that a task starts inherits the task's scheduler: only the task's own thread is the task.
        return SCHEDULER.get(t) instanceof FastThread f && f.vthread == t ? f.task : null;
    }

    /**
     * A task's virtual thread, and the executor that is its scheduler.
     *
     * <p>Suspension is a {@code Thread.yield()}: the JDK hands the yielded continuation to {@link #execute} at once,
     * and this executor keeps it instead of queueing it, so the thread stays yielded until the loop steps the task
     * and runs the continuation itself. That costs fewer state changes than park and unpark, and nobody but the
     * loop can resume a yielded thread ({@code LockSupport.unpark} and {@code interrupt} do not).
     */
    static final class FastThread extends TaskThread implements Executor, Runnable {
        private static final VarHandle DETACHED;

        static {
            try {
                DETACHED = MethodHandles.lookup().findVarHandle(FastThread.class, "detached", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Thread vthread;
        /** The thread's continuation, as the JDK submits it (the same object every time); null until started. */
        private Runnable cont;
        /** Made runnable by the loop's own thread: plain field. */
        private boolean submitted;
        /**
         * Made runnable by somebody else than its own step: a JDK thread waking a thread that blocked in the JDK, or
         * another task of this loop releasing what it waited for.
         */
        private volatile boolean foreignSubmitted;
        /** Parked in the JDK while the loop goes on ({@link BlockedIn}); whoever clears it (CAS) resumes the task. */
        private volatile boolean detached;
        /** Yielded in {@link #suspend()}; its continuation waits for the loop. */
        private boolean suspended;
        private boolean resumed;

        FastThread(Task<?> task, String name) {
            super(task);
            try {
                this.vthread = (Thread) NEW_VIRTUAL_THREAD.invokeExact((Executor) this, name, NO_INHERIT_THREAD_LOCALS,
                        (Runnable) this);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot create a task thread", e);
            }
        }

        @Override
        Thread thread() {
            return vthread;
        }

        /** The thread's body. */
        @Override
        public void run() {
            task.runBody();
        }

        /** The JDK's submission of the thread's continuation: record it; only {@link #step()} runs it. */
        @Override
        public void execute(Runnable r) {
            if (cont == null) {
                cont = r; // the first submission is the start of this thread, on the loop
            } else if (r != cont) {
                // A virtual thread the task created inherited this scheduler: it is no task, let the JDK run it.
                DEFAULT_SCHEDULER.execute(r);
                return;
            }
            BaseEventLoop loop = task.loop;
            Thread t = Thread.currentThread();
            if ((t == vthread || t == loop.thread) && loop.steppingThread == vthread) {
                // This thread is being stepped (this is its start, a Thread.yield() or a park of its own that was
                // unparked at once): continue at once, unless it suspended through asyncio4j.
                if (!suspended) {
                    submitted = true;
                }
                return;
            }
            // Made runnable by somebody else: a JDK thread (the socket poller, the unblocker, a timer), a thread of
            // the application, or another task of this loop releasing a lock this one waits for.
            foreignSubmitted = true;
            if (detached && DETACHED.compareAndSet(this, true, false)) {
                loop.resumeDetached(this::resumeDetached);
            } else if (loop.waitingForTask) {
                LockSupport.unpark(loop.thread); // it may be this task the loop waits for
            }
        }

        @Override
        void step() {
            BaseEventLoop l = task.loop;
            Thread outer = l.steppingThread;
            l.steppingThread = vthread;
            try {
                if (cont == null) {
                    vthread.start();
                } else {
                    resumed = true;
                    submitted = true;
                }
                runUntilSuspended(l);
            } finally {
                l.steppingThread = outer;
            }
        }

        /** The socket I/O the task blocked in is ready: go on with the task (on the loop thread). */
        private void resumeDetached() {
            BaseEventLoop l = task.loop;
            Thread outer = l.steppingThread;
            l.steppingThread = vthread;
            try {
                runUntilSuspended(l);
            } finally {
                l.steppingThread = outer;
            }
            task.afterStep(); // it may have suspended to start a task eagerly
        }

        private void runUntilSuspended(BaseEventLoop l) {
            for (;;) {
                while (submitted || foreignSubmitted) {
                    submitted = false;
                    foreignSubmitted = false;
                    if (suspended && !resumed) {
                        // Suspended through asyncio4j and not resumed: the submission was a stack walker's
                        // (Thread.getStackTrace from another thread resubmits the yielded thread it held). Nothing
                        // to run; the loop's next step resumes it.
                        break;
                    }
                    cont.run();
                }
                if (suspended && resumed) {
                    // The resume did not run: a stack walker held the yielded thread at that instant (a task dump,
                    // Task.getStack from another thread). It resubmits the thread when done: run it then.
                    awaitForeignSubmission(l);
                    continue;
                }
                if (suspended || !vthread.isAlive()) {
                    return;
                }
                if (!destroyed && BlockedIn.mayLetLoopGoOn(vthread)) {
                    l.externalWorkStarted();
                    detached = true;
                    // Resubmitted meanwhile: by the JDK on this thread (getStackTrace() resubmits a thread unparked
                    // while it looked), or by the poller before it saw the flag.
                    if ((submitted || foreignSubmitted) && DETACHED.compareAndSet(this, true, false)) {
                        l.externalWorkCancelled(); // resubmitted meanwhile: go on at once
                        continue;
                    }
                    return; // execute() hands the task back through the loop
                }
                awaitForeignSubmission(l);
            }
        }

        /**
         * The task thread is blocked in the JDK where the loop must wait for it: wait until another thread makes it
         * runnable again. Meanwhile the loop resumes the tasks that were parked in the JDK and whose wait has ended:
         * the one this task waits for may be among them (a socket's read lock held by a task blocked in a read), and
         * they need nothing from the loop but its thread.
         */
        private void awaitForeignSubmission(BaseEventLoop l) {
            boolean loopOuter = l.waitingForTask;
            l.waitingForTask = true;
            try {
                while (!foreignSubmitted && !submitted) {
                    if (!l.runDetachedResumptions()) {
                        LockSupport.park(this);
                    }
                }
            } finally {
                l.waitingForTask = loopOuter;
            }
        }

        @Override
        void suspend() {
            suspended = true;
            Thread.yield();
            suspended = false;
            if (!resumed) {
                // The continuation could not yield: a native frame or a class initializer is on the stack.
                throw new IllegalStateException("await() cannot suspend this task here: its thread is pinned "
                        + "(a native method or a class initializer is on the stack)");
            }
            resumed = false;
            checkDestroyed();
        }
    }
}
