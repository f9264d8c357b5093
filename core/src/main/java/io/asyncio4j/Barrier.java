package io.asyncio4j;

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

    /** @throws IllegalArgumentException ("parties must be > 0") if {@code parties} is less than 1 */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be > 0");
        }
        this.parties = parties;
    }

    /**
     * Waits until {@code parties} tasks are waiting, then returns this party's index.
     *
     * @throws BrokenBarrierError (when awaited) if the barrier is or becomes broken or is reset while waiting
     */
    public Coro<Integer> waitParties() {
        return () -> {
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
        };
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

    /** Makes the waiting parties throw {@link BrokenBarrierError}, then lets the barrier fill again. */
    public Coro<Void> reset() {
        return () -> {
            try (Held h = cond.hold().await()) {
                if (count > 0) {
                    state = State.RESETTING;
                } else {
                    state = State.FILLING;
                }
                cond.signalAll();
            }
            return null;
        };
    }

    /** Breaks the barrier: waiting and later parties throw {@link BrokenBarrierError}. */
    public Coro<Void> abort() {
        return () -> {
            try (Held h = cond.hold().await()) {
                state = State.BROKEN;
                cond.signalAll();
            }
            return null;
        };
    }

    /** The number of tasks needed to pass the barrier. */
    public int parties() {
        return parties;
    }

    /** The number of tasks waiting while the barrier fills. */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /** Whether the barrier is broken. */
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
