package io.asyncio4j;

/** An operation did not finish before its deadline ({@code asyncio.TimeoutError}). */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A deadline that passed, with no message. */
    public TimeoutError() {
        super();
    }

    /**
     * A deadline that passed.
     *
     * @param message the detail message
     */
    public TimeoutError(String message) {
        super(message);
    }

    /**
     * A deadline that passed, caused by {@code cause}: for {@link Asyncio#waitFor} and {@link Timeout}, the
     * {@link CancelledError} that cancelled the work at the deadline.
     *
     * @param message the detail message
     * @param cause the cause
     */
    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
