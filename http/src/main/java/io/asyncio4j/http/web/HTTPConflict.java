package io.asyncio4j.http.web;

/** 409 Conflict. */
public class HTTPConflict extends HTTPClientError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPConflict() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPConflict(String text) {
        super(409, text);
    }
}
