package io.asyncio4j;

/**
 * CPython's {@code asyncio.Timeout}: a deadline over a body that runs in the current task. Obtained through
 * {@link Asyncio#timeout(Double, Body)} or {@link Asyncio#timeoutAt(Double, Body)}, which hand it to the body:
 *
 * <pre>{@code
 * String page = Asyncio.timeout(10.0, (Timeout t) -> {
 *     String head = readHead().await();
 *     t.reschedule(Asyncio.getRunningLoop().time() + 30);   // more time for the body
 *     return head + readBody().await();
 * }).await();
 * }</pre>
 *
 * <p><b>Expiry.</b> When the deadline passes, the task running the body is cancelled (as by {@link Task#cancel()}):
 * the {@link CancelledError} travels through the body's {@code await}s and {@code finally} blocks, and at the
 * boundary becomes a {@link TimeoutError} whose cause is that {@code CancelledError}. If the task was also
 * cancelled from elsewhere meanwhile (its {@link Task#cancelling()} count is above what it was on entry), the
 * {@code CancelledError} passes through unchanged, so an enclosing timeout or the canceller sees it. If the body
 * swallows the cancellation and returns, its value is returned. A deadline at or before {@code loop.time()} on
 * entry expires in the next iteration, so even a body that only does {@code sleep(0)} times out.
 *
 * <p><b>Threads.</b> All methods must be called on the loop's thread (from the body or from callbacks of the loop).
 */
public final class Timeout {
    /**
     * A body that can see, and move, its own deadline.
     *
     * @param <T> the type of the body's result
     */
    @FunctionalInterface
    public interface Body<T> {
        /**
         * Runs the body in the awaiting task, under the deadline.
         *
         * @param timeout the body's timeout, to read or move the deadline while it runs
         * @return the body's result
         * @throws Exception any exception, thrown from the await as it is
         */
        T run(Timeout timeout) throws Exception;
    }

    /** CPython's states, with its words for them. */
    private enum State {
        CREATED("created"), ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

        final String word;

        State(String word) {
            this.word = word;
        }
    }

    private State state = State.CREATED;
    private Double when;
    private Handle handler;
    private Task<?> task;
    private int cancellingOnEntry;

    private Timeout(Double when) {
        this.when = when;
    }

    /** Runs {@code body} in the current task under a deadline {@code when} ({@code null}: none) on the loop clock. */
    static <T> T runAt(Double when, Body<T> body) {
        if (body == null) {
            throw new NullPointerException("timeout: the body is null");
        }
        if (when != null && when.isNaN()) {
            throw new IllegalArgumentException("timeout: the deadline is NaN");
        }
        Timeout t = new Timeout(when);
        t.enter(Tasks.requireCurrentTask("timeout()"));
        T result;
        try {
            result = body.run(t);
        } catch (Throwable e) {
            throw Tasks.sneakyThrow(t.exit(e));
        }
        t.exit(null);
        return result;
    }

    /** As {@link #runAt(Double, Body)} with a deadline {@code delay} seconds from now ({@code null}: none). */
    static <T> T runAfter(Double delay, Body<T> body) {
        if (delay != null && delay.isNaN()) {
            throw new IllegalArgumentException("timeout: the delay is NaN");
        }
        Double when = delay == null ? null : Tasks.requireCurrentTask("timeout()").loop.time() + delay;
        return runAt(when, body);
    }

    /**
     * CPython's {@code Timeout.when()}.
     *
     * @return the deadline on the loop's clock, or {@code null} if there is none
     */
    public Double when() {
        return when;
    }

    /**
     * Moves the deadline to {@code when} on the loop's clock ({@code null}: no deadline). A deadline already past
     * expires in the next iteration. CPython's {@code Timeout.reschedule}; call it on the loop's thread.
     *
     * @param when the new deadline on the loop's clock ({@link EventLoop#time()}), or {@code null}
     * @throws IllegalStateException if the body has ended or the timeout has already expired
     * @throws IllegalArgumentException if {@code when} is NaN
     */
    public void reschedule(Double when) {
        if (state != State.ENTERED) {
            throw new IllegalStateException("Cannot change state of " + state.word + " Timeout");
        }
        if (when != null && when.isNaN()) {
            throw new IllegalArgumentException("reschedule: the deadline is NaN");
        }
        this.when = when;
        if (handler != null) {
            handler.cancel();
            handler = null;
        }
        if (when != null) {
            BaseEventLoop loop = task.loop;
            handler = when <= loop.time() ? loop.callSoon(this::onTimeout) : loop.callAt(when, this::onTimeout);
        }
    }

    /**
     * As {@link #reschedule(Double)} with a primitive deadline, so that {@code reschedule(loop.time() + 5)} needs no
     * boxing; the same checks and effects. Call it on the loop's thread.
     *
     * @param when the new deadline on the loop's clock ({@link EventLoop#time()})
     * @throws IllegalStateException if the body has ended or the timeout has already expired
     * @throws IllegalArgumentException if {@code when} is NaN
     */
    public void reschedule(double when) {
        reschedule(Double.valueOf(when));
    }

    /**
     * CPython's {@code Timeout.expired()}.
     *
     * @return whether the deadline has passed (the task was cancelled by this timeout)
     */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    private void enter(Task<?> current) {
        state = State.ENTERED;
        task = current;
        cancellingOnEntry = current.cancelling();
        reschedule(when);
    }

    /** Leaves the body, which threw {@code exc} (or returned: null); returns what the boundary throws. */
    private Throwable exit(Throwable exc) {
        if (handler != null) {
            handler.cancel();
            handler = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancellingOnEntry && exc instanceof CancelledError) {
                return new TimeoutError(null, exc); // no cancel from elsewhere: this one is ours
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
        return exc;
    }

    private void onTimeout() {
        task.cancel();
        state = State.EXPIRING;
        handler = null;
    }

    /**
     * CPython's repr: {@code <Timeout [active] when=1000000000.123>} while the body runs (the deadline rounded to
     * three decimals and written as Python writes a float; {@code when=None} without one), else only the state:
     * {@code <Timeout [expired]>}, {@code <Timeout [finished]>}, {@code <Timeout [expiring]>}.
     */
    @Override
    public String toString() {
        String info = "";
        if (state == State.ENTERED) {
            info = " when=" + (when == null ? "None" : Repr.ofFloat(Repr.round(when, 3)));
        }
        return "<Timeout [" + state.word + "]" + info + ">";
    }
}
