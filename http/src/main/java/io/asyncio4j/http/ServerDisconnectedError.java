package io.asyncio4j.http;

/**
 * aiohttp's {@code ServerDisconnectedError}: the server closed the connection before the response's head was
 * complete. The message names the host.
 */
public class ServerDisconnectedError extends ServerConnectionError {
    private static final long serialVersionUID = 1L;

    /**
     * An error with {@code message} and no cause.
     *
     * @param message the message, naming the host or what went wrong
     */
    public ServerDisconnectedError(String message) {
        super(message);
    }

    /**
     * An error with {@code message} and {@code cause}.
     *
     * @param message the message, naming the host or what went wrong
     * @param cause   the exception that caused it (the JDK's or the loop's), or null
     */
    public ServerDisconnectedError(String message, Throwable cause) {
        super(message, cause);
    }
}
