package io.asyncio4j;

/**
 * CPython's {@code asyncio.BoundedSemaphore}: a {@link Semaphore} that refuses to be released above its initial
 * value, which catches a release without a matching acquire.
 */
public class BoundedSemaphore extends Semaphore {
    private final int bound;

    /** A bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * A bounded semaphore with {@code value} permits, which is also its bound.
     *
     * @param value the initial number of permits and the most it may ever have
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * @throws IllegalStateException ("BoundedSemaphore released too many times"; CPython's {@code ValueError}, which
     *         the rule of docs/python-to-java.md makes an {@code IllegalStateException}: no argument is at
     *         fault) if this would raise the value above the initial one
     */
    @Override
    public void release() {
        if (value() >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times");
        }
        super.release();
    }
}
