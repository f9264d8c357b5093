package io.asyncio4j.http;

/**
 * aiohttp's {@code ClientOSError}: an operating-system level error on the connection (reset by the peer, broken
 * pipe...); the cause is the {@link io.asyncio4j.net.ConnectionError} or {@link java.io.IOException}.
 */
public class ClientOSError extends ClientConnectionError {
    private static final long serialVersionUID = 1L;

    /**
     * An error with {@code message} and {@code cause}.
     *
     * @param message the message, naming the host and the cause
     * @param cause   the {@link io.asyncio4j.net.ConnectionError} or {@link java.io.IOException}, or null
     */
    public ClientOSError(String message, Throwable cause) {
        super(message, cause);
    }
}
