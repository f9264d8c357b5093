package io.asyncio4j.http.web;

/** 410 Gone. */
public class HTTPGone extends HTTPClientError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPGone() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPGone(String text) {
        super(410, text);
    }
}
