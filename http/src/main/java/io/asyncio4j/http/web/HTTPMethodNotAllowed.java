package io.asyncio4j.http.web;

import java.util.Set;
import java.util.TreeSet;

/**
 * 405 Method Not Allowed: the path matches a route but not for this method. The {@code Allow} header lists the
 * methods that are (sorted, comma-separated, as aiohttp).
 */
public class HTTPMethodNotAllowed extends HTTPClientError {
    /** The method the request used. */
    private final String method;
    /** The methods the path allows. */
    private final Set<String> allowedMethods;

    /**
     * A 405 for {@code method}, with the default body and an {@code Allow} header.
     *
     * @param method         the method the request used
     * @param allowedMethods the methods the path allows; copied and sorted
     * @throws NullPointerException if {@code allowedMethods} is null or holds null
     */
    public HTTPMethodNotAllowed(String method, java.util.Collection<String> allowedMethods) {
        this(method, allowedMethods, null);
    }

    /**
     * A 405 for {@code method}, with {@code text} as the body and an {@code Allow} header.
     *
     * @param method         the method the request used
     * @param allowedMethods the methods the path allows; copied and sorted
     * @param text           the body text and message; null for the default, {@code "405: Method Not Allowed"}
     * @throws NullPointerException if {@code allowedMethods} is null or holds null
     */
    public HTTPMethodNotAllowed(String method, java.util.Collection<String> allowedMethods, String text) {
        super(405, text);
        this.method = method;
        this.allowedMethods = java.util.Collections.unmodifiableSet(new TreeSet<>(allowedMethods));
        headers().set("Allow", String.join(",", this.allowedMethods));
    }

    /** {@return the method the request used} */
    public String method() {
        return method;
    }

    /** {@return the methods the path allows, sorted; an unmodifiable set} */
    public Set<String> allowedMethods() {
        return allowedMethods;
    }

}
