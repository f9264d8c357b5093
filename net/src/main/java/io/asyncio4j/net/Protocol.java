package io.asyncio4j.net;

/** CPython's {@code asyncio.Protocol}: a stream protocol that receives data as byte arrays. */
public interface Protocol extends BaseProtocol {
    /**
     * Some data arrived (CPython's {@code data_received}).
     *
     * @param data the bytes; the array is the protocol's to keep
     */
    default void dataReceived(byte[] data) {
    }

    /**
     * The peer closed its side (EOF). Return true to keep the connection half-open (this side may still write and
     * must close the transport itself); false (the default) closes the transport. CPython's {@code eof_received}.
     *
     * @return true to keep the connection half-open, false to close the transport
     */
    default boolean eofReceived() {
        return false;
    }
}
