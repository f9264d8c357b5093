package io.asyncio4j.net;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Python's {@code ConnectionError}: a connection could not be made or broke. Unchecked, so it can cross
 * {@code await()}; the JDK's {@link IOException} is the cause. The message names the peer.
 */
public class ConnectionError extends UncheckedIOException {
    private static final long serialVersionUID = 1L;
    /** The error of each address tried, when this one reports that several failed; else empty. */
    private final ConnectionError[] exceptions;

    /**
     * A connection error with the given message.
     *
     * @param message the message, naming the peer
     * @param cause the JDK's exception, or null when there is none (a connection closed cleanly while a body was
     *              still expected, a write after close): then an {@link IOException} with the same message stands in,
     *              as {@link UncheckedIOException} needs one
     */
    public ConnectionError(String message, IOException cause) {
        this(message, cause, java.util.List.of());
    }

    /**
     * A connection error reporting that a connection to several addresses failed (CPython's
     * {@code create_connection} without {@code all_errors}): each address's error is kept, in the order the
     * addresses were tried, in {@link #exceptions()} and as a suppressed exception, so a stack trace shows them all.
     *
     * @param message the message, naming every address tried
     * @param cause the JDK's exception of the first address, or null (then an {@link IOException} with the same
     *              message stands in)
     * @param exceptions the error of each address tried, in order; copied
     * @throws NullPointerException if {@code exceptions} is or holds null
     */
    public ConnectionError(String message, IOException cause, java.util.List<? extends ConnectionError> exceptions) {
        super(message, cause != null ? cause : new IOException(message));
        this.exceptions = exceptions.toArray(new ConnectionError[0]);
        for (ConnectionError e : this.exceptions) {
            addSuppressed(java.util.Objects.requireNonNull(e, "exceptions holds null"));
        }
    }

    /**
     * The error of each address tried, when this error reports that a connection to several addresses failed
     * (see {@link Net#createConnection(java.util.function.Supplier, String, int, TlsOptions, ConnectOptions)}).
     *
     * @return the errors, in the order the addresses were tried; empty for an error about one address or
     *         connection; unmodifiable
     */
    public java.util.List<ConnectionError> exceptions() {
        return java.util.List.of(exceptions);
    }

    /**
     * The error when every address in {@code errors} failed, CPython's rule: the only error (or, if all have the same
     * message, the first) as it is, else one naming them all ({@code "Multiple exceptions: ..."}), a
     * {@link ConnectionRefusedError} if every address refused. With a {@code peer}, the message names it first and a
     * single error is re-made to name it.
     */
    static ConnectionError ofAll(String peer, java.util.List<ConnectionError> errors) {
        ConnectionError first = errors.get(0);
        String model = first.getMessage();
        if (errors.stream().allMatch(e -> java.util.Objects.equals(e.getMessage(), model))) {
            return peer == null || first instanceof TlsError ? first : of(peer, first.getCause());
        }
        StringBuilder m = new StringBuilder();
        if (peer != null) {
            m.append("cannot connect to ").append(peer).append(": ");
        }
        m.append("Multiple exceptions: ");
        for (int i = 0; i < errors.size(); i++) {
            m.append(i == 0 ? "" : ", ").append(errors.get(i).getMessage());
        }
        return errors.stream().allMatch(e -> e instanceof ConnectionRefusedError)
                ? new ConnectionRefusedError(m.toString(), first.getCause(), errors)
                : new ConnectionError(m.toString(), first.getCause(), errors);
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
