package io.asyncio4j;

/**
 * A callback scheduled for a time on the loop's clock by {@code callLater} or {@code callAt}. Timers with the
 * same deadline run in the order CPython's heap of timers gives them, which is not always the order they were
 * scheduled in.
 */
public final class TimerHandle extends Handle {
    final double when;
    /** Still in the loop's timer heap (CPython's {@code _scheduled}). */
    boolean scheduled;
    private final TimerHeap heap;

    TimerHandle(double when, Runnable callback, Object context, TimerHeap heap) {
        super(callback, context);
        this.when = when;
        this.heap = heap;
    }

    /**
     * CPython's {@code TimerHandle.when()}.
     *
     * @return the time, on the loop's clock ({@link EventLoop#time()}), at which the callback is due
     */
    public double when() {
        return when;
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            heap.timerCancelled(this);
        }
    }

    @Override
    public String toString() {
        return "<TimerHandle " + (cancelled ? "cancelled " : "") + "when=" + when + " " + describeCallback() + ">";
    }
}
