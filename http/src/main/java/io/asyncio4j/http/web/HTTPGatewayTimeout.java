package io.asyncio4j.http.web;

/** 504 Gateway Timeout. */
public class HTTPGatewayTimeout extends HTTPServerError {
    public HTTPGatewayTimeout() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPGatewayTimeout(String text) {
        super(504, text);
    }
}
