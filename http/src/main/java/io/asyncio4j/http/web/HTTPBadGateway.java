package io.asyncio4j.http.web;

/** 502 Bad Gateway. */
public class HTTPBadGateway extends HTTPServerError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPBadGateway() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPBadGateway(String text) {
        super(502, text);
    }
}
