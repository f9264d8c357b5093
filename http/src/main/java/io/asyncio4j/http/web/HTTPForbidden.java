package io.asyncio4j.http.web;

/** 403 Forbidden. */
public class HTTPForbidden extends HTTPClientError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPForbidden() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPForbidden(String text) {
        super(403, text);
    }
}
