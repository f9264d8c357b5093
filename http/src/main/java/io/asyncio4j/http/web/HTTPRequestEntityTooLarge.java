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
     * A 413 with aiohttp's message, {@code Maximum request body size N exceeded, actual body size M}.
     *
     * @param maxSize    the limit, in bytes ({@link Application#clientMaxSize()})
     * @param actualSize what had been read when the limit was passed, in bytes
     */
    public HTTPRequestEntityTooLarge(long maxSize, long actualSize) {
        this(maxSize, actualSize, "actual");
    }

    private HTTPRequestEntityTooLarge(long maxSize, long size, String which) {
        super(413, "Maximum request body size " + maxSize + " exceeded, " + which + " body size " + size);
        this.maxSize = maxSize;
        this.actualSize = size;
    }

    /**
     * The 413 of a body refused unread, its {@code Content-Length} over the limit: the message says
     * {@code declared body size M}, not aiohttp's {@code actual}, since nothing was read.
     */
    static HTTPRequestEntityTooLarge declared(long maxSize, long declaredSize) {
        return new HTTPRequestEntityTooLarge(maxSize, declaredSize, "declared");
    }

    /** {@return the limit, in bytes} */
    public long maxSize() {
        return maxSize;
    }

    /**
     * {@return the size the message names, in bytes: what had been read when the limit was passed, or the declared
     * {@code Content-Length} of a body refused unread}
     */
    public long actualSize() {
        return actualSize;
    }
}
