package io.asyncio4j;

/**
 * A stream's buffer limit was reached while looking for a separator. {@link #consumed()} is how many bytes can be
 * consumed before the limit stops the search (CPython's {@code consumed}).
 */
public class LimitOverrunError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The number of bytes to consume to get past the data searched so far. */
    private final int consumed;

    /**
     * A buffer limit reached while searching (CPython's {@code asyncio.LimitOverrunError}).
     *
     * @param message the detail message
     * @param consumed how many bytes can be consumed before the limit stops the search
     */
    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /**
     * The number of bytes to consume to get past the data searched so far.
     *
     * @return the number of bytes to consume
     */
    public int consumed() {
        return consumed;
    }
}
