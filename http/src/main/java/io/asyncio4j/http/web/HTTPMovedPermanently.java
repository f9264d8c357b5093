package io.asyncio4j.http.web;

/** 301 Moved Permanently to {@code location}. */
public class HTTPMovedPermanently extends HTTPMove {
    public HTTPMovedPermanently(String location) {
        this(location, null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPMovedPermanently(String location, String text) {
        super(301, location, text);
    }
}
