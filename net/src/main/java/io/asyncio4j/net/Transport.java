package io.asyncio4j.net;

/**
 * CPython's {@code asyncio.Transport}: one end of a connection, driven by the loop. Methods are for the loop's thread
 * and never block: {@link #write} sends what it can at once and buffers the rest, which the loop sends as the peer
 * accepts it. When the buffer goes above the high water mark (64 KiB by default) the protocol's
 * {@link BaseProtocol#pauseWriting()} is called; when it drains to the low mark (16 KiB),
 * {@link BaseProtocol#resumeWriting()}. In this library's transports an exception from either goes to the loop's
 * exception handler ({@code "protocol.pause_writing() failed"}, {@code "protocol.resume_writing() failed"}), not to
 * the caller of {@link #write}.
 */
public interface Transport {
    /**
     * CPython's {@code write}: sends {@code data}, at once as far as the socket takes it, buffering the rest
     * (copied, so the caller may reuse the array). Never blocks and never waits: watch the water marks, or use a
     * {@link io.asyncio4j.streams.StreamWriter}'s {@code drain()}.
     *
     * @param data the bytes to send
     * @throws IllegalStateException after {@link #writeEof()}
     */
    void write(byte[] data);

    /**
     * Sends the bytes remaining in {@code data} (from its position to its limit), as {@link #write(byte[])}: at
     * once as far as the socket takes them, the rest copied and buffered. When it returns, {@code data}'s position
     * is at its limit and the caller may change or reuse the buffer (its contents were sent or copied). Transports
     * that send from a buffer of their own copy it all; {@link SocketTransport} sends straight from {@code data},
     * so a direct buffer goes to the kernel without a copy. Never blocks and never waits.
     *
     * <p>This default copies the remaining bytes into an array and calls {@link #write(byte[])}.
     *
     * @param data the bytes to send, from its position to its limit
     * @throws IllegalStateException after {@link #writeEof()}
     */
    default void write(java.nio.ByteBuffer data) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        write(b);
    }

    /**
     * CPython's {@code writelines}: sends each array in turn, as {@link #write(byte[])}.
     *
     * @param data the arrays to send
     */
    default void writelines(Iterable<byte[]> data) {
        for (byte[] d : data) {
            write(d);
        }
    }

    /**
     * CPython's {@code write_eof}: closes this side for writing once the buffer is sent (half-close); reading goes
     * on.
     */
    void writeEof();

    /**
     * CPython's {@code can_write_eof}.
     *
     * @return whether {@link #writeEof()} is supported (not over TLS, which has no half-close)
     */
    boolean canWriteEof();

    /**
     * CPython's {@code close}: closes the connection once the buffer is sent; no more data is received, and the
     * protocol's {@code connectionLost} is called (with null) when it is done. Idempotent.
     */
    void close();

    /**
     * CPython's {@code abort}: closes at once, dropping buffered data; the protocol's {@code connectionLost} gets
     * null.
     */
    void abort();

    /**
     * CPython's {@code is_closing}.
     *
     * @return whether the transport is closing or closed
     */
    boolean isClosing();

    /**
     * CPython's {@code pause_reading}: stops calling the protocol with data until {@link #resumeReading()}.
     * Idempotent.
     */
    void pauseReading();

    /**
     * CPython's {@code resume_reading}: calls the protocol with data again after {@link #pauseReading()}.
     * Idempotent.
     */
    void resumeReading();

    /**
     * CPython's {@code is_reading}.
     *
     * @return whether the transport is reading: not paused and not closing
     */
    boolean isReading();

    /**
     * Sets the water marks (bytes), CPython's {@code set_write_buffer_limits}; if the buffer is already above the new
     * high mark, the protocol's {@link BaseProtocol#pauseWriting()} is called at once.
     *
     * @param high the high water mark, in bytes
     * @param low the low water mark, in bytes
     * @throws IllegalArgumentException unless {@code high >= low >= 0}, with CPython's message,
     *         such as {@code "high (1) must be >= low (2) must be >= 0"}
     */
    void setWriteBufferLimits(int high, int low);

    /**
     * Bytes buffered, not yet sent: what the water marks are compared with.
     *
     * @return the size of the write buffer, in bytes
     */
    int getWriteBufferSize();

    /**
     * Information about the connection, by CPython's names: {@code "peername"} and {@code "sockname"}
     * ({@link java.net.InetSocketAddress}es; over a Unix domain socket {@link java.net.UnixDomainSocketAddress}es,
     * the path on the side that listens, an empty one on the other), {@code "socket"} (the channel); over TLS also {@code "sslcontext"}
     * (the {@link javax.net.ssl.SSLContext}), {@code "ssl_object"} (the {@link javax.net.ssl.SSLEngine}),
     * {@code "cipher"} (the cipher suite's name) and {@code "peercert"} (the peer's
     * {@link java.security.cert.Certificate}, null if it sent none). CPython's {@code get_extra_info}.
     *
     * @param name the name of the item
     * @return the item, or null for an unknown name
     */
    Object getExtraInfo(String name);

    /**
     * CPython's {@code get_protocol}.
     *
     * @return the protocol this transport calls
     */
    BaseProtocol getProtocol();

    /**
     * Makes the transport call {@code protocol} from now on (CPython's {@code set_protocol}; used by
     * {@link Net#startTls}). The new protocol gets no {@code connectionMade}.
     *
     * @param protocol the protocol to call
     */
    void setProtocol(BaseProtocol protocol);
}
