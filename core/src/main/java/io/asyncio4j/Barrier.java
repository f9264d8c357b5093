package io.asyncio4j;

import com.google.errorprone.annotations.CheckReturnValue;

/**
 * CPython's {@code asyncio.Barrier}: {@code parties} tasks meet; each {@link #waitParties()} (Python's
 * {@code wait()}) waits until all of them have arrived, then all go on, each with a distinct index in
 * {@code 0..parties-1}. The barrier then fills again for the next round; arrivals during the release wait for it to
 * drain first.
 *
 * <p>{@link #abort()} breaks the barrier: waiting and later parties throw {@link BrokenBarrierError}.
 * {@link #reset()} makes the waiting parties throw {@code BrokenBarrierError} and then returns the barrier to
 * its filling state. A cancelled party leaves the barrier (its count is taken back). Not thread-safe.
 */
public class Barrier {
    private enum State { FILLING, DRAINING, RESETTING, BROKEN }

    private final Condition cond = new Condition();
    private final int parties;
    private State state = State.FILLING;
    private int count;

    /**
     * A barrier for {@code parties} tasks, filling.
     *
     * @param parties the number of tasks that must wait before all of them go on
     * @throws IllegalArgumentException ("parties must be > 0") if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be > 0");
        }
        this.parties = parties;
    }

    /**
     * Waits until {@code parties} tasks are waiting, then returns this party's index. If the waiting task is
     * cancelled, it leaves the barrier (it no longer counts as waiting) and the await throws
     * {@link CancelledError}; the barrier is not broken.
     *
     * @return a coroutine, to await inside a task, giving this party's index in {@code 0..parties-1}
     * @throws BrokenBarrierError (when awaited) if the barrier is or becomes broken or is reset while waiting
     */
    @CheckReturnValue
    public Coro<Integer> waitParties() {
        return Coro.named("Barrier.waitParties", () -> {
            try (Held h = cond.hold().await()) {
                block();
                int index = count;
                try {
                    count++;
                    if (index + 1 == parties) {
                        state = State.DRAINING;
                        cond.signalAll();
                    } else {
                        cond.waitFor(() -> state != State.FILLING).await();
                        if (state == State.BROKEN || state == State.RESETTING) {
                            throw new BrokenBarrierError("Abort or reset of barrier");
                        }
                    }
                    return index;
                } finally {
                    count--;
                    exit();
                }
            }
        });
    }

    /** Waits while the barrier drains or resets. */
    private void block() {
        cond.waitFor(() -> state != State.DRAINING && state != State.RESETTING).await();
        if (state == State.BROKEN) {
            throw new BrokenBarrierError("Barrier aborted");
        }
    }

    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.signalAll();
        }
    }

    /**
     * CPython's {@code Barrier.reset()}: makes the waiting parties throw {@link BrokenBarrierError}, then lets the
     * barrier fill again.
     *
     * @return a coroutine to await inside a task
     */
    @CheckReturnValue
    public Coro<Void> reset() {
        return Coro.named("Barrier.reset", () -> {
            try (Held h = cond.hold().await()) {
                if (count > 0) {
                    state = State.RESETTING;
                } else {
                    state = State.FILLING;
                }
                cond.signalAll();
            }
            return null;
        });
    }

    /**
     * CPython's {@code Barrier.abort()}: breaks the barrier: waiting and later parties throw
     * {@link BrokenBarrierError}.
     *
     * @return a coroutine to await inside a task
     */
    @CheckReturnValue
    public Coro<Void> abort() {
        return Coro.named("Barrier.abort", () -> {
            try (Held h = cond.hold().await()) {
                state = State.BROKEN;
                cond.signalAll();
            }
            return null;
        });
    }

    /**
     * CPython's {@code Barrier.parties}.
     *
     * @return the number of tasks needed to pass the barrier
     */
    public int parties() {
        return parties;
    }

    /**
     * CPython's {@code Barrier.n_waiting}.
     *
     * @return the number of tasks waiting while the barrier fills; 0 while it drains, resets or is broken
     */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /**
     * CPython's {@code Barrier.broken}.
     *
     * @return whether the barrier is broken
     */
    public boolean broken() {
        return state == State.BROKEN;
    }

    @Override
    public String toString() {
        String extra = state.name().toLowerCase();
        if (!broken()) {
            extra += ", waiters:" + nWaiting() + "/" + parties;
        }
        return "<asyncio4j.Barrier [" + extra + "]>";
    }
}
