package io.asyncio4j;

/**
 * What a {@code try}-with-resources block holds, the form of Python's {@code async with}: an acquired
 * {@link Lock}, {@link Condition} or {@link Semaphore}, released by {@link #close()}, or another resource a method of
 * the library hands out to be given back at the end of a block (an open WebSocket, closed):
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
