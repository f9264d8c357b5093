package io.asyncio4j.http;

import java.util.List;

/** aiohttp's {@code ContentTypeError}: {@link ClientResponse#json(Class)} on a body whose type is not JSON. */
public class ContentTypeError extends ClientResponseError {
    private static final long serialVersionUID = 1L;

    public ContentTypeError(RequestInfo requestInfo, List<ClientResponse> history, int status, String message,
                            Headers headers) {
        super(requestInfo, history, status, message, headers);
    }
}
