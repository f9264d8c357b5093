package io.asyncio4j.http.web;

/** 422 Unprocessable Content. */
public class HTTPUnprocessableEntity extends HTTPClientError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPUnprocessableEntity() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPUnprocessableEntity(String text) {
        super(422, text);
    }
}
