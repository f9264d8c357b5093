package io.asyncio4j.http.web;

/**
 * The lifecycle of one server connection ({@link HttpProtocol}): where it is in the request/response cycle, which
 * also says what its one timer waits for from the client, which {@link ServerOptions} timeout runs and what happens
 * when it passes. Its one transition method, {@link #to}, enforces the diagram, so that a bug shows up as an
 * {@link IllegalStateException} naming both states instead of a connection that hangs. Transitions (all on the
 * loop's thread):
 *
 * <pre>
 * FIRST_REQUEST, KEEPALIVE --the first byte of a head-->        HEAD
 * FIRST_REQUEST, KEEPALIVE, HEAD --head complete, a body to come--> BODY    (no body: --> HANDLING)
 * BODY --body complete, malformed or timed out-->               HANDLING
 * BODY, HANDLING --response written, body unread-->              DISCARDING
 * HANDLING, DISCARDING --response written, body consumed-->      KEEPALIVE
 * BODY, HANDLING --101 answer-->                                 UPGRADED
 * any but UPGRADED, CLOSED --a final answer, then half-closed--> LINGERING
 * any but CLOSED --connection lost-->                            CLOSED
 * </pre>
 *
 * <p>A connection also closes without a state of its own (the transport's {@code isClosing()} says it): an error
 * answer after the client's EOF, a timeout, a shutdown; {@code CLOSED} follows with the transport's
 * {@code connectionLost}. What is not lifecycle stays beside the state in {@code HttpProtocol}: the client's
 * half-close, the verdict to close after the current response, read flow control.
 */
enum HttpProtocolState {
    /** A new connection's first head: {@link ServerOptions#headerTimeout()} from the accept; then a plain close. */
    FIRST_REQUEST,
    /** The rest of a head: {@link ServerOptions#headerTimeout()} from its first byte; then 408 and close. */
    HEAD,
    /**
     * The handler runs while more of the body is to come: {@link ServerOptions#bodyTimeout()} from the head or the
     * last bytes read, not counting time when the server paused reading; then the body's reads fail with
     * {@link HTTPRequestTimeout} (the handler answers 408 unless it catches it) and the connection closes after the
     * answer.
     */
    BODY,
    /** The handler runs with the whole body received (or failed): no timer. */
    HANDLING,
    /**
     * The response is written; the rest of the body the handler did not read is dropped as it comes, under the
     * body's timeout (then a plain close). Its end stops the timer; the move to {@code KEEPALIVE} follows on the
     * loop's next turn, and the next request's bytes wait until then.
     */
    DISCARDING,
    /** The next request on an idle keep-alive connection: {@link ServerOptions#keepaliveTimeout()}; then close. */
    KEEPALIVE,
    /** Half-closed after a final answer, dropping what the client still sends until its EOF: 2 s; then close. */
    LINGERING,
    /** A 101 answer handed the connection to another protocol (a WebSocket), which gets its events: no timer. */
    UPGRADED,
    /** The transport's {@code connectionLost} ran: nothing more happens. */
    CLOSED;

    /** Whether the diagram allows the move from this state to {@code next}. */
    boolean canMoveTo(HttpProtocolState next) {
        return switch (this) {
            case FIRST_REQUEST, KEEPALIVE -> next == HEAD || next == BODY || next == HANDLING || next == LINGERING
                    || next == CLOSED;
            case HEAD -> next == BODY || next == HANDLING || next == LINGERING || next == CLOSED;
            case BODY -> next == HANDLING || next == DISCARDING || next == UPGRADED || next == LINGERING
                    || next == CLOSED;
            case HANDLING -> next == DISCARDING || next == KEEPALIVE || next == UPGRADED || next == LINGERING
                    || next == CLOSED;
            case DISCARDING -> next == KEEPALIVE || next == LINGERING || next == CLOSED;
            case LINGERING, UPGRADED -> next == CLOSED;
            case CLOSED -> false;
        };
    }

    /**
     * The transition to {@code next}: returns {@code next} if the diagram allows it.
     *
     * @throws IllegalStateException naming both states if it does not
     */
    HttpProtocolState to(HttpProtocolState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("HttpProtocol: illegal transition " + this + " -> " + next);
        }
        return next;
    }
}
