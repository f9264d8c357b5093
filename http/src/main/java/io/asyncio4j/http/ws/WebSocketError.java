package io.asyncio4j.http.ws;

/**
 * aiohttp's {@code WebSocketError}: the peer broke RFC 6455; {@link #code()} is the close code this side sends
 * ({@link WSCloseCode#PROTOCOL_ERROR}, {@link WSCloseCode#INVALID_TEXT}, {@link WSCloseCode#MESSAGE_TOO_BIG}).
 * {@code receive()} reports it as the data of an {@link WSMsgType#ERROR} message.
 */
public class WebSocketError extends RuntimeException {
    private final int code;

    public WebSocketError(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The close code that answers the error. */
    public int code() {
        return code;
    }
}
