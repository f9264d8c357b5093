package io.asyncio4j;

/** A stream's buffer limit was reached while looking for a separator. */
public class LimitOverrunError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LimitOverrunError() {
        super();
    }

    public LimitOverrunError(String message) {
        super(message);
    }
}
