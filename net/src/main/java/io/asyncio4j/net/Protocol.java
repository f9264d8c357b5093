package io.asyncio4j.net;

/** CPython's {@code asyncio.Protocol}: a stream protocol that receives data as byte arrays. */
public interface Protocol extends BaseProtocol {
    /** Some data arrived; the array is the protocol's to keep. */
    default void dataReceived(byte[] data) {
    }

    /**
     * The peer closed its side (EOF). Return true to keep the connection half-open (this side may still write and
     * must close the transport itself); false (the default) closes the transport.
     */
    default boolean eofReceived() {
        return false;
    }
}
