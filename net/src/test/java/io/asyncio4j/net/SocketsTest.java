package io.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The socket coroutines' failures and cancellation. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SocketsTest {
    static <T> T run(Coro<T> main) {
        return TransportTest.run(main);
    }

    @Test
    void aRefusedConnectNamesTheAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String msg = run(() -> {
            try (SocketChannel ch = SocketChannel.open()) {
                Sockets.sockConnect(ch, new InetSocketAddress("127.0.0.1", port)).await();
                return "connected (wrong)";
            } catch (ConnectionRefusedError e) {
                return e.getMessage();
            }
        });
        assertThat(msg).contains("127.0.0.1:" + port);
    }

    /** Cancelling a task waiting in sockAccept or sockRecv leaves the loop watching nothing (CPython's too). */
    @Test
    void cancelledOperationsStopWatchingTheirChannels() {
        List<String> out = run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<String> log = new ArrayList<>();
            try (ServerSocketChannel listener = ServerSocketChannel.open();
                 SocketChannel client = SocketChannel.open()) {
                listener.bind(new InetSocketAddress("127.0.0.1", 0));
                var accepting = Asyncio.createTask(Sockets.sockAccept(listener));
                Asyncio.sleep(0.01).await();
                accepting.cancel();
                try {
                    accepting.await();
                } catch (CancelledError e) {
                    log.add("accept cancelled; still watched: " + loop.removeReader(listener));
                }
                Sockets.sockConnect(client, (InetSocketAddress) listener.getLocalAddress()).await();
                try (SocketChannel conn = Sockets.sockAccept(listener).await()) {
                    var receiving = Asyncio.createTask(Sockets.sockRecvInto(conn, ByteBuffer.allocate(10)));
                    Asyncio.sleep(0.01).await();
                    receiving.cancel();
                    try {
                        receiving.await();
                    } catch (CancelledError e) {
                        log.add("recv cancelled; still watched: " + loop.removeReader(conn));
                    }
                    Sockets.sockSendall(client, "late".getBytes()).await();
                    log.add("the bytes are still there: " + new String(Sockets.sockRecv(conn, 10).await()));
                }
            }
            return log;
        });
        assertThat(out).containsExactly("accept cancelled; still watched: false",
                "recv cancelled; still watched: false", "the bytes are still there: late");
    }
}
