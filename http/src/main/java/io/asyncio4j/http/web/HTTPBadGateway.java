package io.asyncio4j.http.web;

/** 502 Bad Gateway. */
public class HTTPBadGateway extends HTTPServerError {
    public HTTPBadGateway() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPBadGateway(String text) {
        super(502, text);
    }
}
