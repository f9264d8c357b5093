package io.asyncio4j.http.web;

/** aiohttp's {@code HTTPClientError}: 4xx. */
public abstract class HTTPClientError extends HTTPError {
    protected HTTPClientError(int status, String text) {
        super(status, text);
    }
}
