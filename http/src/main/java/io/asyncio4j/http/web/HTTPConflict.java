package io.asyncio4j.http.web;

/** 409 Conflict. */
public class HTTPConflict extends HTTPClientError {
    public HTTPConflict() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPConflict(String text) {
        super(409, text);
    }
}
