package io.asyncio4j.http;

/**
 * aiohttp's {@code ServerDisconnectedError}: the server closed the connection before the response's head was
 * complete. The message names the host.
 */
public class ServerDisconnectedError extends ServerConnectionError {
    private static final long serialVersionUID = 1L;

    public ServerDisconnectedError(String message) {
        super(message);
    }

    public ServerDisconnectedError(String message, Throwable cause) {
        super(message, cause);
    }
}
