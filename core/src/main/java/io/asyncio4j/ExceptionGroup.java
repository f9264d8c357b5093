package io.asyncio4j;

import java.util.List;

/**
 * Several exceptions raised together, as CPython's {@code ExceptionGroup}: a task group whose children failed
 * throws one of these holding every failure, in the order they happened. Groups nest.
 */
public class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The exceptions, in order. */
    private final List<Throwable> exceptions;

    /**
     * A group of {@code exceptions}; the first is also the cause, the others are suppressed exceptions, so a stack
     * trace shows all of them.
     *
     * @param message the message; the number of exceptions is appended
     * @param exceptions the exceptions, in order; copied
     * @throws IllegalArgumentException if {@code exceptions} is empty
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")",
                exceptions.isEmpty() ? null : exceptions.get(0));
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("second argument (exceptions) must be a non-empty sequence");
        }
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions) {
            if (t != getCause()) {
                addSuppressed(t);
            }
        }
    }

    /**
     * The exceptions of this group (CPython's {@code exceptions}).
     *
     * @return the exceptions, in order; never empty, unmodifiable
     */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
