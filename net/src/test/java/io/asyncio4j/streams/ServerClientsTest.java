package io.asyncio4j.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Server#closeClients()} and {@link Server#abortClients()}, CPython 3.13's {@code close_clients} and
 * {@code abort_clients}: a server shuts down while clients are connected, which {@code serveForever}'s cancellation
 * alone does not do (it waits for them, as in CPython 3.12).
 */
@Timeout(20)
class ServerClientsTest {
    static <T> T run(Coro<T> main) {
        try (Runner r = new Runner()) {
            return r.run(main);
        }
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Greets, echoes lines until end of file, logs it; the greeting is written without a drain. */
    static ConnectionHandler greeter(List<String> log) {
        return (reader, writer) -> {
            writer.write(b("welcome\n"));
            while (true) {
                byte[] line = reader.readline().await();
                if (line.length == 0) {
                    break;
                }
                writer.write(line);
            }
            log.add("handler saw end of file");
        };
    }

    @Test
    void closeClientsEndsEveryConnectionGracefullyAndWaitClosedReturns() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        run(() -> {
            Server server = Streams.startServer(greeter(log), "127.0.0.1", 0).await();
            List<Connection> clients = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
                assertThat(s(c.reader().readline().await())).isEqualTo("welcome\n");
                c.writer().write(b("hi\n"));
                assertThat(s(c.reader().readline().await())).isEqualTo("hi\n"); // accepted and served
                clients.add(c);
            }
            server.close();
            server.closeClients();
            for (Connection c : clients) {
                assertThat(c.reader().read(-1).await()).isEmpty();
                assertThat(c.reader().atEof()).isTrue();
                c.writer().close();
            }
            server.waitClosed().await();
            return null;
        });
        assertThat(log).containsExactly("handler saw end of file", "handler saw end of file");
    }

    @Test
    void closeClientsFlushesWhatWasWrittenFirst() {
        int size = 4 << 20; // more than the socket buffers hold: the transport still has most of it
        byte[] big = new byte[size];
        java.util.Arrays.fill(big, (byte) 'x');
        String got = run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                writer.write(big);
                reader.read(-1).await();
            }, "127.0.0.1", 0).await();
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            c.reader().readexactly(1).await(); // the handler has written
            server.closeClients();
            byte[] rest = c.reader().read(-1).await();
            c.writer().close();
            server.close();
            server.waitClosed().await();
            return (rest.length + 1) + " bytes";
        });
        assertThat(got).isEqualTo(size + " bytes");
    }

    @Test
    void abortClientsEndsTheConnectionsAtOnce() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        run(() -> {
            Server server = Streams.startServer(greeter(log), "127.0.0.1", 0).await();
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            assertThat(s(c.reader().readline().await())).isEqualTo("welcome\n");
            server.close();
            server.abortClients();
            try {
                assertThat(c.reader().read(-1).await()).isEmpty();
            } catch (io.asyncio4j.net.ConnectionResetError reset) {
                // an abort may reach the peer as a reset
            }
            c.writer().close();
            server.waitClosed().await();
            return null;
        });
        assertThat(log).containsExactly("handler saw end of file");
    }

    @Test
    void cancellingServeForeverWaitsForConnectedClientsUntilTheyAreClosed() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        run(() -> {
            Server server = Streams.startServer(greeter(log), "127.0.0.1", 0).await();
            Task<Void> serving = Asyncio.createTask(server.serveForever());
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            assertThat(s(c.reader().readline().await())).isEqualTo("welcome\n");
            serving.cancel();
            for (int i = 0; i < 5; i++) {
                Asyncio.sleep(0).await();
            }
            assertThat(serving.done()).as("serveForever waits for the client, as in CPython 3.12").isFalse();
            assertThat(server.isServing()).isFalse();
            server.closeClients();
            assertThatThrownBy(() -> serving.await()).isInstanceOf(CancelledError.class);
            assertThat(c.reader().read(-1).await()).isEmpty();
            c.writer().close();
            return null;
        });
        assertThat(log).containsExactly("handler saw end of file");
    }

    @Test
    void withoutClientsTheyDoNothing() {
        run(() -> {
            Server server = Streams.startServer((r, w) -> w.close(), "127.0.0.1", 0).await();
            server.closeClients();
            server.abortClients();
            assertThat(server.isServing()).isTrue();
            server.close();
            server.closeClients();
            server.waitClosed().await();
            return null;
        });
    }
}
