package io.asyncio4j.net;

import java.nio.ByteBuffer;

/**
 * CPython's {@code asyncio.BufferedProtocol}: the transport reads straight into a buffer the protocol provides,
 * without an array per read.
 */
public interface BufferedProtocol extends BaseProtocol {
    /** A buffer with room to read into (its position onwards, at least one byte); {@code sizeHint} is -1 or advisory. */
    ByteBuffer getBuffer(int sizeHint);

    /** {@code nbytes} were read into the last buffer, which now has its position advanced past them. */
    void bufferUpdated(int nbytes);

    /** As {@link Protocol#eofReceived()}. */
    default boolean eofReceived() {
        return false;
    }
}
