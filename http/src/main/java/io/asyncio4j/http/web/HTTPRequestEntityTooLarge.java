package io.asyncio4j.http.web;

/**
 * 413 Content Too Large: the request's body is larger than the application's {@code clientMaxSize}
 * ({@link Request#read()} throws it). The server closes the connection after answering it.
 */
public class HTTPRequestEntityTooLarge extends HTTPClientError {
    private final long maxSize;
    private final long actualSize;

    /** {@code actualSize} is what arrived (or was declared) when the limit was passed. */
    public HTTPRequestEntityTooLarge(long maxSize, long actualSize) {
        super(413, "Maximum request body size " + maxSize + " exceeded, actual body size " + actualSize);
        this.maxSize = maxSize;
        this.actualSize = actualSize;
    }

    public long maxSize() {
        return maxSize;
    }

    public long actualSize() {
        return actualSize;
    }
}
