package io.asyncio4j.http.json;

/**
 * Python's {@code json.JSONDecodeError} (a {@code ValueError}, so here an {@link IllegalArgumentException}):
 * {@link JsonCodec#decode} was given text that is not valid JSON, or JSON that does not fit the type asked for.
 * The message names the problem in JSON terms and where it is (a JSONPath such as {@code $.items[2].age}, the line
 * and column), never a Java class or a library's internals: the server sends it to the client, as
 * {@code Invalid JSON body: expected a number at $.age (line 1, column 9)}. A codec of your own must keep to
 * that.
 * {@link io.asyncio4j.http.ClientResponse#json} reports it as the cause of a
 * {@link io.asyncio4j.http.ClientResponseError}, the server's {@code request.json()} as a 400
 * ({@code HTTPBadRequest}); {@code WSMessage.json} and {@code receiveJson} throw it as it is.
 */
public class JSONDecodeError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * A decode error.
     *
     * @param message what is wrong and where, in JSON terms
     * @param cause   the parser's exception, or null
     */
    public JSONDecodeError(String message, Throwable cause) {
        super(message, cause);
    }
}
