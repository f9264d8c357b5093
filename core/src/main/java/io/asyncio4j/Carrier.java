package io.asyncio4j;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * How task threads are carried. Both carriers give the same semantics: a task's thread runs only while the loop
 * {@linkplain TaskThread#step() steps} it, and the loop does nothing else meanwhile.
 *
 * <ul>
 *   <li>{@link FastCarrier}: each task is a virtual thread whose scheduler is the loop itself, so the loop's
 *       thread is its only carrier and a switch is a continuation yield. Needs
 *       {@code --add-opens java.base/java.lang=ALL-UNNAMED} on the class path ({@code =io.asyncio4j} on the module
 *       path: {@link #ENABLE_FAST}) and a loop on a platform thread.</li>
 *   <li>{@link PortableCarrier}: task virtual threads on the JDK's default scheduler, handing control to and from
 *       the loop thread so that only one of them runs at a time. Slower, needs nothing.</li>
 * </ul>
 *
 * <p>System property {@code asyncio4j.carrier} = {@code auto} (default: fast when possible), {@code fast} or
 * {@code portable}.
 */
abstract sealed class Carrier permits FastCarrier, PortableCarrier {
    static final String PROPERTY = "asyncio4j.carrier";
    /** The JVM option that enables the fast carrier for the way this library was loaded. */
    static final String ENABLE_FAST = enableFast(Carrier.class.getModule());
    private static final AtomicBoolean TOLD = new AtomicBoolean();
    /** What the first loop on the portable carrier says, once per JVM, when {@code auto} could not pick the fast one. */
    static final String NOTICE = "asyncio4j: tasks use the portable carrier; start the JVM with " + ENABLE_FAST
            + " for the fast one";

    /**
     * The option that opens {@code java.lang} to {@code module}, which is this library's: to {@code ALL-UNNAMED} on
     * the class path, to the module's name ({@code io.asyncio4j}) on the module path, where an opening to
     * {@code ALL-UNNAMED} does not reach it.
     */
    static String enableFast(Module module) {
        return "--add-opens java.base/java.lang=" + (module.isNamed() ? module.getName() : "ALL-UNNAMED");
    }

    /**
     * A new, not yet started thread for {@code task}; its body is {@link Task#runBody()}. The virtual thread is
     * named {@code name} (the task's), so that a JDK thread dump names each task.
     */
    abstract TaskThread newThread(Task<?> task, String name);

    /** The carrier for a loop running on {@code loopThread}. */
    static Carrier choose(Thread loopThread) {
        String mode = System.getProperty(PROPERTY, "auto").trim();
        switch (mode) {
            case "portable":
                return PortableCarrier.INSTANCE;
            case "fast":
                if (FastCarrier.UNAVAILABLE != null) {
                    throw new IllegalStateException("-D" + PROPERTY + "=fast needs the JVM option " + ENABLE_FAST,
                            FastCarrier.UNAVAILABLE);
                }
                if (loopThread.isVirtual()) {
                    throw new IllegalStateException("-D" + PROPERTY + "=fast needs the loop to run on a platform "
                            + "thread, but " + loopThread + " is virtual");
                }
                return FastCarrier.INSTANCE;
            case "auto":
            case "":
                if (FastCarrier.UNAVAILABLE == null && !loopThread.isVirtual()) {
                    return FastCarrier.INSTANCE;
                }
                if (FastCarrier.UNAVAILABLE != null && TOLD.compareAndSet(false, true)) {
                    ErrorReporting.notice(NOTICE);
                }
                return PortableCarrier.INSTANCE;
            default:
                throw new IllegalArgumentException(
                        "-D" + PROPERTY + " must be auto, fast or portable, not '" + mode + "'");
        }
    }

    /** Unwinds a task whose loop was closed while it was pending (CPython's GeneratorExit). */
    static final class TaskDestroyed extends Error {
        private static final long serialVersionUID = 1L;

        TaskDestroyed() {
            super("the event loop was closed while this task was pending", null, false, false);
        }
    }

    /** The task whose thread is the current thread, or null. */
    static Task<?> currentTask() {
        Thread t = Thread.currentThread();
        if (!t.isVirtual()) {
            return null;
        }
        Task<?> task = FastCarrier.taskOf(t);
        return task != null ? task : PortableCarrier.taskOf(t);
    }

    /**
     * One task's thread and the hand-over state between it and the loop. It is also the done callback that wakes
     * the task (CPython's {@code __wakeup}): one object fewer per parked task.
     */
    abstract static class TaskThread implements Consumer<Future<?>> {
        final Task<?> task;

        TaskThread(Task<?> task) {
            this.task = task;
        }

        /** The task's virtual thread. */
        abstract Thread thread();

        /** Set when the loop closed with this task pending: the next resume unwinds its stack. */
        boolean destroyed;

        /**
         * The loop closed while this task was suspended: resume it once so that it unwinds with
         * {@link TaskDestroyed} (its {@code finally} blocks run, as CPython's {@code coroutine.close()}) and its
         * thread ends instead of staying parked forever.
         */
        final void destroy() {
            destroyed = true;
            step();
        }

        /** On the task's thread, right after a resume. */
        final void checkDestroyed() {
            if (destroyed) {
                throw new TaskDestroyed();
            }
        }

        /** The awaited future is done: step the task (on the loop thread, as a done callback). */
        @Override
        public final void accept(Future<?> awaited) {
            task.step();
        }

        @Override
        public String toString() {
            return "Task.task_wakeup()";
        }

        /**
         * On the loop thread: starts or resumes the task's thread and returns once it has suspended in
         * {@link #suspend()} or ended. If the thread blocks anywhere else (a JDK lock, sleep, blocking I/O), this
         * waits for it, as a blocking call blocks CPython's loop.
         */
        abstract void step();

        /** On the task's thread: hands the loop back and returns when the loop steps this task again. */
        abstract void suspend();

        /** The interrupt status is not asyncio's business, but a set one must not make parking spin. */
        static boolean clearInterrupt() {
            return Thread.interrupted();
        }
    }
}
