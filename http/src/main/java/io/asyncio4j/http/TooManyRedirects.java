package io.asyncio4j.http;

import java.util.List;

/**
 * aiohttp's {@code TooManyRedirects}: the request reached {@code maxRedirects} redirect responses. {@link #history()}
 * holds them all (released); {@link #status()} is the last one's status (aiohttp leaves it 0).
 */
public class TooManyRedirects extends ClientResponseError {
    private static final long serialVersionUID = 1L;

    /**
     * An error after {@code history}'s redirects.
     *
     * @param requestInfo what was sent for the last redirect
     * @param history     every redirect response, oldest first (released)
     * @param status      the last redirect's status
     * @param message     what was wrong
     */
    public TooManyRedirects(RequestInfo requestInfo, List<ClientResponse> history, int status, String message) {
        super(requestInfo, history, status, message, null);
    }
}
