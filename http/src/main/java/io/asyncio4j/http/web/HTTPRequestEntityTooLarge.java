package io.asyncio4j.http.web;

/**
 * 413 Content Too Large: the request's body is larger than the application's {@code clientMaxSize}
 * ({@link Request#read()} throws it). The server closes the connection after answering it.
 */
public class HTTPRequestEntityTooLarge extends HTTPClientError {
    /** The limit, in bytes. */
    private final long maxSize;
    /** The size that passed it, in bytes. */
    private final long actualSize;

    /**
     * A 413 with aiohttp's message.
     *
     * @param maxSize    the limit, in bytes ({@link Application#clientMaxSize()})
     * @param actualSize what arrived (or was declared) when the limit was passed, in bytes
     */
    public HTTPRequestEntityTooLarge(long maxSize, long actualSize) {
        super(413, "Maximum request body size " + maxSize + " exceeded, actual body size " + actualSize);
        this.maxSize = maxSize;
        this.actualSize = actualSize;
    }

    /** {@return the limit, in bytes} */
    public long maxSize() {
        return maxSize;
    }

    /** {@return what arrived (or was declared) when the limit was passed, in bytes} */
    public long actualSize() {
        return actualSize;
    }
}
