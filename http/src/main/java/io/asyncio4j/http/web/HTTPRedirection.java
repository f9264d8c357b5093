package io.asyncio4j.http.web;

/** aiohttp's {@code HTTPRedirection}: 3xx. */
public abstract class HTTPRedirection extends HTTPException {
    /**
     * For subclasses: an answer with {@code status}.
     *
     * @param status the HTTP status, 3xx
     * @param text   the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    protected HTTPRedirection(int status, String text) {
        super(status, text);
    }
}
