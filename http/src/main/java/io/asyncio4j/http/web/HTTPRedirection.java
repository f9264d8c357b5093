package io.asyncio4j.http.web;

/** aiohttp's {@code HTTPRedirection}: 3xx. */
public abstract class HTTPRedirection extends HTTPException {
    protected HTTPRedirection(int status, String text) {
        super(status, text);
    }
}
