package io.asyncio4j.streams;

import io.asyncio4j.Coro;
import io.asyncio4j.net.AbstractServer;
import io.asyncio4j.net.BaseProtocol;
import io.asyncio4j.net.TlsOptions;
import java.util.List;
import java.util.function.Supplier;

/**
 * CPython's {@code asyncio.Server} as {@link Streams#startServer} returns it: listening sockets on a loop, each
 * accepted connection served by a new task running the handler with the connection's reader and writer. It is
 * serving when {@code startServer}'s await returns.
 *
 * <p>{@link #close()} stops accepting and closes the listening sockets; connections already accepted go on until
 * they end. {@link #waitClosed()} then waits for them. {@link #serveForever()} waits until the server is closed or
 * the awaiting task is cancelled, which closes it. Methods are for the loop's thread. The implementation is
 * {@link AbstractServer}'s, which {@link io.asyncio4j.net.Net#createServer} returns for protocols of any kind.
 */
public final class Server extends AbstractServer {
    /** A server for {@link Streams#startServer}, bound by its {@code listen}. */
    Server(Supplier<? extends BaseProtocol> factory, int backlog, TlsOptions tls) {
        super(factory, backlog, tls);
    }

    /** {@link AbstractServer#listen}, for {@link Streams} in this package. */
    Coro<Void> bind(List<String> hosts, int port) {
        return listen(hosts, port);
    }
}
