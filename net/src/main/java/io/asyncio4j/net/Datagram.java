package io.asyncio4j.net;

/**
 * What {@link Net#createDatagramEndpoint} gives: the UDP transport and its protocol (CPython's
 * {@code (transport, protocol)} pair).
 *
 * @param <P> the protocol's type
 * @param transport the endpoint's transport, bound to the loop that created it
 * @param protocol the protocol the transport calls, already past its {@code connectionMade}
 */
public record Datagram<P extends DatagramProtocol>(DatagramTransport transport, P protocol) {
}
