package io.asyncio4j;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during {@link Runner#run(Coro)}: CPython 3.11's {@code Runner._on_sigint}. Installed for one run, on the
 * main thread, when SIGINT has the JVM's default handling. The first SIGINT cancels the main task (scheduled on the
 * loop thread-safely, which wakes it), so its {@code finally} blocks run; {@link Runner#run} then throws
 * {@link KeyboardInterrupt}. A second SIGINT, or one after the run, gets the JVM's default handling at once: the
 * shutdown hooks run and the JVM exits with status 130 (CPython raises {@code KeyboardInterrupt} wherever the main
 * thread is; a Java thread cannot be interrupted that way, and a user pressing Ctrl-C twice wants out).
 */
final class MainInterrupt implements SignalHandler {
    private static final Signal INT = new Signal("INT");
    /** The exit status of a process ended by SIGINT, as the JVM and CPython give it: 128 + 2. */
    static final int SIGINT_EXIT_STATUS = 130;

    private final BaseEventLoop loop;
    private final Task<?> main;
    private final AtomicInteger interrupts = new AtomicInteger();
    /** The JVM's handling, which this one displaced; set right after it is installed. */
    private volatile SignalHandler previous;
    private volatile boolean over;

    private MainInterrupt(BaseEventLoop loop, Task<?> main) {
        this.loop = loop;
        this.main = main;
    }

    /**
     * Installs the handler for a run of {@code main} if the caller is the main thread and SIGINT has the JVM's
     * default handling (not ignored, as in a background job, and not handled by the application or a loop).
     *
     * @return the handler, to {@link #uninstall()} when the run ends, or null if none was installed
     */
    static MainInterrupt installIfDefault(BaseEventLoop loop, Task<?> main) {
        if (!isMainThread(Thread.currentThread())) {
            return null;
        }
        synchronized (Signals.class) {
            MainInterrupt h = new MainInterrupt(loop, main);
            SignalHandler old;
            try {
                old = Signal.handle(INT, h);
            } catch (IllegalArgumentException e) {
                return null; // -Xrs: the JVM leaves SIGINT alone, and so do we
            }
            if (old instanceof MainInterrupt ended && ended.over) {
                // an earlier run's, put back by a loop's handler removed after that run: it stands for its previous
                old = ended.previous;
            }
            if (!Signals.isJvmDefault(old)) {
                Signal.handle(INT, old);
                return null;
            }
            h.previous = old;
            return h;
        }
    }

    /**
     * The thread the launcher called {@code main} on: named {@code main} in the {@code main} group (the JDK gives it
     * no other mark). A loop on any other thread must not take Ctrl-C from the program.
     */
    private static boolean isMainThread(Thread t) {
        ThreadGroup g = t.getThreadGroup();
        return !t.isVirtual() && "main".equals(t.getName()) && g != null && "main".equals(g.getName());
    }

    @Override
    public void handle(Signal sig) {
        if (!over && interrupts.incrementAndGet() == 1 && loop.scheduleSignalCallback(this::cancelMain)) {
            return;
        }
        SignalHandler p = previous;
        if (p != null) {
            Signals.handOn(sig, p);
        }
    }

    /** On the loop: CPython's {@code main_task.cancel()} in {@code _on_sigint}. */
    private void cancelMain() {
        if (!main.done()) {
            main.cancel();
        }
    }

    /** Whether a SIGINT came during the run. */
    boolean interrupted() {
        return interrupts.get() > 0;
    }

    /** The run is over: SIGINT gets the JVM's handling again (unless a handler was installed over this one). */
    void uninstall() {
        over = true;
        Signals.restore(INT, this, previous);
    }

    /**
     * Makes the main thread's ending with {@link KeyboardInterrupt} end the JVM as SIGINT does (shutdown hooks,
     * exit status 130, nothing printed), unless the application has set an uncaught-exception handler of its own.
     * Other exceptions are handled as before (the thread group prints them).
     */
    static void exitOnUncaught(Thread t) {
        if (Thread.getDefaultUncaughtExceptionHandler() == null && t.getUncaughtExceptionHandler() == t.getThreadGroup()
                && isMainThread(t)) {
            t.setUncaughtExceptionHandler(new ExitOnKeyboardInterrupt(t.getThreadGroup()));
        }
    }

    /** The main thread's uncaught-exception handler once a run has thrown {@link KeyboardInterrupt}. */
    private record ExitOnKeyboardInterrupt(ThreadGroup group) implements Thread.UncaughtExceptionHandler {
        @Override
        public void uncaughtException(Thread t, Throwable e) {
            if (e instanceof KeyboardInterrupt) {
                Runtime.getRuntime().exit(SIGINT_EXIT_STATUS);
            }
            group.uncaughtException(t, e);
        }
    }
}
