package io.asyncio4j.http;

/** aiohttp's {@code ServerConnectionError}: the server broke the connection or did not answer in time. */
public class ServerConnectionError extends ClientConnectionError {
    private static final long serialVersionUID = 1L;

    /**
     * An error with {@code message} and no cause.
     *
     * @param message the message, naming the host or what went wrong
     */
    public ServerConnectionError(String message) {
        super(message);
    }

    /**
     * An error with {@code message} and {@code cause}.
     *
     * @param message the message, naming the host or what went wrong
     * @param cause   the exception that caused it (the JDK's or the loop's), or null
     */
    public ServerConnectionError(String message, Throwable cause) {
        super(message, cause);
    }
}
