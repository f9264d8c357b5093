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
 * the awaiting task is cancelled, which closes it. {@link #closeClients()} and {@link #abortClients()} (CPython
 * 3.13) end the connections: each handler's reader then sees end of file. Methods are for the loop's thread. The
 * implementation is {@link AbstractServer}'s, which {@link io.asyncio4j.net.Net#createServer} returns for protocols
 * of any kind.
 *
 * <p>A server that ends its clients on Ctrl-C ({@code Asyncio.run} cancels the main task on SIGINT), as CPython
 * 3.13's {@code close(); close_clients(); await wait_closed()}:
 *
 * <pre>{@code
 * Server server = Streams.startServer(chat::handle, "127.0.0.1", 8888).await();
 * try {
 *     server.waitClosed().await();     // serves until Ctrl-C cancels the main task
 * } finally {
 *     server.close();
 *     server.closeClients();           // each handler reads end of file, says goodbye and returns
 *     server.waitClosed().await();
 * }
 * }</pre>
 */
public final class Server extends AbstractServer {
    /** A server for {@link Streams#startServer}, bound by its {@code listen}. */
    Server(Supplier<? extends BaseProtocol> factory, int backlog, TlsOptions tls) {
        super(factory, backlog, tls);
    }

    /** As above, with {@code SO_KEEPALIVE} on accepted connections if {@code keepAlive}. */
    Server(Supplier<? extends BaseProtocol> factory, int backlog, TlsOptions tls, boolean keepAlive) {
        super(factory, backlog, tls, keepAlive);
    }

    /** As above, with {@code SO_REUSEPORT} on the listening sockets if {@code reusePort}. */
    Server(Supplier<? extends BaseProtocol> factory, int backlog, TlsOptions tls, boolean keepAlive,
           boolean reusePort) {
        super(factory, backlog, tls, keepAlive, reusePort);
    }

    /** {@link AbstractServer#listen}, for {@link Streams} in this package. */
    Coro<Void> bind(List<String> hosts, int port) {
        return listen(hosts, port);
    }

    /** {@link AbstractServer#listenUnix}, for {@link Streams} in this package. */
    Coro<Void> bindUnix(java.nio.file.Path path) {
        return listenUnix(path);
    }
}
