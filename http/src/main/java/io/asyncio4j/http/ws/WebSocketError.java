package io.asyncio4j.http.ws;

/**
 * aiohttp's {@code WebSocketError}: the peer broke RFC 6455; {@link #code()} is the close code this side sends
 * ({@link WSCloseCode#PROTOCOL_ERROR}, {@link WSCloseCode#INVALID_TEXT}, {@link WSCloseCode#MESSAGE_TOO_BIG}).
 * {@code receive()} reports it as the data of an {@link WSMsgType#ERROR} message.
 */
public class WebSocketError extends RuntimeException {
    /** The close code to answer with. */
    private final int code;

    /**
     * An error answered with close code {@code code}.
     *
     * @param code    the close code this side sends ({@link WSCloseCode})
     * @param message what the peer did wrong
     */
    public WebSocketError(int code, String message) {
        super(message);
        this.code = code;
    }

    /** {@return the close code that answers the error} */
    public int code() {
        return code;
    }
}
