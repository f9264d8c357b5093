package io.asyncio4j.http.web;

/** 501 Not Implemented. */
public class HTTPNotImplemented extends HTTPServerError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPNotImplemented() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPNotImplemented(String text) {
        super(501, text);
    }
}
