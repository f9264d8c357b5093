package io.asyncio4j.http.web;

/** 403 Forbidden. */
public class HTTPForbidden extends HTTPClientError {
    public HTTPForbidden() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPForbidden(String text) {
        super(403, text);
    }
}
