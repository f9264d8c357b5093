package io.asyncio4j.http.web;

/** aiohttp's {@code HTTPMove}: a redirect, with the target in the {@code Location} header. */
public abstract class HTTPMove extends HTTPRedirection {
    private final String location;

    /** @throws IllegalArgumentException if {@code location} is null or empty (aiohttp's rule) */
    protected HTTPMove(int status, String location, String text) {
        super(status, text);
        if (location == null || location.isEmpty()) {
            throw new IllegalArgumentException("HTTP redirects need a location to redirect to");
        }
        this.location = location;
        headers().set("Location", location);
    }

    /** The target of the redirect. */
    public String location() {
        return location;
    }
}
