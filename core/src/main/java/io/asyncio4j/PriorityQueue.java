package io.asyncio4j;

import java.util.ArrayList;
import java.util.Objects;

/**
 * CPython's {@code asyncio.PriorityQueue}: a {@link Queue} that gives out its smallest item first (by
 * {@code compareTo}), typically a record of (priority, data). Items with equal priority come out in the order of
 * CPython's {@code heapq}, whose algorithm this is, not necessarily the order they were put. Items must not be
 * {@code null}.
 *
 * @param <T> the item type
 */
public class PriorityQueue<T extends Comparable<? super T>> extends Queue<T> {
    private final ArrayList<T> heap = new ArrayList<>();

    /** An unbounded priority queue. */
    public PriorityQueue() {
        this(0);
    }

    /**
     * A priority queue holding at most {@code maxsize} items; {@code maxsize <= 0} means unbounded.
     *
     * @param maxsize the most items the queue holds; 0 or less: no limit
     */
    public PriorityQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    void putItem(T item) {
        Objects.requireNonNull(item, "a PriorityQueue cannot hold null");
        heap.add(item);
        siftDown(0, heap.size() - 1);
    }

    @Override
    T takeItem() {
        T last = heap.remove(heap.size() - 1);
        if (heap.isEmpty()) {
            return last;
        }
        T top = heap.get(0);
        heap.set(0, last);
        siftUp(0);
        return top;
    }

    @Override
    int size() {
        return heap.size();
    }

    /** heapq's _siftdown: moves the item at {@code pos} up towards {@code start} while it is smaller. */
    private void siftDown(int start, int pos) {
        T item = heap.get(pos);
        while (pos > start) {
            int parentPos = (pos - 1) >> 1;
            T parent = heap.get(parentPos);
            if (item.compareTo(parent) < 0) {
                heap.set(pos, parent);
                pos = parentPos;
                continue;
            }
            break;
        }
        heap.set(pos, item);
    }

    /** heapq's _siftup: moves the smaller child up until a leaf, then sifts the item back into place. */
    private void siftUp(int pos) {
        int end = heap.size();
        int start = pos;
        T item = heap.get(pos);
        int child = 2 * pos + 1;
        while (child < end) {
            int right = child + 1;
            if (right < end && !(heap.get(child).compareTo(heap.get(right)) < 0)) {
                child = right;
            }
            heap.set(pos, heap.get(child));
            pos = child;
            child = 2 * pos + 1;
        }
        heap.set(pos, item);
        siftDown(start, pos);
    }
}
