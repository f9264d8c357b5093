package io.asyncio4j;

/**
 * Thrown by {@code await()} in a task that is being cancelled, and by {@link Future#result()} of a cancelled
 * future. Like CPython's {@code asyncio.CancelledError} (a {@code BaseException}), it is an {@link Error}, so
 * {@code catch (Exception e)} does not swallow cancellation by accident.
 *
 * <p>{@link #getMessage()} is the message given to {@code cancel(msg)}, or {@code null}. A task may catch it to
 * clean up; to keep running after a cancel it must also call {@link Task#uncancel()} (see that method).
 */
public class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    /** A cancellation, with no message. */
    public CancelledError() {
        super();
    }

    /**
     * A cancellation.
     *
     * @param message the detail message
     */
    public CancelledError(String message) {
        super(message);
    }
}
