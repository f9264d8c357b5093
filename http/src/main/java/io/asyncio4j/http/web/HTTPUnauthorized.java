package io.asyncio4j.http.web;

/** 401 Unauthorized. */
public class HTTPUnauthorized extends HTTPClientError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPUnauthorized() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPUnauthorized(String text) {
        super(401, text);
    }
}
