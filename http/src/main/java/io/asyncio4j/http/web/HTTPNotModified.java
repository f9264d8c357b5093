package io.asyncio4j.http.web;

/** 304 Not Modified (no body). */
public class HTTPNotModified extends HTTPRedirection {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPNotModified() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPNotModified(String text) {
        super(304, text);
    }
}
