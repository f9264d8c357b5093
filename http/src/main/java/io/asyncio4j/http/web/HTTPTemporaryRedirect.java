package io.asyncio4j.http.web;

/** 307 Temporary Redirect to {@code location} (the method is kept). */
public class HTTPTemporaryRedirect extends HTTPMove {
    public HTTPTemporaryRedirect(String location) {
        this(location, null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPTemporaryRedirect(String location, String text) {
        super(307, location, text);
    }
}
