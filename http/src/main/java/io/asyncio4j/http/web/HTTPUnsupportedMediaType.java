package io.asyncio4j.http.web;

/** 415 Unsupported Media Type. */
public class HTTPUnsupportedMediaType extends HTTPClientError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPUnsupportedMediaType() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPUnsupportedMediaType(String text) {
        super(415, text);
    }
}
