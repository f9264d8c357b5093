package io.asyncio4j.http;

/**
 * The lifecycle of a {@link ClientConnection}: who holds it (a request, the pool, a WebSocket, nobody) and what runs
 * on it. Its one transition method, {@link #to}, enforces the diagram, so that a bug shows up as an
 * {@link IllegalStateException} naming both states instead of a connection that hangs or leaks its pool slot.
 * Transitions (all on the loop's thread):
 *
 * <pre>
 * CONNECTING --registered--> ACTIVE --send--> EXCHANGING --response ended (complete, failed, abandoned)--> ACTIVE
 * ACTIVE --released, kept--> IDLE --acquired again--> ACTIVE
 * EXCHANGING --101 to an upgrade request--> SWITCHED --upgrade--> UPGRADED
 * ACTIVE, IDLE, SWITCHED, UPGRADED --released without keeping, dropped from the pool--> CLOSED
 * </pre>
 *
 * <p>The pool's slot is held in {@link #ACTIVE}, {@link #EXCHANGING}, {@link #SWITCHED} and {@link #UPGRADED}
 * ({@link #holdsSlot()}). The loss of the socket is not a state of its own: it shows in the transport (closing), and
 * the pool then moves the connection on ({@code CLOSED}); a switched connection keeps the loss for the protocol it
 * is handed to.
 */
enum ClientConnectionState {
    /** Connected (TCP, TLS, proxy tunnel), not yet registered with the pool: the connector's. */
    CONNECTING,
    /** Held by one request, no exchange on the wire: just acquired, or between its response's end and release. */
    ACTIVE,
    /** Held by one request whose request went out and whose response is being parsed. */
    EXCHANGING,
    /** In the pool, unheld, its keep-alive timer running. */
    IDLE,
    /** A 101 answered an upgrade request: held, not reading, waiting for {@code upgrade} or {@code dropUpgrade}. */
    SWITCHED,
    /** Handed to another protocol (a WebSocket), which gets every transport event; the slot is freed at its close. */
    UPGRADED,
    /** Released for good (closed by the pool, or dropped after its socket closed): nothing more happens on it. */
    CLOSED;

    /** Whether the connection counts as acquired: a request or an upgraded protocol holds its pool slot. */
    boolean holdsSlot() {
        return this == ACTIVE || this == EXCHANGING || this == SWITCHED || this == UPGRADED;
    }

    /** Whether the diagram allows the move from this state to {@code next}. */
    boolean canMoveTo(ClientConnectionState next) {
        return switch (this) {
            case CONNECTING -> next == ACTIVE;
            case ACTIVE -> next == EXCHANGING || next == IDLE || next == CLOSED;
            case EXCHANGING -> next == ACTIVE || next == SWITCHED;
            case IDLE -> next == ACTIVE || next == CLOSED;
            case SWITCHED -> next == UPGRADED || next == CLOSED;
            case UPGRADED -> next == CLOSED;
            case CLOSED -> false;
        };
    }

    /**
     * The transition to {@code next}: returns {@code next} if the diagram allows it.
     *
     * @throws IllegalStateException naming both states if it does not
     */
    ClientConnectionState to(ClientConnectionState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("ClientConnection: illegal transition " + this + " -> " + next);
        }
        return next;
    }
}
