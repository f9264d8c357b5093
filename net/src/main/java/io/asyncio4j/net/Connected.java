package io.asyncio4j.net;

/** What {@link Net#createConnection} gives: the transport and the protocol it calls. */
public record Connected<P extends BaseProtocol>(Transport transport, P protocol) {
}
