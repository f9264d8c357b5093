package io.asyncio4j.http.web;

/** 429 Too Many Requests. */
public class HTTPTooManyRequests extends HTTPClientError {
    public HTTPTooManyRequests() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPTooManyRequests(String text) {
        super(429, text);
    }
}
