package io.asyncio4j.http.web;

/** 500 Internal Server Error (the answer to a handler's exception that is not an {@link HTTPException}). */
public class HTTPInternalServerError extends HTTPServerError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPInternalServerError() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPInternalServerError(String text) {
        super(500, text);
    }
}
