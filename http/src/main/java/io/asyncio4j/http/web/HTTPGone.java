package io.asyncio4j.http.web;

/** 410 Gone. */
public class HTTPGone extends HTTPClientError {
    public HTTPGone() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPGone(String text) {
        super(410, text);
    }
}
