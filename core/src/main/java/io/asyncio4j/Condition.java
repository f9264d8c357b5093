package io.asyncio4j;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * CPython's {@code asyncio.Condition}: tasks wait, holding its lock, until another task signals them. Python's
 * {@code wait()}, {@code notify(n)} and {@code notify_all()} are {@link #waitSignal()}, {@link #signal(int)} and
 * {@link #signalAll()} here, because {@code wait}/{@code notify}/{@code notifyAll} are {@code Object}'s.
 *
 * <pre>{@code
 * try (Held h = cond.hold().await()) {
 *     cond.waitFor(() -> !items.isEmpty()).await();
 *     take(items);
 * }
 * }</pre>
 *
 * <p>A signalled waiter returns from {@code waitSignal()} only once it holds the lock again, so after the signaller
 * releases it; waiters are woken in the order they started waiting. If a waiter is cancelled it still re-acquires
 * the lock before the {@link CancelledError} leaves {@code waitSignal()} (the caller's {@code try} releases it), and
 * it passes a signal it may have received on to the next waiter (CPython 3.13's fix: 3.12 could lose it), so
 * {@code waitSignal()} may return spuriously: re-check the state, as {@link #waitFor} does. Not thread-safe.
 */
public class Condition extends Acquirable {
    private final Lock lock;
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();

    /** A condition with a new {@link Lock} of its own. */
    public Condition() {
        this(new Lock());
    }

    /**
     * A condition over {@code lock}, which other conditions may share (CPython's {@code Condition(lock)}).
     *
     * @param lock the lock to wait and signal under
     * @throws NullPointerException if {@code lock} is null
     */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "Condition: the lock is null");
    }

    /** Acquires the underlying lock. */
    @Override
    boolean doAcquire() {
        return lock.doAcquire();
    }

    /** Releases the underlying lock. @throws IllegalStateException if it is not held */
    @Override
    public void release() {
        lock.release();
    }

    /**
     * CPython's {@code Condition.locked()}.
     *
     * @return whether the underlying lock is held
     */
    public boolean locked() {
        return lock.locked();
    }

    /**
     * Python's {@code Condition.wait()}: releases the lock, waits until signalled, re-acquires the lock and returns
     * true. If the waiting task is cancelled, it still re-acquires the lock before {@link CancelledError} is thrown,
     * so the caller's {@code try}-with-resources releases a lock it holds; a signal it may have had goes to the next
     * waiter.
     *
     * @return a coroutine, to await inside a task holding the lock, giving true
     * @throws IllegalStateException (when awaited) if the lock is not held
     */
    @CheckReturnValue
    public Coro<Boolean> waitSignal() {
        return Coro.named("Condition.waitSignal", this::doWait);
    }

    /**
     * CPython's {@code Condition.wait_for}: waits until {@code predicate} is true, checking it first and after every
     * wake-up, with the lock held. Cancellation is as for {@link #waitSignal()}.
     *
     * @param predicate the condition to wait for; called on the loop's thread with the lock held
     * @return a coroutine, to await inside a task holding the lock, giving true
     * @throws NullPointerException if {@code predicate} is null
     */
    @CheckReturnValue
    public Coro<Boolean> waitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "waitFor: the predicate is null");
        return Coro.named("Condition.waitFor", () -> {
            while (!predicate.getAsBoolean()) {
                doWait();
            }
            return true;
        });
    }

    private boolean doWait() {
        if (!lock.locked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
        }
        Future<Boolean> fut = newWaiter();
        lock.release();
        try {
            Throwable failure = null;
            try {
                awaitTurn(waiters, fut);
            } catch (Carrier.TaskDestroyed e) {
                throw e; // the loop is closed: nothing to re-acquire, nobody to signal
            } catch (Throwable e) {
                failure = e;
            }
            reacquire(); // a cancellation while re-acquiring replaces the failure, as in CPython
            if (failure != null) {
                throw Tasks.sneakyThrow(failure);
            }
            return true;
        } catch (Carrier.TaskDestroyed e) {
            throw e;
        } catch (Throwable e) {
            wake(1); // a signal this waiter may have had goes to the next one
            throw e;
        }
    }

    /** Takes the lock back even if cancelled meanwhile, then rethrows the last cancellation. */
    private void reacquire() {
        CancelledError err = null;
        while (true) {
            try {
                doAcquire();
                break;
            } catch (CancelledError e) {
                err = e;
            }
        }
        if (err != null) {
            throw err;
        }
    }

    /** Python's {@code notify(1)}. */
    public void signal() {
        signal(1);
    }

    /**
     * Python's {@code notify(n)}: wakes up to {@code n} waiters, in order; each returns once it re-acquires the lock.
     *
     * @param n the most waiters to wake
     * @throws IllegalStateException if the lock is not held
     */
    public void signal(int n) {
        if (!lock.locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        wake(n);
    }

    /** Python's {@code notify_all()}. @throws IllegalStateException if the lock is not held */
    public void signalAll() {
        signal(waiters.size());
    }

    private void wake(int n) {
        int woken = 0;
        for (Future<Boolean> w : waiters) {
            if (woken >= n) {
                break;
            }
            if (!w.done()) {
                woken++;
                w.setResult(false);
            }
        }
    }

    @Override
    public String toString() {
        String extra = lock.locked() ? "locked" : "unlocked";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<asyncio4j.Condition [" + extra + "]>";
    }
}
