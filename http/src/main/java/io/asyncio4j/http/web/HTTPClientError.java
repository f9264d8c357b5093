package io.asyncio4j.http.web;

/** aiohttp's {@code HTTPClientError}: 4xx. */
public abstract class HTTPClientError extends HTTPError {
    /**
     * For subclasses: an answer with {@code status}.
     *
     * @param status the HTTP status, 4xx
     * @param text   the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    protected HTTPClientError(int status, String text) {
        super(status, text);
    }
}
