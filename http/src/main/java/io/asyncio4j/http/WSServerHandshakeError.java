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
     * An error for a refused handshake, with an empty {@link #history()}.
     *
     * @param requestInfo the handshake request's method, URL and header fields
     * @param status      the answer's status (101 if the status was right but a header field or the extension was not)
     * @param message     what was wrong, as aiohttp words it
     * @param headers     the answer's header fields, or null
     */
    public WSServerHandshakeError(RequestInfo requestInfo, int status, String message, Headers headers) {
        super(requestInfo, List.of(), status, message, headers);
    }
}
