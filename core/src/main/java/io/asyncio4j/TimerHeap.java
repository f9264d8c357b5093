package io.asyncio4j;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The loop's scheduled timers: CPython's {@code _scheduled} list kept by {@code heapq} over
 * {@code TimerHandle.__lt__}, which compares deadlines only.
 *
 * <p>Order: timers come out earliest deadline first. Timers with equal deadlines come out in the order heapq's
 * algorithm leaves them, not in scheduling order; with virtual time equal deadlines are common, and CPython's order
 * is the one to reproduce, so {@link #siftUp} and {@link #siftDown} are heapq's {@code _siftdown} and
 * {@code _siftup} step for step.
 *
 * <p>Cancellation: a cancelled timer stays in the heap (counted, see {@link #timerCancelled}) until it reaches the
 * top or, when more than {@value #MIN_SCHEDULED_TIMER_HANDLES} timers are held and over half of them are
 * cancelled, until the heap is compacted ({@link #dropCancelled()}, CPython's {@code _run_once} head).
 * {@link TimerHandle#scheduled} is true exactly while a handle is held here.
 *
 * <p>Threads: not thread-safe; used only by the thread that owns the loop (the loop's thread, or the task it is
 * stepping, or the owner thread before the loop runs), as every non-thread-safe loop operation.
 */
final class TimerHeap {
    /** CPython's {@code _MIN_SCHEDULED_TIMER_HANDLES} (with {@code _MIN_CANCELLED_TIMER_HANDLES_FRACTION} 1/2). */
    private static final int MIN_SCHEDULED_TIMER_HANDLES = 100;

    private TimerHandle[] timers = new TimerHandle[16];
    private int count;
    private int cancelledCount;

    /** Schedules {@code h}. */
    void push(TimerHandle h) {
        h.scheduled = true;
        if (count == timers.length) {
            timers = Arrays.copyOf(timers, count * 2);
        }
        int i = count++;
        timers[i] = h;
        siftUp(0, i);
    }

    /** Whether no timer (cancelled or not) is held. */
    boolean isEmpty() {
        return count == 0;
    }

    /** The deadline of the earliest timer; the heap must not be empty. */
    double firstWhen() {
        return timers[0].when;
    }

    /** Called by {@link TimerHandle#cancel()} the first time: a held timer now counts as cancelled. */
    void timerCancelled(TimerHandle h) {
        if (h.scheduled) {
            cancelledCount++;
        }
    }

    /**
     * CPython's {@code _run_once} head: compacts the heap when most timers are cancelled, else pops the cancelled
     * timers at its top (so that {@link #firstWhen()} is a live deadline).
     */
    void dropCancelled() {
        if (count > MIN_SCHEDULED_TIMER_HANDLES && cancelledCount * 2 > count) {
            compact();
        } else {
            while (count > 0 && timers[0].cancelled) {
                cancelledCount--;
                pop().scheduled = false;
            }
        }
    }

    /**
     * Moves the timers due by {@code now} to {@code ready}, earliest first: those before {@code endTime} (now plus
     * the clock's resolution) and, far from 0 where adding the resolution may not change the double, those at
     * {@code now} too.
     */
    void moveDue(double now, double endTime, ArrayDeque<Handle> ready) {
        while (count > 0 && (timers[0].when < endTime || timers[0].when <= now)) {
            TimerHandle h = pop();
            h.scheduled = false;
            ready.add(h);
        }
    }

    /** Drops every timer (the loop is closing). */
    void clear() {
        Arrays.fill(timers, 0, count, null);
        count = 0;
        cancelledCount = 0;
    }

    /** Number of timers held, cancelled ones included (for tests). */
    int size() {
        return count;
    }

    private TimerHandle pop() {
        TimerHandle last = timers[--count];
        timers[count] = null;
        if (count == 0) {
            return last;
        }
        TimerHandle top = timers[0];
        timers[0] = last;
        siftDown(0);
        return top;
    }

    /** heapq's {@code _siftdown}: moves {@code timers[pos]} towards {@code start} while it is due before its parent. */
    private void siftUp(int start, int pos) {
        TimerHandle h = timers[pos];
        while (pos > start) {
            int parent = (pos - 1) >>> 1;
            TimerHandle p = timers[parent];
            if (!(h.when < p.when)) {
                break;
            }
            timers[pos] = p;
            pos = parent;
        }
        timers[pos] = h;
    }

    /**
     * heapq's {@code _siftup}: moves the earlier child up (the right one on a tie) all the way to a leaf, puts
     * {@code timers[pos]} there and sifts it back up.
     */
    private void siftDown(int pos) {
        int start = pos;
        TimerHandle h = timers[pos];
        int child = 2 * pos + 1;
        while (child < count) {
            int right = child + 1;
            if (right < count && !(timers[child].when < timers[right].when)) {
                child = right;
            }
            timers[pos] = timers[child];
            pos = child;
            child = 2 * pos + 1;
        }
        timers[pos] = h;
        siftUp(start, pos);
    }

    /** Drops every cancelled timer and rebuilds the heap (heapq's {@code heapify}), as CPython. */
    private void compact() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            TimerHandle h = timers[i];
            if (h.cancelled) {
                h.scheduled = false;
            } else {
                timers[n++] = h;
            }
        }
        Arrays.fill(timers, n, count, null);
        count = n;
        cancelledCount = 0;
        for (int i = (n >>> 1) - 1; i >= 0; i--) {
            siftDown(i);
        }
    }
}
