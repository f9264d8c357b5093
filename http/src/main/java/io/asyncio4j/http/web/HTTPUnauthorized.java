package io.asyncio4j.http.web;

/** 401 Unauthorized. */
public class HTTPUnauthorized extends HTTPClientError {
    public HTTPUnauthorized() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPUnauthorized(String text) {
        super(401, text);
    }
}
