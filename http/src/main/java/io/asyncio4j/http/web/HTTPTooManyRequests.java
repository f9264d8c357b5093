package io.asyncio4j.http.web;

/** 429 Too Many Requests. */
public class HTTPTooManyRequests extends HTTPClientError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPTooManyRequests() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPTooManyRequests(String text) {
        super(429, text);
    }
}
