package io.asyncio4j;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * One {@link EventLoop#addSignalHandler(String, Runnable)}: the JVM handler for the signal while the registration
 * lasts. The JVM calls {@link #handle(Signal)} on a thread of its own; the callback is then scheduled on the loop
 * thread-safely (CPython's self-pipe and {@code _add_callback_signalsafe}), once per signal received.
 *
 * <p>Once removed it hands signals on to the handling it displaced ({@link Signals#handOn}), so a registration that
 * could not be taken out of the JVM (another handler was installed over it, and has been put back since) behaves as
 * if it were not there.
 */
final class SignalRegistration implements SignalHandler {
    private final BaseEventLoop loop;
    private final Signal signal;
    private final Runnable callback;
    /** What this registration displaced, and goes back to when removed; set right after it is installed. */
    private volatile SignalHandler previous;
    private volatile boolean removed;

    private SignalRegistration(BaseEventLoop loop, Signal signal, Runnable callback) {
        this.loop = loop;
        this.signal = signal;
        this.callback = callback;
    }

    /**
     * Registers {@code callback} for {@code signal}, replacing {@code replaced} (this loop's earlier registration for
     * the signal, or null): the new one displaces what that one displaced.
     */
    static SignalRegistration register(BaseEventLoop loop, Signal signal, Runnable callback,
                                       SignalRegistration replaced) {
        synchronized (Signals.class) {
            SignalRegistration r = new SignalRegistration(loop, signal, callback);
            SignalHandler displaced = Signals.install(signal, r);
            if (replaced != null && displaced == replaced) {
                displaced = replaced.previous;
                replaced.removed = true;
            }
            r.previous = displaced;
            return r;
        }
    }

    /** Puts the displaced handling back (unless another handler has been installed since). */
    void remove() {
        removed = true;
        Signals.restore(signal, this, previous);
    }

    @Override
    public void handle(Signal sig) {
        if (removed || !loop.scheduleSignalCallback(callback)) {
            SignalHandler p = previous; // null only for a moment after installing, when it is not removed
            if (p != null) {
                Signals.handOn(sig, p);
            }
        }
    }
}
