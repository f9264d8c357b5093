package io.asyncio4j.http.web;

/** 431 Request Header Fields Too Large. */
public class HTTPRequestHeaderFieldsTooLarge extends HTTPClientError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPRequestHeaderFieldsTooLarge() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPRequestHeaderFieldsTooLarge(String text) {
        super(431, text);
    }
}
