package io.asyncio4j.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Future;
import io.asyncio4j.net.AbstractServer;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Servers with {@code keepAlive}: CPython 3.13's {@code start_server(..., keep_alive=True)} and
 * {@code create_server(..., keep_alive=True)}, checked against CPython 3.13.0's output. No sleeps, so real time.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerKeepAliveTest {
    static boolean keepAliveOf(Object socket) {
        try {
            return ((SocketChannel) socket).getOption(StandardSocketOptions.SO_KEEPALIVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a stream server (keepAlive null: the old general form), connects once, returns the accepted option. */
    static Coro<Boolean> acceptedKeepAlive(Boolean keepAlive) {
        return () -> {
            Future<Boolean> seen = Asyncio.getRunningLoop().createFuture();
            ConnectionHandler handler = (r, w) -> {
                seen.setResult(keepAliveOf(w.getExtraInfo("socket")));
                w.close();
            };
            List<String> hosts = List.of("127.0.0.1");
            Server server = keepAlive == null
                    ? Streams.startServer(handler, hosts, 0, 100, StreamReader.DEFAULT_LIMIT, null).await()
                    : Streams.startServer(handler, hosts, 0, 100, StreamReader.DEFAULT_LIMIT, null, keepAlive)
                            .await();
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            boolean on = seen.await();
            c.writer().close();
            server.close();
            server.waitClosed().await();
            return on;
        };
    }

    /*
     * CPython 3.13.0:
     *
     * for ka in (None, True, False):
     *     async def handler(r, w):
     *         s = w.get_extra_info('socket')
     *         seen.set_result(s.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) != 0); w.close()
     *     srv = await asyncio.start_server(handler, '127.0.0.1', 0, **({} if ka is None else {'keep_alive': ka}))
     *     r, w = await asyncio.open_connection('127.0.0.1', srv.sockets[0].getsockname()[1])
     *     print(f"keep_alive={ka}: accepted SO_KEEPALIVE={await seen}")
     * class P(asyncio.Protocol):
     *     def connection_made(self, t):
     *         seen.set_result(t.get_extra_info('socket').getsockopt(SOL_SOCKET, SO_KEEPALIVE) != 0); t.close()
     * srv = await loop.create_server(P, '127.0.0.1', 0, keep_alive=True)
     * r, w = await asyncio.open_connection('127.0.0.1', srv.sockets[0].getsockname()[1])
     * print(f"create_server keep_alive=True: accepted SO_KEEPALIVE={await seen}")
     */
    @Test
    void acceptedConnectionsGetSoKeepAliveAsCPython313() {
        List<String> out = StreamsTest.run(() -> {
            List<String> log = new ArrayList<>();
            log.add("keep_alive=None: accepted SO_KEEPALIVE=" + py(acceptedKeepAlive(null).await()));
            log.add("keep_alive=True: accepted SO_KEEPALIVE=" + py(acceptedKeepAlive(true).await()));
            log.add("keep_alive=False: accepted SO_KEEPALIVE=" + py(acceptedKeepAlive(false).await()));

            Future<Boolean> seen = Asyncio.getRunningLoop().createFuture();
            Protocol p = new Protocol() {
                @Override
                public void connectionMade(Transport t) {
                    seen.setResult(keepAliveOf(t.getExtraInfo("socket")));
                    t.close();
                }
            };
            AbstractServer srv = Net.createServer(() -> p, List.of("127.0.0.1"), 0, 100, null, true).await();
            Connection c = Streams.openConnection("127.0.0.1", srv.port()).await();
            log.add("create_server keep_alive=True: accepted SO_KEEPALIVE=" + py(seen.await()));
            c.writer().close();
            srv.close();
            srv.waitClosed().await();
            return log;
        });
        assertThat(out).containsExactly(
                "keep_alive=None: accepted SO_KEEPALIVE=False",
                "keep_alive=True: accepted SO_KEEPALIVE=True",
                "keep_alive=False: accepted SO_KEEPALIVE=False",
                "create_server keep_alive=True: accepted SO_KEEPALIVE=True");
    }

    static String py(boolean b) {
        return b ? "True" : "False";
    }
}
