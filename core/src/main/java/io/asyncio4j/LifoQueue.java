package io.asyncio4j;

import java.util.ArrayList;

/**
 * CPython's {@code asyncio.LifoQueue}: a {@link Queue} that gives out the most recently put item first.
 *
 * @param <T> the item type
 */
public class LifoQueue<T> extends Queue<T> {
    private final ArrayList<T> stack = new ArrayList<>();

    /** An unbounded LIFO queue. */
    public LifoQueue() {
        this(0);
    }

    /**
     * A LIFO queue holding at most {@code maxsize} items; {@code maxsize <= 0} means unbounded.
     *
     * @param maxsize the most items the queue holds; 0 or less: no limit
     */
    public LifoQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    void putItem(T item) {
        stack.add(item);
    }

    @Override
    T takeItem() {
        return stack.remove(stack.size() - 1);
    }

    @Override
    int size() {
        return stack.size();
    }
}
