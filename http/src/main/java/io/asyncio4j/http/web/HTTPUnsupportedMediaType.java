package io.asyncio4j.http.web;

/** 415 Unsupported Media Type. */
public class HTTPUnsupportedMediaType extends HTTPClientError {
    public HTTPUnsupportedMediaType() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPUnsupportedMediaType(String text) {
        super(415, text);
    }
}
