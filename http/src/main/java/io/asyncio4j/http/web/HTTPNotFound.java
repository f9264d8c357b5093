package io.asyncio4j.http.web;

/** 404 Not Found: no route matches the path (the router throws it). */
public class HTTPNotFound extends HTTPClientError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPNotFound() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPNotFound(String text) {
        super(404, text);
    }
}
