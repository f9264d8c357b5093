package io.asyncio4j.http;

import java.util.List;

/** aiohttp's {@code ContentTypeError}: {@link ClientResponse#json(Class)} on a body whose type is not JSON. */
public class ContentTypeError extends ClientResponseError {
    private static final long serialVersionUID = 1L;

    /**
     * An error for a response whose {@code Content-Type} is not JSON.
     *
     * @param requestInfo what was sent
     * @param history     the redirect responses that led here, oldest first
     * @param status      the response's status
     * @param message     what was wrong (the unexpected media type)
     * @param headers     the response's header fields
     */
    public ContentTypeError(RequestInfo requestInfo, List<ClientResponse> history, int status, String message,
                            Headers headers) {
        super(requestInfo, history, status, message, headers);
    }
}
