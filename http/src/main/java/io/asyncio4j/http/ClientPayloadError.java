package io.asyncio4j.http;

/**
 * aiohttp's {@code ClientPayloadError}: the response's body could not be received whole: the server closed the
 * connection before the declared {@code Content-Length} or the last chunk arrived, the chunked framing was
 * malformed, or the {@code Content-Encoding} could not be decoded. The connection is not reused.
 */
public class ClientPayloadError extends ClientError {
    private static final long serialVersionUID = 1L;

    public ClientPayloadError(String message) {
        super(message);
    }

    public ClientPayloadError(String message, Throwable cause) {
        super(message, cause);
    }
}
