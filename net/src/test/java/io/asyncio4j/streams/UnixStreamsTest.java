package io.asyncio4j.streams;

import static io.asyncio4j.streams.Bytes.b;
import static io.asyncio4j.streams.Bytes.repr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.net.ConnectionError;
import io.asyncio4j.net.ConnectionRefusedError;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams over Unix domain sockets ({@code asyncio.open_unix_connection} and {@code start_unix_server}), with
 * CPython 3.13's file rules, as its {@code test_unix_events} checks them ({@code test_create_unix_server_existing_path_sock},
 * {@code test_create_unix_server_existing_path_nonsock}, and 3.13's {@code test_unix_server_sock_cleanup}).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnixStreamsTest {
    @TempDir
    Path dir;

    private static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void echoOverUnixSocketAndTheFileIsRemovedOnClose() {
        Path path = dir.resolve("echo.sock");
        List<String> out = StreamsTest.run(() -> {
            List<String> log = new ArrayList<>();
            Server server = Streams.startUnixServer(StreamsTest.ECHO_LINES, path).await();
            log.add("listening " + exists(path) + " " + server.path().equals(path) + " port=" + server.port()
                    + " sockets=" + server.sockets());
            Connection c = Streams.openUnixConnection(path).await();
            log.add("peer " + c.writer().getExtraInfo("peername").equals(UnixDomainSocketAddress.of(path)));
            c.writer().write(b("hello\nworld\n"));
            log.add(repr(c.reader().readline().await()));
            log.add(repr(c.reader().readline().await()));
            c.writer().writeEof();
            log.add(repr(c.reader().read(-1).await()));
            c.writer().close();
            server.close();
            log.add("closed " + exists(path) + " " + server);
            server.waitClosed().await();
            return log;
        });
        assertThat(out).containsExactly("listening true true port=-1 sockets=[]", "peer true", "b'hello\\n'",
                "b'world\\n'", "b''", "closed false <Server sockets=[" + path + "] connections=0>");
        assertThat(exists(path)).isFalse();
    }

    @Test
    void manyClientsAtOnce() {
        Path path = dir.resolve("many.sock");
        List<String> out = StreamsTest.run(() -> {
            Server server = Streams.startUnixServer(StreamsTest.ECHO_LINES, path).await();
            List<io.asyncio4j.Task<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                tasks.add(io.asyncio4j.Asyncio.createTask(() -> {
                    Connection c = Streams.openUnixConnection(path).await();
                    c.writer().write(b("client " + n + "\n"));
                    String got = new String(c.reader().readline().await(), java.nio.charset.StandardCharsets.UTF_8);
                    c.writer().close();
                    return got;
                }));
            }
            List<String> got = new ArrayList<>();
            for (io.asyncio4j.Task<String> t : tasks) {
                got.add(t.await());
            }
            server.close();
            server.waitClosed().await();
            return got;
        });
        assertThat(out).hasSize(20).first().isEqualTo("client 0\n");
        assertThat(out.get(19)).isEqualTo("client 19\n");
    }

    @Test
    void aClientWaitsWhileTheListenersBacklogIsFullUnlessCancelled() throws Exception {
        Path path = dir.resolve("full.sock");
        // a listener that accepts nothing yet, its backlog of 1 filled: a non-blocking connect gets EAGAIN
        try (var listener = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(path), 1);
            List<java.nio.channels.SocketChannel> filling = new ArrayList<>();
            try {
                while (true) {
                    var ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
                    ch.configureBlocking(false);
                    try {
                        ch.connect(UnixDomainSocketAddress.of(path));
                    } catch (java.io.IOException full) {
                        ch.close();
                        break;
                    }
                    filling.add(ch);
                }
                String got = StreamsTest.run(() -> {
                    double start = io.asyncio4j.Asyncio.getRunningLoop().time();
                    io.asyncio4j.Asyncio.getRunningLoop().callLater(0.1, () -> {
                        try {
                            java.nio.channels.SocketChannel accepted;
                            while ((accepted = listener.accept()) != null) { // room again: the client gets in
                                filling.add(accepted);
                            }
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    listener.configureBlocking(false);
                    // a client cancelled while it waits gives up, with CancelledError
                    io.asyncio4j.Task<Connection> cancelled = io.asyncio4j.Asyncio.createTask(
                            Streams.openUnixConnection(path));
                    io.asyncio4j.Asyncio.sleep(0.03).await();
                    cancelled.cancel();
                    assertThatThrownBy(cancelled::await).isInstanceOf(io.asyncio4j.CancelledError.class);
                    Connection c = Streams.openUnixConnection(path).await();
                    double waited = io.asyncio4j.Asyncio.getRunningLoop().time() - start;
                    c.writer().close();
                    return waited >= 0.1 ? "waited" : "did not wait: " + waited;
                });
                assertThat(got).isEqualTo("waited");
            } finally {
                for (var ch : filling) {
                    ch.close();
                }
            }
        }
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        Path path = dir.resolve("stale.sock");
        // a socket file whose server is gone: bound, then closed without removing the file
        try (var ch = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(path));
        }
        assertThat(exists(path)).isTrue();
        String got = StreamsTest.run(() -> {
            assertThatThrownBy(() -> Streams.openUnixConnection(path).await())
                    .isInstanceOf(ConnectionRefusedError.class).hasMessageContaining(path.toString());
            Server server = Streams.startUnixServer(StreamsTest.ECHO_LINES, path).await();
            Connection c = Streams.openUnixConnection(path).await();
            c.writer().write(b("again\n"));
            String line = repr(c.reader().readline().await());
            c.writer().close();
            server.close();
            server.waitClosed().await();
            return line;
        });
        assertThat(got).isEqualTo("b'again\\n'");
        assertThat(exists(path)).isFalse();
    }

    @Test
    void anExistingFileThatIsNotASocketIsRefusedAndKept() throws Exception {
        Path path = dir.resolve("plain.txt");
        Files.writeString(path, "keep me");
        StreamsTest.run(() -> {
            assertThatThrownBy(() -> Streams.startUnixServer(StreamsTest.ECHO_LINES, path).await())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot listen on unix socket " + path)
                    .hasMessageContaining("Address already in use")
                    .hasMessageContaining("not a socket");
            return null;
        });
        assertThat(Files.readString(path)).isEqualTo("keep me");
    }

    @Test
    void aMissingPathIsFileNotFoundNamingThePath() {
        Path path = dir.resolve("nobody.sock");
        StreamsTest.run(() -> {
            assertThatThrownBy(() -> Streams.openUnixConnection(path).await())
                    .isExactlyInstanceOf(ConnectionError.class)
                    .hasMessage("cannot connect to unix socket " + path + ": [Errno 2] No such file or directory: '"
                            + path + "'")
                    .hasCauseInstanceOf(NoSuchFileException.class);
            return null;
        });
    }

    @Test
    void aSocketFileReplacedByAnotherFileIsNotRemovedOnClose() throws Exception {
        Path path = dir.resolve("moved.sock");
        StreamsTest.run(() -> {
            Server server = Streams.startUnixServer(StreamsTest.ECHO_LINES, path).await();
            Files.delete(path);
            Files.writeString(path, "someone else's");
            server.close();
            server.waitClosed().await();
            return null;
        });
        assertThat(Files.readString(path)).isEqualTo("someone else's");
    }

    @Test
    void serverClosedBeforeAClientEndsKeepsTheConnectionButNotTheFile() {
        Path path = dir.resolve("live.sock");
        String got = StreamsTest.run(() -> {
            Server server = Streams.startUnixServer(StreamsTest.ECHO_LINES, path).await();
            Connection c = Streams.openUnixConnection(path).await();
            c.writer().write(b("one\n"));
            c.reader().readline().await();
            server.close();
            boolean gone = !exists(path);
            c.writer().write(b("two\n"));       // the accepted connection goes on, as in CPython
            String line = repr(c.reader().readline().await());
            c.writer().close();
            server.waitClosed().await();
            return gone + " " + line;
        });
        assertThat(got).isEqualTo("true b'two\\n'");
    }

    @Test
    void cpythonsOpenUnixConnectionAgainstOurServer() {
        org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/python3").canExecute(), "no python3");
        Path path = dir.resolve("py-client.sock");
        String out = StreamsTest.run(() -> {
            Server server = Streams.startUnixServer(StreamsTest.ECHO_LINES, path).await();
            String printed = io.asyncio4j.Asyncio.getRunningLoop().runInExecutor(null, () -> command(
                    "/usr/bin/python3", "-c", """
                    import asyncio, sys
                    async def main():
                        r, w = await asyncio.open_unix_connection(sys.argv[1])
                        w.write(b'ping\\n')
                        await w.drain()
                        print(await r.readline())
                        w.write_eof()
                        print(await r.read())
                        w.close()
                        await w.wait_closed()
                    asyncio.run(main())
                    """, path.toString())).await();
            server.close();
            server.waitClosed().await();
            return printed;
        });
        assertThat(out).isEqualTo("b'ping\\n'\nb''\n");
    }

    @Test
    void ourOpenUnixConnectionAgainstCpythonsStartUnixServer() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/python3").canExecute(), "no python3");
        Path path = dir.resolve("py-server.sock");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", """
                import asyncio, sys
                async def handle(r, w):
                    while line := await r.readline():
                        w.write(line.upper())
                        await w.drain()
                    w.close()
                async def main():
                    server = await asyncio.start_unix_server(handle, sys.argv[1])
                    print('ready', flush=True)
                    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
                    server.close()
                    await server.wait_closed()
                asyncio.run(main())
                """, path.toString()).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                    p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("ready");
            List<String> got = StreamsTest.run(() -> {
                List<String> log = new ArrayList<>();
                Connection c = Streams.openUnixConnection(path).await();
                c.writer().write(b("hello\nunix\n"));
                log.add(repr(c.reader().readline().await()));
                log.add(repr(c.reader().readline().await()));
                c.writer().writeEof();
                log.add(repr(c.reader().read(-1).await()));
                c.writer().close();
                c.writer().waitClosed().await();
                return log;
            });
            assertThat(got).containsExactly("b'HELLO\\n'", "b'UNIX\\n'", "b''");
        } finally {
            p.getOutputStream().close();
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isEqualTo(0);
            return out;
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
