package io.asyncio4j;

/** A {@link Future} operation not allowed in its current state: a second completion, or {@code result()} too early. */
public class InvalidStateError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public InvalidStateError(String message) {
        super(message);
    }
}
