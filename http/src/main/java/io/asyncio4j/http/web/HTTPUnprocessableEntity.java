package io.asyncio4j.http.web;

/** 422 Unprocessable Content. */
public class HTTPUnprocessableEntity extends HTTPClientError {
    public HTTPUnprocessableEntity() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPUnprocessableEntity(String text) {
        super(422, text);
    }
}
