package io.asyncio4j.net;

/** What {@link Net#createDatagramEndpoint} gives: the UDP transport and its protocol. */
public record Datagram<P extends DatagramProtocol>(DatagramTransport transport, P protocol) {
}
