package io.asyncio4j.http.web;

/** 302 Found: a redirect to {@code location}. */
public class HTTPFound extends HTTPMove {
    public HTTPFound(String location) {
        this(location, null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPFound(String location, String text) {
        super(302, location, text);
    }
}
