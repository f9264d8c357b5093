package io.asyncio4j;

/** A {@link Future} operation not allowed in its current state: a second completion, or {@code result()} too early. */
public class InvalidStateError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * An operation not allowed in the future's current state (CPython's {@code asyncio.InvalidStateError}).
     *
     * @param message the detail message
     */
    public InvalidStateError(String message) {
        super(message);
    }
}
