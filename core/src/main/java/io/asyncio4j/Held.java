package io.asyncio4j;

/**
 * An acquired {@link Lock}, {@link Condition} or {@link Semaphore}, released by {@link #close()}: the
 * {@code try}-with-resources form of Python's {@code async with}:
 *
 * <pre>{@code
 * try (Held held = lock.hold().await()) {
 *     ...                                  // the lock is held here, across awaits too
 * }                                        // released here, also on exceptions and cancellation
 * }</pre>
 */
public interface Held extends AutoCloseable {
    /** Releases what was acquired; a second call does nothing. Does not throw checked exceptions. */
    @Override
    void close();

    /**
     * A {@link Held} that runs {@code release} once, on the first {@link #close()}.
     *
     * @param release what closing does, on the closing thread
     * @return a new, open {@code Held}
     */
    static Held releasing(Runnable release) {
        return new Held() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    release.run();
                }
            }
        };
    }
}
