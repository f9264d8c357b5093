package io.asyncio4j.http.web;

/** aiohttp's {@code HTTPError}: an answer that reports an error (4xx, 5xx). */
public abstract class HTTPError extends HTTPException {
    protected HTTPError(int status, String text) {
        super(status, text);
    }
}
