package io.asyncio4j.http;

import io.asyncio4j.http.ws.WebSocket;
import java.util.List;

/**
 * aiohttp's {@code WSServerHandshakeError}: the server did not accept the WebSocket handshake (its status was not
 * 101, or {@code Upgrade}, {@code Connection} or {@code Sec-WebSocket-Accept} was wrong); {@link #message()} says
 * which, as aiohttp words it ("Invalid response status", "Invalid upgrade header", "Invalid connection header",
 * "Invalid challenge response").
 */
public class WSServerHandshakeError extends ClientResponseError {
    private static final long serialVersionUID = 1L;

    /**
     * An error for the server's answer to the handshake.
     *
     * @param requestInfo the handshake request as sent
     * @param status      the answer's status
     * @param message     what was wrong, as aiohttp words it
     * @param headers     the answer's header fields
     */
    public WSServerHandshakeError(RequestInfo requestInfo, int status, String message, Headers headers) {
        super(requestInfo, List.of(), status, message, headers);
    }
}
