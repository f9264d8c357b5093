package io.asyncio4j;

import java.util.ArrayDeque;

/**
 * CPython's {@code asyncio.Lock}: a mutual-exclusion lock for the tasks of one loop. Not thread-safe: use it from
 * the tasks and callbacks of the loop it is bound to (the running loop at its first wait).
 *
 * <p><b>Fairness.</b> Waiters acquire in the order they arrived. When the lock is released to a waiter, it stays
 * promised to that waiter until the waiter runs: a task that arrives meanwhile queues behind instead of taking it.
 *
 * <p><b>Cancellation.</b> A waiter that is cancelled leaves the queue; if it had already been woken, the lock passes
 * on to the next waiter, so a cancel never loses a wake-up nor leaves two owners.
 *
 * <pre>{@code
 * try (Held h = lock.hold().await()) { ... }     // async with lock: ...
 * }</pre>
 */
public class Lock extends Acquirable {
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    private boolean locked;

    /** A new, unlocked lock; it binds to a loop at its first wait. */
    public Lock() {
    }

    /**
     * CPython's {@code Lock.locked()}.
     *
     * @return whether some task holds the lock
     */
    public boolean locked() {
        return locked;
    }

    @Override
    boolean doAcquire() {
        if (!locked && allCancelled(waiters)) {
            locked = true;
            return true;
        }
        Future<Boolean> fut = newWaiter();
        try {
            awaitTurn(waiters, fut);
        } catch (CancelledError e) {
            if (!locked) {
                wakeUpFirst(); // the lock may have been passed to us: pass it on
            }
            throw e;
        }
        locked = true;
        return true;
    }

    /**
     * Releases the lock and wakes the first waiter, if any.
     *
     * @throws IllegalStateException if the lock is not held
     */
    @Override
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        locked = false;
        wakeUpFirst();
    }

    private void wakeUpFirst() {
        Future<Boolean> first = waiters.peekFirst();
        if (first != null && !first.done()) {
            first.setResult(true);
        }
    }

    @Override
    public String toString() {
        String extra = locked ? "locked" : "unlocked";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<asyncio4j.Lock [" + extra + "]>";
    }
}
