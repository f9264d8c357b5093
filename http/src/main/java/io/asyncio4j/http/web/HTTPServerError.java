package io.asyncio4j.http.web;

/** aiohttp's {@code HTTPServerError}: 5xx. */
public abstract class HTTPServerError extends HTTPError {
    /**
     * For subclasses: an answer with {@code status}.
     *
     * @param status the HTTP status, 5xx
     * @param text   the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    protected HTTPServerError(int status, String text) {
        super(status, text);
    }
}
