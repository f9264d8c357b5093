package io.asyncio4j.http.web;

/** 408 Request Timeout (the server answers it to a client too slow to send its head). */
public class HTTPRequestTimeout extends HTTPClientError {
    public HTTPRequestTimeout() {
        this(null);
    }

    /** With {@code text} as the body (null: the default). */
    public HTTPRequestTimeout(String text) {
        super(408, text);
    }
}
