package io.asyncio4j;

import java.util.ArrayDeque;

/**
 * CPython's {@code asyncio.Semaphore}: a counter of permits for the tasks of one loop. {@link #acquire()} takes a
 * permit, waiting while there is none; {@link #release()} gives one back. Not thread-safe.
 *
 * <pre>{@code
 * Semaphore sem = new Semaphore(3);          // at most three requests at a time
 * try (Held h = sem.hold().await()) { fetch(url).await(); }
 * }</pre>
 *
 * <p><b>Fairness.</b> Waiters get permits in arrival order: a {@code release()} with waiters hands its permit
 * straight to the first (the value stays 0), and while anyone waits, a newcomer queues even if a permit is free.
 *
 * <p><b>Cancellation.</b> A waiter cancelled before it is woken just leaves the queue; one cancelled after it was
 * handed a permit gives the permit back, and it goes to the next waiter: no permit is lost. (This is CPython 3.13's
 * algorithm, which fixed permit losses of 3.12's.)
 */
public class Semaphore extends Acquirable {
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    private int value;

    /** A semaphore with one permit. */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with {@code value} permits. It binds to a loop at its first wait, as CPython's does.
     *
     * @param value the initial number of permits
     * @throws IllegalArgumentException ("Semaphore initial value must be >= 0") if {@code value} is negative
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0");
        }
        this.value = value;
    }

    /**
     * CPython's {@code Semaphore.locked()}.
     *
     * @return whether an {@link #acquire()} now would wait: no permit, or earlier waiters still queued
     */
    public boolean locked() {
        return value == 0 || !allCancelled(waiters);
    }

    @Override
    boolean doAcquire() {
        if (!locked()) {
            value--;
            return true;
        }
        Future<Boolean> fut = newWaiter();
        try {
            awaitTurn(waiters, fut);
        } catch (CancelledError e) {
            if (fut.done() && !fut.cancelled()) {
                value++; // we were handed a permit we will not use
            }
            throw e;
        } finally {
            // Waiters that queued behind us because of FIFO may now go.
            while (value > 0 && wakeUpNext()) {
                // each wake-up takes one permit
            }
        }
        return true;
    }

    /** Gives a permit back; with waiters, it goes straight to the first one. */
    @Override
    public void release() {
        value++;
        wakeUpNext();
    }

    private boolean wakeUpNext() {
        for (Future<Boolean> w : waiters) {
            if (!w.done()) {
                value--;
                w.setResult(true);
                return true;
            }
        }
        return false;
    }

    /** The number of free permits. */
    int value() {
        return value;
    }

    @Override
    public String toString() {
        String extra = locked() ? "locked" : "unlocked, value:" + value;
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<asyncio4j." + getClass().getSimpleName() + " [" + extra + "]>";
    }
}
