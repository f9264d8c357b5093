package io.asyncio4j.net;

import java.nio.ByteBuffer;

/**
 * CPython's {@code asyncio.BufferedProtocol}: the transport reads straight into a buffer the protocol provides,
 * without an array per read.
 */
public interface BufferedProtocol extends BaseProtocol {
    /**
     * CPython's {@code get_buffer}: a buffer for the transport's next read.
     *
     * @param sizeHint -1, or a size the transport suggests; advisory
     * @return a buffer with room to read into, from its position onwards, at least one byte
     */
    ByteBuffer getBuffer(int sizeHint);

    /**
     * CPython's {@code buffer_updated}: bytes were read into the last buffer, which now has its position advanced
     * past them.
     *
     * @param nbytes how many bytes were read
     */
    void bufferUpdated(int nbytes);

    /**
     * As {@link Protocol#eofReceived()}.
     *
     * @return true to keep the connection half-open, false (the default) to close the transport
     */
    default boolean eofReceived() {
        return false;
    }
}
