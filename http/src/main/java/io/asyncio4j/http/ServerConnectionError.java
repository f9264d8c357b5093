package io.asyncio4j.http;

/** aiohttp's {@code ServerConnectionError}: the server broke the connection or did not answer in time. */
public class ServerConnectionError extends ClientConnectionError {
    private static final long serialVersionUID = 1L;

    public ServerConnectionError(String message) {
        super(message);
    }

    public ServerConnectionError(String message, Throwable cause) {
        super(message, cause);
    }
}
