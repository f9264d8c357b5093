package io.asyncio4j.http.web;

/**
 * What a server connection ({@link HttpProtocol}) waits for from its client: the state of its one timer, which
 * says which {@link ServerOptions} timeout runs and what happens when it passes. Transitions (all on the loop's
 * thread):
 *
 * <pre>
 * connectionMade                           -> FIRST_REQUEST
 * FIRST_REQUEST, KEEPALIVE, NONE --the first byte of a head-->           HEAD
 * HEAD --head complete, a body to come-->  BODY      HEAD --head complete, no body--> NONE
 * BODY --bytes arrive-->                   BODY (its deadline moves on; checked when the timer fires)
 * BODY --body complete or malformed-->     NONE
 * NONE --response written, body complete-->KEEPALIVE  (BODY goes on while an unread body is skipped)
 * any --a final answer, half-closed-->     LINGER
 * any --connection lost, upgraded-->       NONE
 * </pre>
 */
enum ClientWait {
    /** No timer: a handler runs with the whole body received, or the connection is over or upgraded. */
    NONE,
    /** A new connection's first head: {@link ServerOptions#headerTimeout()} from the accept; then a plain close. */
    FIRST_REQUEST,
    /** The rest of a head: {@link ServerOptions#headerTimeout()} from its first byte; then 408 and close. */
    HEAD,
    /**
     * More of a body: {@link ServerOptions#bodyTimeout()} from the head or the last bytes read, not counting time
     * when the server paused reading; then the body's reads fail with {@link HTTPRequestTimeout} (or, when its
     * response is already written and the body was being skipped, a plain close).
     */
    BODY,
    /** The next request on an idle keep-alive connection: {@link ServerOptions#keepaliveTimeout()}; then close. */
    KEEPALIVE,
    /** The client's EOF after a final answer (lingering close): a fixed 2 s; then close. */
    LINGER
}
