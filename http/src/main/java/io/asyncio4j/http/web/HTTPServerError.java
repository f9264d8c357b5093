package io.asyncio4j.http.web;

/** aiohttp's {@code HTTPServerError}: 5xx. */
public abstract class HTTPServerError extends HTTPError {
    protected HTTPServerError(int status, String text) {
        super(status, text);
    }
}
