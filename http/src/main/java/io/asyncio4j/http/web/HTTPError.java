package io.asyncio4j.http.web;

/** aiohttp's {@code HTTPError}: an answer that reports an error (4xx, 5xx). */
public abstract class HTTPError extends HTTPException {
    /**
     * For subclasses: an answer with {@code status}.
     *
     * @param status the HTTP status, 4xx or 5xx
     * @param text   the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    protected HTTPError(int status, String text) {
        super(status, text);
    }
}
