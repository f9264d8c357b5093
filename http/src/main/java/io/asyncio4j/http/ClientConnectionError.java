package io.asyncio4j.http;

/** aiohttp's {@code ClientConnectionError}: the connection to the server could not be made, or broke. */
public class ClientConnectionError extends ClientError {
    private static final long serialVersionUID = 1L;

    /**
     * An error with {@code message} and no cause.
     *
     * @param message the message, naming the host and the cause
     */
    public ClientConnectionError(String message) {
        super(message);
    }

    /**
     * An error with {@code message} and {@code cause}.
     *
     * @param message the message, naming the host and the cause
     * @param cause   the exception that caused it (the JDK's or the loop's), or null
     */
    public ClientConnectionError(String message, Throwable cause) {
        super(message, cause);
    }
}
