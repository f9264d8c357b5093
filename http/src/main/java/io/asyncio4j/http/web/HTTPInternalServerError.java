package io.asyncio4j.http.web;

/** 500 Internal Server Error (the answer to a handler's exception that is not an {@link HTTPException}). */
public class HTTPInternalServerError extends HTTPServerError {
    public HTTPInternalServerError() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPInternalServerError(String text) {
        super(500, text);
    }
}
