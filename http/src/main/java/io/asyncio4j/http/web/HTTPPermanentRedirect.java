package io.asyncio4j.http.web;

/** 308 Permanent Redirect to {@code location} (the method is kept). */
public class HTTPPermanentRedirect extends HTTPMove {
    public HTTPPermanentRedirect(String location) {
        this(location, null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPPermanentRedirect(String location, String text) {
        super(308, location, text);
    }
}
