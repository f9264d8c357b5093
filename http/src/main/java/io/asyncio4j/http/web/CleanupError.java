package io.asyncio4j.http.web;

import java.util.List;

/**
 * aiohttp's {@code web.CleanupError}: several teardowns of {@link Application#cleanupCtx()} failed. It carries them
 * all, in the order they failed ({@link #exceptions()}; they are also its suppressed exceptions). A single failure is
 * thrown as it is, not wrapped.
 */
public class CleanupError extends RuntimeException {
    private final List<Throwable> exceptions;

    /** @param exceptions the failures, at least one */
    public CleanupError(String message, List<? extends Throwable> exceptions) {
        super(message + ": " + exceptions.size() + " errors", exceptions.isEmpty() ? null : exceptions.get(0));
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions.subList(1, this.exceptions.size())) {
            addSuppressed(t);
        }
    }

    /** The failures, in the order the teardowns ran. */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
