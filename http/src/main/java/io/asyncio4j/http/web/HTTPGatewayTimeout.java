package io.asyncio4j.http.web;

/** 504 Gateway Timeout. */
public class HTTPGatewayTimeout extends HTTPServerError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPGatewayTimeout() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPGatewayTimeout(String text) {
        super(504, text);
    }
}
