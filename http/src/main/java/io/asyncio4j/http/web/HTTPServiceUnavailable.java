package io.asyncio4j.http.web;

/** 503 Service Unavailable. */
public class HTTPServiceUnavailable extends HTTPServerError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPServiceUnavailable() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPServiceUnavailable(String text) {
        super(503, text);
    }
}
