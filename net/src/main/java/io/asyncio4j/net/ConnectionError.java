package io.asyncio4j.net;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Python's {@code ConnectionError}: a connection could not be made or broke. Unchecked, so it can cross
 * {@code await()}; the JDK's {@link IOException} is the cause. The message names the peer.
 */
public class ConnectionError extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    /**
     * A connection error with the given message.
     *
     * @param message the message, naming the peer
     * @param cause the JDK's exception, or null when there is none (a connection closed cleanly while a body was
     *              still expected, a write after close): then an {@link IOException} with the same message stands in,
     *              as {@link UncheckedIOException} needs one
     */
    public ConnectionError(String message, IOException cause) {
        super(message, cause != null ? cause : new IOException(message));
    }

    /** The right subclass for {@code cause}, with a message naming {@code peer}. */
    static ConnectionError of(String peer, IOException cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof java.net.ConnectException) {
            return new ConnectionRefusedError("cannot connect to " + peer + ": " + why, cause);
        }
        String lower = why.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("reset") || lower.contains("broken pipe") || lower.contains("aborted")) {
            return new ConnectionResetError("connection to " + peer + " lost: " + why, cause);
        }
        return new ConnectionError("connection to " + peer + " failed: " + why, cause);
    }
}
