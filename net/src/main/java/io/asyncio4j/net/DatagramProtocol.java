package io.asyncio4j.net;

import java.net.InetSocketAddress;

/** CPython's {@code asyncio.DatagramProtocol}: callbacks of a UDP endpoint, on the loop's thread. */
public interface DatagramProtocol {
    /** The endpoint is ready. */
    default void connectionMade(DatagramTransport transport) {
    }

    /** A datagram arrived from {@code addr}; the array is the protocol's to keep. */
    default void datagramReceived(byte[] data, InetSocketAddress addr) {
    }

    /** A send or receive failed (say, ICMP port unreachable on a connected endpoint); the endpoint stays open. */
    default void errorReceived(Exception exc) {
    }

    /** The endpoint is closed; {@code exc} is null for a regular close. */
    default void connectionLost(Throwable exc) {
    }
}
