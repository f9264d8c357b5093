package io.asyncio4j.http.web;

/** 307 Temporary Redirect to {@code location} (the method is kept). */
public class HTTPTemporaryRedirect extends HTTPMove {
    /**
     * A redirect to {@code location}, with the default body.
     *
     * @param location the target, sent as the {@code Location} header; not empty
     * @throws IllegalArgumentException if {@code location} is null or empty
     */
    public HTTPTemporaryRedirect(String location) {
        this(location, null);
    }

    /**
     * A redirect to {@code location}, with {@code text} as the body.
     *
     * @param location the target, sent as the {@code Location} header; not empty
     * @param text     the body text and message; null for the default, {@code "<status>: <reason>"}
     * @throws IllegalArgumentException if {@code location} is null or empty
     */
    public HTTPTemporaryRedirect(String location, String text) {
        super(307, location, text);
    }
}
