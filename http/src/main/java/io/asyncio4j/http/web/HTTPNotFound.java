package io.asyncio4j.http.web;

/** 404 Not Found: no route matches the path (the router throws it). */
public class HTTPNotFound extends HTTPClientError {
    public HTTPNotFound() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPNotFound(String text) {
        super(404, text);
    }
}
