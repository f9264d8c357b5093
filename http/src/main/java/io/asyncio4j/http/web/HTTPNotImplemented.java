package io.asyncio4j.http.web;

/** 501 Not Implemented. */
public class HTTPNotImplemented extends HTTPServerError {
    public HTTPNotImplemented() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPNotImplemented(String text) {
        super(501, text);
    }
}
