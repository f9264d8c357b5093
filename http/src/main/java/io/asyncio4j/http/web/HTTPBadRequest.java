package io.asyncio4j.http.web;

/** 400 Bad Request. */
public class HTTPBadRequest extends HTTPClientError {
    public HTTPBadRequest() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPBadRequest(String text) {
        super(400, text);
    }
}
