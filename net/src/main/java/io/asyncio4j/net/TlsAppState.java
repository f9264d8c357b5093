package io.asyncio4j.net;

/**
 * What the application protocol of a {@link TlsProtocol} has been told (CPython's {@code sslproto.AppProtocolState}):
 * events reach it in this order and each at most once. Its one transition method, {@link #to}, enforces the
 * diagram, so that a bug shows up as an {@link IllegalStateException} naming both states. Transitions (all on the
 * loop's thread):
 *
 * <pre>
 * INIT --handshake done: connectionMade (startTls: connected already)--> CONNECTED
 * CONNECTED --eofReceived--> EOF
 * CONNECTED, EOF --connectionLost--> LOST
 * </pre>
 *
 * <p>An application never connected (the handshake failed) stays {@link #INIT}: its waiter gets the error instead.
 * The TLS layer's own progress is the other state machine, {@link TlsState}.
 */
enum TlsAppState {
    /** Not connected: the handshake has not completed. */
    INIT,
    /** Connected: it gets decrypted data and the write flow-control events. */
    CONNECTED,
    /** The peer's end of stream (close_notify or EOF) was delivered to it; its own writes may still go. */
    EOF,
    /** Its {@code connectionLost} ran: nothing more reaches it. */
    LOST;

    /** Whether the application is connected and not yet lost: it gets data and flow-control events. */
    boolean connected() {
        return this == CONNECTED || this == EOF;
    }

    /** Whether the diagram allows the move from this state to {@code next}. */
    boolean canMoveTo(TlsAppState next) {
        return switch (this) {
            case INIT -> next == CONNECTED;
            case CONNECTED -> next == EOF || next == LOST;
            case EOF -> next == LOST;
            case LOST -> false;
        };
    }

    /**
     * The transition to {@code next}: returns {@code next} if the diagram allows it.
     *
     * @throws IllegalStateException naming both states if it does not
     */
    TlsAppState to(TlsAppState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("TlsProtocol: illegal application transition " + this + " -> " + next);
        }
        return next;
    }
}
