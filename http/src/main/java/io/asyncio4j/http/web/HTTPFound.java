package io.asyncio4j.http.web;

/** 302 Found: a redirect to {@code location}. */
public class HTTPFound extends HTTPMove {
    /**
     * A redirect to {@code location}, with the default body.
     *
     * @param location the target, sent as the {@code Location} header; not empty
     * @throws IllegalArgumentException if {@code location} is null or empty
     */
    public HTTPFound(String location) {
        this(location, null);
    }

    /**
     * A redirect to {@code location}, with {@code text} as the body.
     *
     * @param location the target, sent as the {@code Location} header; not empty
     * @param text     the body text and message; null for the default, {@code "<status>: <reason>"}
     * @throws IllegalArgumentException if {@code location} is null or empty
     */
    public HTTPFound(String location, String text) {
        super(302, location, text);
    }
}
