package io.asyncio4j.http.web;

/** 503 Service Unavailable. */
public class HTTPServiceUnavailable extends HTTPServerError {
    public HTTPServiceUnavailable() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPServiceUnavailable(String text) {
        super(503, text);
    }
}
