package io.asyncio4j.http.web;

import java.util.Set;
import java.util.TreeSet;

/**
 * 405 Method Not Allowed: the path matches a route but not for this method. The {@code Allow} header lists the
 * methods that are (sorted, comma-separated, as aiohttp).
 */
public class HTTPMethodNotAllowed extends HTTPClientError {
    private final String method;
    private final Set<String> allowedMethods;

    public HTTPMethodNotAllowed(String method, java.util.Collection<String> allowedMethods) {
        this(method, allowedMethods, null);
    }

    public HTTPMethodNotAllowed(String method, java.util.Collection<String> allowedMethods, String text) {
        super(405, text);
        this.method = method;
        this.allowedMethods = java.util.Collections.unmodifiableSet(new TreeSet<>(allowedMethods));
        headers().set("Allow", String.join(",", this.allowedMethods));
    }

    /** The method the request used. */
    public String method() {
        return method;
    }

    /** The methods the path allows, sorted. */
    public Set<String> allowedMethods() {
        return allowedMethods;
    }

}
