package io.asyncio4j.net;

import java.net.InetSocketAddress;

/** CPython's {@code asyncio.DatagramProtocol}: callbacks of a UDP endpoint, on the loop's thread. */
public interface DatagramProtocol {
    /**
     * The endpoint is ready (CPython's {@code connection_made}). Called once, first.
     *
     * @param transport the way to send and to close the endpoint
     */
    default void connectionMade(DatagramTransport transport) {
    }

    /**
     * A datagram arrived (CPython's {@code datagram_received}).
     *
     * @param data the datagram; the array is the protocol's to keep
     * @param addr the sender
     */
    default void datagramReceived(byte[] data, InetSocketAddress addr) {
    }

    /**
     * A send or receive failed (say, ICMP port unreachable on a connected endpoint); the endpoint stays open.
     * CPython's {@code error_received}.
     *
     * @param exc the failure
     */
    default void errorReceived(Exception exc) {
    }

    /**
     * The endpoint is closed (CPython's {@code connection_lost}). Called once, last.
     *
     * @param exc null for a regular close, else the error
     */
    default void connectionLost(Throwable exc) {
    }
}
