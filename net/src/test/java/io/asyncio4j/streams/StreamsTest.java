package io.asyncio4j.streams;

import static io.asyncio4j.streams.Bytes.b;
import static io.asyncio4j.streams.Bytes.repr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coro;
import io.asyncio4j.IncompleteReadError;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import io.asyncio4j.net.ConnectionRefusedError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streams over real local TCP connections: our server and our client. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamsTest {
    static <T> T run(Coro<T> main) {
        try (Runner r = new Runner()) {
            return r.run(main);
        }
    }

    /** Echoes lines until EOF, then closes. */
    static final ConnectionHandler ECHO_LINES = (reader, writer) -> {
        while (true) {
            byte[] line = reader.readline().await();
            if (line.length == 0) {
                break;
            }
            writer.write(line);
            writer.drain().await();
        }
        writer.close();
        writer.waitClosed().await();
    };

    @Test
    void echoRoundTripsAndEof() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            Server server = Streams.startServer(ECHO_LINES, "127.0.0.1", 0).await();
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            c.writer().write(b("hello\nworld\n"));
            log.add(repr(c.reader().readline().await()));
            log.add(repr(c.reader().readexactly(6).await()));
            c.writer().write(b("tail"));
            c.writer().writeEof();
            log.add(repr(c.reader().read(-1).await())); // the server echoes the partial line, then closes
            log.add("at_eof=" + c.reader().atEof());
            InetSocketAddress peer = (InetSocketAddress) c.writer().getExtraInfo("peername");
            log.add("peer port matches " + (peer.getPort() == server.port()));
            c.writer().close();
            c.writer().waitClosed().await();
            server.close();
            server.waitClosed().await();
            log.add("sockets after close " + server.sockets());
            return log;
        });
        assertThat(out).containsExactly("b'hello\\n'", "b'world\\n'", "b'tail'", "at_eof=true",
                "peer port matches true", "sockets after close []");
    }

    @Test
    void readexactlyAtEofGivesThePartialBytes() {
        IncompleteReadError e = run(() -> {
            Server server = Streams.startServer((r, w) -> {
                w.write(b("abc"));
                w.close();
            }, "127.0.0.1", 0).await();
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            try {
                c.reader().readexactly(5).await();
                return null;
            } catch (IncompleteReadError err) {
                return err;
            } finally {
                c.writer().close();
                server.close();
            }
        });
        assertThat(repr(e.partial())).isEqualTo("b'abc'");
        assertThat(e.expected()).isEqualTo(5);
    }

    @Test
    void aHandlerThatThrowsIsReportedAndItsConnectionClosedWhileTheServerGoesOn() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            Asyncio.getRunningLoop().setExceptionHandler((loop, ctx) -> log.add(ctx.get("message") + ": "
                    + ((Throwable) ctx.get("exception")).getMessage()));
            Server server = Streams.startServer((r, w) -> {
                byte[] line = r.readline().await();
                if (new String(line).startsWith("boom")) {
                    throw new IllegalStateException("handler failed");
                }
                w.write(line);
                w.close();
            }, "127.0.0.1", 0).await();
            Connection c1 = Streams.openConnection("127.0.0.1", server.port()).await();
            c1.writer().write(b("boom\n"));
            log.add("first gets EOF: " + repr(c1.reader().read(-1).await()));
            Connection c2 = Streams.openConnection("127.0.0.1", server.port()).await();
            c2.writer().write(b("fine\n"));
            log.add("second: " + repr(c2.reader().readline().await()));
            c1.writer().close();
            c2.writer().close();
            server.close();
            server.waitClosed().await();
            return log;
        });
        assertThat(out).containsExactly("Unhandled exception in client_connected_cb: handler failed",
                "first gets EOF: b''", "second: b'fine\\n'");
    }

    @Test
    void refusedConnectionsNameHostAndPort() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free, then closed: nobody listens
        }
        assertThatThrownBy(() -> run(() -> Streams.openConnection("127.0.0.1", port).await()))
                .isInstanceOf(ConnectionRefusedError.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("refused");
    }

    @Test
    void closingTheServerLetsExistingConnectionsFinish() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            Server server = Streams.startServer(ECHO_LINES, "127.0.0.1", 0).await();
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            c.writer().write(b("one\n"));
            log.add(repr(c.reader().readline().await()));
            server.close();
            Task<Void> closed = Asyncio.createTask(server.waitClosed());
            Asyncio.sleep(0.05).await();
            log.add("waitClosed done while a connection is open: " + closed.done());
            c.writer().write(b("two\n"));
            log.add(repr(c.reader().readline().await()));
            c.writer().close();
            closed.await();
            log.add("waitClosed done after it ended");
            try {
                Streams.openConnection("127.0.0.1", ((InetSocketAddress) c.writer().getExtraInfo("peername"))
                        .getPort()).await();
                log.add("connected (wrong)");
            } catch (ConnectionRefusedError e) {
                log.add("no longer accepting");
            }
            return log;
        });
        assertThat(out).containsExactly("b'one\\n'", "waitClosed done while a connection is open: false",
                "b'two\\n'", "waitClosed done after it ended", "no longer accepting");
    }

    @Test
    void cancellingServeForeverClosesTheServer() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            Server server = Streams.startServer(ECHO_LINES, "127.0.0.1", 0).await();
            Task<Void> serving = Asyncio.createTask(server.serveForever());
            Asyncio.sleep(0.01).await();
            serving.cancel();
            try {
                serving.await();
            } catch (CancelledError e) {
                log.add("serveForever cancelled, serving=" + server.isServing() + " sockets=" + server.sockets());
            }
            return log;
        });
        assertThat(out).containsExactly("serveForever cancelled, serving=false sockets=[]");
    }

    @Test
    void drainWaitsForASlowReaderAndTheReaderPausesItsTransport() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            int total = 8 * 1024 * 1024;
            Server server = Streams.startServer((r, w) -> {
                Asyncio.sleep(0.2).await(); // a slow start: the client's buffers fill up meanwhile
                byte[] all = r.readexactly(total).await();
                w.write(b("got " + all.length + "\n"));
                w.close();
            }, "127.0.0.1", 0).await();
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            c.writer().write(new byte[total]);
            log.add("buffered above the high water mark: " + (c.writer().transport().getWriteBufferSize() > 65536));
            c.writer().drain().await();
            log.add("drained: " + (c.writer().transport().getWriteBufferSize() <= 16384));
            log.add(repr(c.reader().readline().await()));
            c.writer().close();
            server.close();
            return log;
        });
        assertThat(out).containsExactly("buffered above the high water mark: true", "drained: true",
                "b'got 8388608\\n'");
    }

    @Test
    void tenThousandConnectionsLeakNoFileDescriptor() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return; // not Linux: nothing to count
        }
        Map<String, Integer> counts = run(() -> {
            Server server = Streams.startServer(ECHO_LINES, "127.0.0.1", 0).await();
            // Warm up once, so lazily opened descriptors (the selector, the executor) are counted in "before".
            Connection warm = Streams.openConnection("127.0.0.1", server.port()).await();
            warm.writer().close();
            warm.writer().waitClosed().await();
            Asyncio.sleep(0.1).await(); // the server side of the warm-up closes too
            int before = countFds(fds);
            for (int i = 0; i < 10_000; i++) {
                Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
                c.writer().write(b("ping\n"));
                c.reader().readline().await();
                c.writer().close();
                c.writer().waitClosed().await();
            }
            Asyncio.sleep(0.1).await(); // the server side closes its ends
            int after = countFds(fds);
            server.close();
            server.waitClosed().await();
            return Map.of("before", before, "after", after);
        });
        assertThat(counts.get("after")).isEqualTo(counts.get("before"));
    }

    static int countFds(Path fds) throws IOException {
        try (var s = Files.list(fds)) {
            return (int) s.count();
        }
    }

    @Test
    void manyConcurrentClientsAreServedByOneLoop() {
        List<String> replies = run(() -> {
            Server server = Streams.startServer(ECHO_LINES, "127.0.0.1", 0).await();
            List<Coro<String>> clients = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                clients.add(() -> {
                    Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
                    c.writer().write(b("client " + n + "\n"));
                    String reply = new String(c.reader().readline().await()).trim();
                    c.writer().close();
                    return reply;
                });
            }
            List<String> r = new ArrayList<>(Asyncio.gather(clients).await());
            server.close();
            return r;
        });
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add("client " + i);
        }
        assertThat(replies).isEqualTo(expected);
    }

    /** The readers' limit is the server's and the client's to choose; readline over it fails like CPython's. */
    @Test
    void theReadersLimitIsConfigurableOnBothEnds() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            Server server = Streams.startServer((r, w) -> {
                try {
                    r.readline().await();
                    w.write(b("server read it (wrong)\n"));
                } catch (io.asyncio4j.LimitOverrunError e) {
                    w.write(b("too long\n"));
                }
                w.write(b("0123456789\n"));
                w.close();
            }, "127.0.0.1", 0, 8).await();
            Connection c = Streams.openConnection("127.0.0.1", server.port(), 16).await();
            c.writer().write(b("a line longer than eight bytes\n"));
            log.add("server: " + repr(c.reader().readline().await()));
            log.add("11 bytes fit in 16: " + repr(c.reader().readline().await()));
            c.writer().close();
            server.close();
            server.waitClosed().await();
            return log;
        });
        assertThat(out).containsExactly("server: b'too long\\n'",
                "11 bytes fit in 16: b'0123456789\\n'");
    }
}
