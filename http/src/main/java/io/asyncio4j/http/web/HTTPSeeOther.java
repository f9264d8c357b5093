package io.asyncio4j.http.web;

/** 303 See Other: {@code location}. */
public class HTTPSeeOther extends HTTPMove {
    public HTTPSeeOther(String location) {
        this(location, null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPSeeOther(String location, String text) {
        super(303, location, text);
    }
}
