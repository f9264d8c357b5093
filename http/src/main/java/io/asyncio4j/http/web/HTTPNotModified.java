package io.asyncio4j.http.web;

/** 304 Not Modified (no body). */
public class HTTPNotModified extends HTTPRedirection {
    public HTTPNotModified() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPNotModified(String text) {
        super(304, text);
    }
}
