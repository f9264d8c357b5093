package io.asyncio4j.http;

import java.util.List;

/**
 * aiohttp's {@code TooManyRedirects}: the request reached {@code maxRedirects} redirect responses. {@link #history()}
 * holds them all (released); {@link #status()} is the last one's status (aiohttp leaves it 0).
 */
public class TooManyRedirects extends ClientResponseError {
    private static final long serialVersionUID = 1L;

    public TooManyRedirects(RequestInfo requestInfo, List<ClientResponse> history, int status, String message) {
        super(requestInfo, history, status, message, null);
    }
}
