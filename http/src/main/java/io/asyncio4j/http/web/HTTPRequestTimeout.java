package io.asyncio4j.http.web;

/** 408 Request Timeout (the server answers it to a client too slow to send its head). */
public class HTTPRequestTimeout extends HTTPClientError {
    /** With the default body, {@code "<status>: <reason>"}. */
    public HTTPRequestTimeout() {
        this(null);
    }

    /**
     * With {@code text} as the body.
     *
     * @param text the body text and message; null for the default, {@code "<status>: <reason>"}
     */
    public HTTPRequestTimeout(String text) {
        super(408, text);
    }
}
