package io.asyncio4j.net;

/**
 * CPython's {@code asyncio.BaseProtocol}: the callbacks a transport makes on the loop's thread. All methods have
 * empty defaults; implement what you need. Callbacks must not block: they run on the loop.
 */
public interface BaseProtocol {
    /**
     * The connection is made (CPython's {@code connection_made}). Called once, first.
     *
     * @param transport the way to write to the connection and to close it
     */
    default void connectionMade(Transport transport) {
    }

    /**
     * The connection is lost or closed: {@code exc} is null for a regular close or EOF, else the error. Called
     * once, last (CPython's {@code connection_lost}).
     *
     * @param exc null for a regular close or EOF, else the error
     */
    default void connectionLost(Throwable exc) {
    }

    /** The transport's write buffer went above its high water mark: stop writing until {@link #resumeWriting()}. */
    default void pauseWriting() {
    }

    /** The transport's write buffer drained to its low water mark. */
    default void resumeWriting() {
    }
}
