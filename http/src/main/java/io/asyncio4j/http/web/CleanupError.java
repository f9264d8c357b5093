package io.asyncio4j.http.web;

import java.util.List;

/**
 * aiohttp's {@code web.CleanupError}: several teardowns of {@link Application#cleanupCtx()} failed. It carries them
 * all, in the order they failed ({@link #exceptions()}; they are also its suppressed exceptions). A single failure is
 * thrown as it is, not wrapped.
 */
public class CleanupError extends RuntimeException {
    /** The failures, in order. */
    private final List<Throwable> exceptions;

    /**
     * An error holding {@code exceptions}: the first is its cause, the others its suppressed exceptions.
     *
     * @param message    the message; {@code ": N errors"} is appended
     * @param exceptions the failures, in the order the teardowns ran; copied; not null and holding no null
     * @throws NullPointerException if {@code exceptions} is null or holds null
     */
    public CleanupError(String message, List<? extends Throwable> exceptions) {
        super(message + ": " + exceptions.size() + " errors", exceptions.isEmpty() ? null : exceptions.get(0));
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions.subList(1, this.exceptions.size())) {
            addSuppressed(t);
        }
    }

    /** {@return the failures, in the order the teardowns ran; unmodifiable} */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
