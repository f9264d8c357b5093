package io.asyncio4j.net;

import java.util.function.Supplier;

/** The server {@link Net#createServer} returns: {@link AbstractServer} with nothing added. */
final class ProtocolServer extends AbstractServer {
    ProtocolServer(Supplier<? extends BaseProtocol> factory, int backlog, TlsOptions tls, boolean keepAlive,
                   boolean reusePort) {
        super(factory, backlog, tls, keepAlive, reusePort);
    }
}
