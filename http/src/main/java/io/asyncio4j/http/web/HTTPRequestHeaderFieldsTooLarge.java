package io.asyncio4j.http.web;

/** 431 Request Header Fields Too Large. */
public class HTTPRequestHeaderFieldsTooLarge extends HTTPClientError {
    public HTTPRequestHeaderFieldsTooLarge() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPRequestHeaderFieldsTooLarge(String text) {
        super(431, text);
    }
}
