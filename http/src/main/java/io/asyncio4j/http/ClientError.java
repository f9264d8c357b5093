package io.asyncio4j.http;

/**
 * aiohttp's {@code ClientError}: the base of every error the HTTP client raises for a request that could not be
 * made or answered properly. Unchecked, so it crosses {@code await()}; the JDK's or the event loop's exception that
 * caused it, if any, is the {@linkplain #getCause() cause}. Messages name the host and the cause.
 *
 * <pre>
 * ClientError
 *  +-- ClientResponseError (status)        +-- ContentTypeError, TooManyRedirects, ClientHttpProxyError
 *  +-- ClientConnectionError
 *  |    +-- ClientOSError                  +-- ClientConnectorError +-- ClientProxyConnectionError, ClientSSLError
 *  |    +-- ServerConnectionError          +-- ServerDisconnectedError, ServerTimeoutError
 *  +-- ClientPayloadError
 *  +-- InvalidURL
 * </pre>
 * A request's total {@link ClientTimeout} expiring raises {@link io.asyncio4j.TimeoutError}, as aiohttp raises
 * {@code asyncio.TimeoutError}; it is not a {@code ClientError}.
 */
public class ClientError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with {@code message} and no cause.
     *
     * @param message the message
     */
    public ClientError(String message) {
        super(message);
    }

    /**
     * An error with {@code message} and {@code cause}.
     *
     * @param message the message
     * @param cause   the exception that caused it (the JDK's or the loop's), or null
     */
    public ClientError(String message, Throwable cause) {
        super(message, cause);
    }
}
