package io.asyncio4j.http;

/**
 * aiohttp's {@code ClientPayloadError}: the response's body could not be received whole: the server closed the
 * connection before the declared {@code Content-Length} or the last chunk arrived, the chunked framing was
 * malformed, or the {@code Content-Encoding} could not be decoded. The connection is not reused.
 */
public class ClientPayloadError extends ClientError {
    private static final long serialVersionUID = 1L;

    /**
     * An error with {@code message} and no cause.
     *
     * @param message the message, naming the host or what went wrong
     */
    public ClientPayloadError(String message) {
        super(message);
    }

    /**
     * An error with {@code message} and {@code cause}.
     *
     * @param message the message, naming the host or what went wrong
     * @param cause   the exception that caused it (the JDK's or the loop's), or null
     */
    public ClientPayloadError(String message, Throwable cause) {
        super(message, cause);
    }
}
