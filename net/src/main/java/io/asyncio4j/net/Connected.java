package io.asyncio4j.net;

/**
 * What {@link Net#createConnection} gives: the transport and the protocol it calls (CPython's
 * {@code (transport, protocol)} pair).
 *
 * @param <P> the protocol's type
 * @param transport the connection's transport (the TLS one for a TLS connection), bound to the loop that created it
 * @param protocol the protocol the transport calls, already past its {@code connectionMade}
 */
public record Connected<P extends BaseProtocol>(Transport transport, P protocol) {
}
