package io.asyncio4j.http;

/**
 * aiohttp's {@code ServerTimeoutError}: the {@code connect} or {@code sockConnect} limit of a
 * {@link ClientTimeout} passed ({@code "Connection timeout to host http://..."}), or no byte arrived for
 * {@code sockRead} seconds ({@code "Timeout on reading data from socket"}). aiohttp's class is also an
 * {@code asyncio.TimeoutError}; Java has single inheritance, so this one is only a {@link ClientError}: catch
 * {@link io.asyncio4j.TimeoutError} as well for the {@code total} limit.
 */
public class ServerTimeoutError extends ServerConnectionError {
    private static final long serialVersionUID = 1L;

    /**
     * An error with {@code message} and no cause.
     *
     * @param message the message, naming the host or what went wrong
     */
    public ServerTimeoutError(String message) {
        super(message);
    }

    /**
     * An error with {@code message} and {@code cause}.
     *
     * @param message the message, naming the host or what went wrong
     * @param cause   the exception that caused it (the JDK's or the loop's), or null
     */
    public ServerTimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
