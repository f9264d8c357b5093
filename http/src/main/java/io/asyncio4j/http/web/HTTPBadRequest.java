package io.asyncio4j.http.web;

/** 400 Bad Request. */
public class HTTPBadRequest extends HTTPClientError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPBadRequest() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPBadRequest(String text) {
        super(400, text);
    }
}
