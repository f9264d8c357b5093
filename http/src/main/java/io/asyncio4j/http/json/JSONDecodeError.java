package io.asyncio4j.http.json;

/**
 * Python's {@code json.JSONDecodeError} (a {@code ValueError}, so here an {@link IllegalArgumentException}):
 * {@link JsonCodec#decode} was given text that is not valid JSON, or JSON that does not fit the type asked for.
 * The message names the problem, its line and column when known, and the type.
 * {@link io.asyncio4j.http.ClientResponse#json} reports it as the cause of a
 * {@link io.asyncio4j.http.ClientResponseError}, the server's {@code request.json()} as a 400
 * ({@code HTTPBadRequest}); {@code WSMessage.json} and {@code receiveJson} throw it as it is.
 */
public class JSONDecodeError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * A decode error.
     *
     * @param message what is wrong, where, and the type that was asked for
     * @param cause   the parser's exception, or null
     */
    public JSONDecodeError(String message, Throwable cause) {
        super(message, cause);
    }
}
