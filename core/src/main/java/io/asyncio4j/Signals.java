package io.asyncio4j;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The JVM's signal handling as the library uses it ({@code sun.misc.Signal}, the only signal API the JDK has): names,
 * what a handler displaced, and how to hand a signal on to it. Static helpers; any thread.
 *
 * <p>What {@code Signal.handle} returns tells how the signal was handled: {@code SIG_DFL} or {@code SIG_IGN}; the
 * JVM's own shutdown handler for INT, TERM and HUP (exit with status 128 + the signal's number, running the
 * shutdown hooks), which comes back wrapped in a JDK class and prints as {@code java.lang.Terminator...}; a native
 * handler of the VM (SIGUSR2 on Linux is the VM's thread suspend/resume signal, SIGPIPE is ignored natively); or a
 * handler someone installed through {@code sun.misc.Signal}. There is no other way to tell them apart than the
 * wrapped handler's {@code toString}, so that is read here, once.
 */
final class Signals {
    private Signals() {
    }

    /**
     * The signal of that name, as {@code sun.misc.Signal} names them ({@code "INT"}); the {@code SIG} prefix is
     * accepted too ({@code "SIGINT"}).
     *
     * @throws IllegalArgumentException naming {@code name} if the platform has no such signal
     */
    static Signal named(String name) {
        if (name == null) {
            throw new NullPointerException("the signal name is null");
        }
        String bare = name.startsWith("SIG") ? name.substring(3) : name;
        try {
            return new Signal(bare);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown signal: " + name, e);
        }
    }

    /** Whether {@code h}, returned by {@code Signal.handle}, is the JVM's default handling of its signal. */
    static boolean isJvmDefault(SignalHandler h) {
        return h == SignalHandler.SIG_DFL || h.toString().startsWith("java.lang.Terminator")
                || h.toString().equals("SIG_DFL");
    }

    /** Whether {@code h}, returned by {@code Signal.handle}, is a native handler the VM itself relies on. */
    static boolean isVmNative(SignalHandler h) {
        return h.toString().startsWith("jdk.internal.misc.Signal$NativeHandler");
    }

    /**
     * Installs {@code handler} for {@code sig} unless the VM handles the signal natively, and returns what it
     * displaced.
     *
     * @throws IllegalArgumentException naming the signal if the JVM reserves it (QUIT, KILL, STOP, and those the VM
     *         handles natively, such as USR2 and PIPE on Linux)
     */
    static SignalHandler install(Signal sig, SignalHandler handler) {
        SignalHandler old;
        try {
            old = Signal.handle(sig, handler);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SIG" + sig.getName() + " is reserved by the JVM", e);
        }
        if (isVmNative(old)) {
            Signal.handle(sig, old);
            throw new IllegalArgumentException("SIG" + sig.getName() + " is reserved by the JVM (the VM handles it)");
        }
        return old;
    }

    /**
     * Puts {@code previous} back for {@code sig} if {@code ours} is still the signal's handler; if someone has
     * installed another handler since, that one stays.
     */
    static synchronized void restore(Signal sig, SignalHandler ours, SignalHandler previous) {
        SignalHandler current = Signal.handle(sig, previous);
        if (current != ours) {
            Signal.handle(sig, current);
        }
    }

    /**
     * Handles {@code sig} as {@code previous} would have: the JVM's shutdown (exit status 128 + its number), a
     * handler installed before ours, nothing for {@code SIG_IGN}, and for {@code SIG_DFL} the system's default
     * action (the handling is put back and the signal raised again). Called on the JVM's signal-handling thread.
     */
    static void handOn(Signal sig, SignalHandler previous) {
        if (previous == SignalHandler.SIG_IGN || previous.toString().equals("SIG_IGN")) {
            return;
        }
        if (previous == SignalHandler.SIG_DFL || previous.toString().equals("SIG_DFL")) {
            Signal.handle(sig, SignalHandler.SIG_DFL);
            Signal.raise(sig);
            return;
        }
        previous.handle(sig);
    }
}
