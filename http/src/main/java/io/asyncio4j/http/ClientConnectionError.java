package io.asyncio4j.http;

/** aiohttp's {@code ClientConnectionError}: the connection to the server could not be made, or broke. */
public class ClientConnectionError extends ClientError {
    private static final long serialVersionUID = 1L;

    public ClientConnectionError(String message) {
        super(message);
    }

    public ClientConnectionError(String message, Throwable cause) {
        super(message, cause);
    }
}
