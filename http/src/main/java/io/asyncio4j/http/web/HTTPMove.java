package io.asyncio4j.http.web;

/** aiohttp's {@code HTTPMove}: a redirect, with the target in the {@code Location} header. */
public abstract class HTTPMove extends HTTPRedirection {
    /** The target of the redirect. */
    private final String location;

    /**
     * For subclasses: a redirect with {@code status} to {@code location}, set as the {@code Location} header.
     *
     * @param status   the HTTP status, 3xx
     * @param location the target; not empty
     * @param text     the body text and message; null for the default, {@code "<status>: <reason>"}
     * @throws IllegalArgumentException if {@code location} is null or empty (aiohttp's rule)
     */
    protected HTTPMove(int status, String location, String text) {
        super(status, text);
        if (location == null || location.isEmpty()) {
            throw new IllegalArgumentException("HTTP redirects need a location to redirect to");
        }
        this.location = location;
        headers().set("Location", location);
    }

    /** {@return the target of the redirect} */
    public String location() {
        return location;
    }
}
