package io.asyncio4j;

/**
 * CPython's {@code LookupError} as {@link ContextVar#get()} raises it: the variable has no value in the current
 * context and no default. The message is the variable's {@code toString()}, as CPython's {@code repr(var)}.
 */
public class LookupError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With no message. */
    public LookupError() {
        super();
    }

    /**
     * With a message.
     *
     * @param message what was looked up
     */
    public LookupError(String message) {
        super(message);
    }
}
