package io.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import io.asyncio4j.streams.Connection;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.Streams;
import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Net#sendfile}: the zero-copy path over plain sockets, the fallback over TLS, CPython's argument checks
 * and file position (Lib/test/test_asyncio/test_sendfile.py: test_sendfile, test_sendfile_partial,
 * test_sendfile_ssl, test_sendfile_close_peer_in_the_middle_of_receiving).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SendfileTest {
    /** Larger than the socket buffers of both ends together, so the copy has to wait for writability. */
    static final int SIZE = 12 * 1024 * 1024;
    @TempDir
    static Path dir;
    static Path file;
    static byte[] data;

    @BeforeAll
    static void makeFile() throws Exception {
        data = new byte[SIZE];
        new Random(18).nextBytes(data);
        file = dir.resolve("data.bin");
        Files.write(file, data);
        TlsTest.dir = dir;
        TlsTest.makeCertificate();
    }

    static <T> T run(Coro<T> main) {
        try (Runner r = new Runner()) {
            return r.run(main);
        }
    }

    /** Serves the file through sendfile after a head written the ordinary way; logs what sendfile reported. */
    static Coro<Server> server(List<String> log, long offset, Long count, TlsOptions tls) {
        return Streams.startServer((reader, writer) -> {
            try (FileChannel ch = FileChannel.open(file)) {
                writer.write("HEAD".getBytes()); // buffered bytes go out before the file's
                ch.position(5);
                long n = Net.sendfile(writer.transport(), ch, offset, count).await();
                log.add("sent " + n + " position " + ch.position() + " open " + !writer.transport().isClosing());
                writer.write("TAIL".getBytes()); // the transport is usable afterwards
            } catch (ConnectionError e) {
                log.add("error " + e.getClass().getSimpleName() + " closing " + writer.transport().isClosing());
            }
            writer.close();
        }, "127.0.0.1", 0, tls);
    }

    static byte[] readAll(Connection c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            byte[] b = c.reader().read(1 << 20).await();
            if (b.length == 0) {
                return out.toByteArray();
            }
            out.writeBytes(b);
        }
    }

    static byte[] expected(int offset, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("HEAD".getBytes());
        out.write(data, offset, count);
        out.writeBytes("TAIL".getBytes());
        return out.toByteArray();
    }

    List<String> transfer(long offset, Long count, TlsOptions serverTls, TlsOptions clientTls, byte[] expected) {
        return run(() -> {
            List<String> log = new ArrayList<>();
            Server server = server(log, offset, count, serverTls).await();
            Connection c = clientTls == null ? Streams.openConnection("127.0.0.1", server.port()).await()
                    : Streams.openConnection("localhost", server.port(), clientTls).await();
            byte[] got = readAll(c);
            log.add("exact " + Arrays.equals(got, expected) + " " + got.length);
            c.writer().close();
            server.close();
            server.waitClosed().await();
            return log;
        });
    }

    @Test
    void zeroCopyWithOffsetAndCountIsByteExactAndSetsThePosition() {
        assertThat(transfer(1000, 9_000_000L, null, null, expected(1000, 9_000_000)))
                .containsExactly("sent 9000000 position 9001000 open true", "exact true " + (9_000_000 + 8));
    }

    @Test
    void zeroCopyWithoutCountSendsToTheEndAndAShortFileStopsAtItsEnd() {
        assertThat(transfer(7, null, null, null, expected(7, SIZE - 7)))
                .containsExactly("sent " + (SIZE - 7) + " position " + SIZE + " open true", "exact true "
                        + (SIZE - 7 + 8));
        assertThat(transfer(SIZE - 10, 100L, null, null, expected(SIZE - 10, 10)))
                .containsExactly("sent 10 position " + SIZE + " open true", "exact true 18");
    }

    @Test
    void overTlsTheFallbackIsByteExact() {
        assertThat(transfer(333, 5_000_000L, TlsTest.serverTls, TlsTest.clientTls, expected(333, 5_000_000)))
                .containsExactly("sent 5000000 position 5000333 open true", "exact true " + (5_000_000 + 8));
    }

    @Test
    void anOffsetAtTheEndSendsNothingAndLeavesThePosition() {
        assertThat(transfer(SIZE, null, null, null, expected(0, 0)))
                .containsExactly("sent 0 position 5 open true", "exact true 8");
    }

    @Test
    void badArgumentsAndAClosedTransportFailClearly() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            Future<Transport> t = Asyncio.getRunningLoop().createFuture();
            Server server = Streams.startServer((r, w) -> {
                t.setResult(w.transport());
                r.read(-1).await();
            }, "127.0.0.1", 0).await();
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            Transport tr = t.await();
            try (FileChannel ch = FileChannel.open(file)) {
                assertThatThrownBy(() -> Net.sendfile(tr, ch, -1, null))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("offset must be a non-negative integer (got -1)");
                assertThatThrownBy(() -> Net.sendfile(tr, ch, 0, 0L))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("count must be a positive integer (got 0)");
                tr.close();
                try {
                    Net.sendfile(tr, ch, 0, null).await();
                } catch (IllegalStateException e) {
                    log.add(e.getMessage());
                }
            }
            c.writer().close();
            server.close();
            server.waitClosed().await();
            return log;
        });
        assertThat(out).containsExactly("Transport is closing");
    }

    @Test
    void whileTheZeroCopyRunsWritesAndASecondSendfileAreRefusedAndCancellingLeavesTheTransportUsable() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            Server server = Streams.startServer((reader, writer) -> {
                try (FileChannel ch = FileChannel.open(file)) {
                    var task = Asyncio.createTask(Net.sendfile(writer.transport(), ch, 0, null));
                    Asyncio.sleep(0).await();
                    try {
                        writer.write("x".getBytes());
                    } catch (IllegalStateException e) {
                        log.add(e.getMessage());
                    }
                    try {
                        Net.sendfile(writer.transport(), ch, 0, null).await();
                    } catch (IllegalStateException e) {
                        log.add(e.getMessage());
                    }
                    task.cancel();
                    try {
                        task.await();
                    } catch (io.asyncio4j.CancelledError e) {
                        log.add("cancelled, position " + (ch.position() > 0) + " open "
                                + !writer.transport().isClosing());
                    }
                    writer.write("after".getBytes()); // the transport is usable again
                    log.add("wrote");
                }
                writer.close();
            }, "127.0.0.1", 0).await();
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            byte[] got = readAll(c);
            log.add("ends with after " + new String(got, got.length - 5, 5).equals("after"));
            c.writer().close();
            server.close();
            server.waitClosed().await();
            return log;
        });
        assertThat(out).containsExactly("unable to write; sendfile is in progress", "sendfile is in progress",
                "cancelled, position true open true", "wrote", "ends with after true");
    }

    @Test
    void aPeerThatClosesMidTransferFailsTheCopyAndClosesTheTransport() {
        for (TlsOptions[] tls : new TlsOptions[][] {{null, null}, {TlsTest.serverTls, TlsTest.clientTls}}) {
            List<String> out = run(() -> {
                List<String> log = new ArrayList<>();
                Server server = server(log, 0, null, tls[0]).await();
                Connection c = tls[1] == null ? Streams.openConnection("127.0.0.1", server.port()).await()
                        : Streams.openConnection("localhost", server.port(), tls[1]).await();
                c.reader().readexactly(100_000).await();
                c.writer().transport().abort();
                server.close();
                server.waitClosed().await();
                return log;
            });
            assertThat(out).containsExactly("error " + (out.getFirst().contains("Reset") ? "ConnectionResetError"
                    : "ConnectionError") + " closing true");
        }
    }
}
