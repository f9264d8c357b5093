package io.asyncio4j;

/**
 * The begun {@link LoopLagEvent}s of the handles at the head of a loop's ready queue, in the queue's order: the
 * {@code i}-th event belongs to the {@code i}-th queued handle, for {@code i < }{@link #count()}. The loop keeps
 * the two aligned: it {@link #stampUpTo stamps} the handles added since the last time (with the time it notices
 * them, which for its own {@code callSoon} is the call itself) and {@link #pop pops} one event per handle it takes
 * from the queue. Made only while a recording enables the event; used on the loop's thread only.
 */
final class ReadyLag {
    private LoopLagEvent[] ring = new LoopLagEvent[16];
    private int head;
    private int count;

    /** Begins an event for each queued handle without one: those past the first {@code count} of {@code size}. */
    void stampUpTo(int size) {
        while (count < size) {
            if (count == ring.length) {
                grow();
            }
            LoopLagEvent e = new LoopLagEvent();
            e.begin();
            ring[(head + count) & (ring.length - 1)] = e;
            count++;
        }
    }

    /** {@return the event of the handle just taken from the head of the queue, or null if it has none} */
    LoopLagEvent pop() {
        if (count == 0) {
            return null;
        }
        LoopLagEvent e = ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        count--;
        return e;
    }

    /** The queue was emptied without running its handles (the loop closed). */
    void clear() {
        java.util.Arrays.fill(ring, null);
        head = 0;
        count = 0;
    }

    /** {@return how many queued handles have an event} */
    int count() {
        return count;
    }

    private void grow() {
        LoopLagEvent[] bigger = new LoopLagEvent[ring.length * 2];
        for (int i = 0; i < count; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }
}
