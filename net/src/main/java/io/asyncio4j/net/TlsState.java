package io.asyncio4j.net;

/**
 * The TLS layer of a {@link TlsProtocol} (CPython's {@code sslproto.SSLProtocolState}): how far the handshake and
 * the closing handshake have gone on the raw transport. Its one transition method, {@link #to}, enforces the
 * diagram, so that a bug shows up as an {@link IllegalStateException} naming both states instead of a connection
 * that hangs. Transitions (all on the loop's thread):
 *
 * <pre>
 * UNWRAPPED --connectionMade--> HANDSHAKING --handshake done--> WRAPPED --close(), the peer's close_notify--> SHUTDOWN
 * HANDSHAKING --the peer's close_notify--> SHUTDOWN
 * any but ABORTED, CLOSED --a TLS error, a timeout, abort(), or close() before the handshake ended--> ABORTED
 * any but CLOSED --the raw transport's connectionLost--> CLOSED
 * </pre>
 *
 * <p>What the application protocol has been told is the other state machine, {@link TlsAppState}.
 */
enum TlsState {
    /** Created; the raw transport has not called {@code connectionMade} yet. */
    UNWRAPPED,
    /** The handshake is under way (its timer runs); the application's writes wait. */
    HANDSHAKING,
    /** Application data flows both ways. */
    WRAPPED,
    /**
     * A close_notify was sent (the application closed) or received (the peer closed): waiting for the peer's answer
     * (up to the shutdown timeout) or the raw transport's close. The application cannot write any more.
     */
    SHUTDOWN,
    /** The raw transport was aborted (see the diagram); its {@code connectionLost} follows. */
    ABORTED,
    /** The raw transport's {@code connectionLost} ran: nothing more happens. */
    CLOSED;

    /** Whether the application's transport reports {@code isClosing()}: from the first step of the end on. */
    boolean closing() {
        return this == SHUTDOWN || this == ABORTED || this == CLOSED;
    }

    /** Whether the diagram allows the move from this state to {@code next}. */
    boolean canMoveTo(TlsState next) {
        return switch (this) {
            case UNWRAPPED -> next == HANDSHAKING || next == ABORTED || next == CLOSED;
            case HANDSHAKING -> next == WRAPPED || next == SHUTDOWN || next == ABORTED || next == CLOSED;
            case WRAPPED -> next == SHUTDOWN || next == ABORTED || next == CLOSED;
            case SHUTDOWN -> next == ABORTED || next == CLOSED;
            case ABORTED -> next == CLOSED;
            case CLOSED -> false;
        };
    }

    /**
     * The transition to {@code next}: returns {@code next} if the diagram allows it.
     *
     * @throws IllegalStateException naming both states if it does not
     */
    TlsState to(TlsState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("TlsProtocol: illegal TLS transition " + this + " -> " + next);
        }
        return next;
    }
}
