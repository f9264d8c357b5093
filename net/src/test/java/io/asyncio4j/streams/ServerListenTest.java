package io.asyncio4j.streams;

import static io.asyncio4j.streams.Bytes.b;
import static io.asyncio4j.streams.Bytes.repr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Coro;
import io.asyncio4j.net.ConnectionRefusedError;
import io.asyncio4j.net.Net;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where a server listens: several hosts, the wildcard host, duplicates, bind failures, rebinding a port. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerListenTest {
    static <T> T run(Coro<T> main) {
        return StreamsTest.run(main);
    }

    static boolean ipv6Loopback() {
        try (ServerSocketChannel ch = ServerSocketChannel.open()) {
            ch.bind(new InetSocketAddress("::1", 0));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static Coro<String> echo(String host, int port) {
        return () -> {
            Connection c = Streams.openConnection(host, port).await();
            c.writer().write(b("via " + host + "\n"));
            String line = repr(c.reader().readline().await());
            c.writer().close();
            c.writer().waitClosed().await();
            return line;
        };
    }

    @Test
    void severalHostsShareOnePortAndEachAccepts() {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback");
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            Server server = Streams.startServer(StreamsTest.ECHO_LINES, List.of("127.0.0.1", "::1"), 0, 100,
                    StreamReader.DEFAULT_LIMIT, null).await();
            int port = server.port();
            for (InetSocketAddress a : server.sockets()) {
                log.add(a.getAddress().getHostAddress() + " same port " + (a.getPort() == port));
            }
            log.add(echo("127.0.0.1", port).await());
            log.add(echo("::1", port).await());
            server.close();
            server.waitClosed().await();
            for (String host : List.of("127.0.0.1", "::1")) {
                try {
                    echo(host, port).await();
                    log.add("connected (wrong)");
                } catch (ConnectionRefusedError e) {
                    log.add(host + " refused after close");
                }
            }
            return log;
        });
        assertThat(out).containsExactly("127.0.0.1 same port true", "0:0:0:0:0:0:0:1 same port true",
                "b'via 127.0.0.1\\n'", "b'via ::1\\n'", "127.0.0.1 refused after close", "::1 refused after close");
    }

    @Test
    void theWildcardHostAcceptsIpv4AndIpv6() {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback");
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            Server server = Streams.startServer(StreamsTest.ECHO_LINES, null, 0).await();
            log.add("wildcard " + server.sockets().stream().allMatch(a -> a.getAddress().isAnyLocalAddress()));
            log.add(echo("127.0.0.1", server.port()).await());
            log.add(echo("::1", server.port()).await());
            server.close();
            server.waitClosed().await();
            return log;
        });
        assertThat(out).containsExactly("wildcard true", "b'via 127.0.0.1\\n'", "b'via ::1\\n'");
    }

    @Test
    void anAddressNamedTwiceIsBoundOnce() {
        int sockets = run(() -> {
            Server server = Streams.startServer(StreamsTest.ECHO_LINES, List.of("127.0.0.1", "127.0.0.1"), 0, 100,
                    StreamReader.DEFAULT_LIMIT, null).await();
            int n = server.sockets().size();
            server.close();
            return n;
        });
        assertThat(sockets).isEqualTo(1);
    }

    @Test
    void aBindFailureNamesTheAddressAndClosesWhatWasBound() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "not Linux");
        // 192.0.2.1 (TEST-NET-1) is no address of this machine: binding it fails after 127.0.0.1 is bound.
        List<Integer> counts = new ArrayList<>();
        assertThatThrownBy(() -> run(() -> {
            Server warm = Streams.startServer(StreamsTest.ECHO_LINES, "127.0.0.1", 0).await();
            warm.close();
            warm.waitClosed().await();
            counts.add(StreamsTest.countFds(fds));
            try {
                return Streams.startServer(StreamsTest.ECHO_LINES, List.of("127.0.0.1", "192.0.2.1"), 0, 100,
                        StreamReader.DEFAULT_LIMIT, null).await();
            } finally {
                counts.add(StreamsTest.countFds(fds));
            }
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("192.0.2.1")
                .hasMessageContaining("cannot listen on 127.0.0.1,192.0.2.1:");
        assertThat(counts.get(1)).as("descriptors after the failed listen").isEqualTo(counts.get(0));
    }

    @Test
    void anUnknownHostIsNamed() {
        assertThatThrownBy(() -> run(() -> Streams.startServer(StreamsTest.ECHO_LINES, "no-such-host.invalid", 0)
                .await())).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot listen on no-such-host.invalid:0");
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> Net.createServer(() -> null, List.of(), 0, 100, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Net.createServer(() -> null, List.of("127.0.0.1"), 0, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Net.createServer(() -> null, List.of("127.0.0.1"), 65536, 100, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The server closes each connection first, so its end stays in TIME_WAIT; with {@code SO_REUSEADDR} a new
     * server binds the same port at once (without it, Linux refuses with EADDRINUSE).
     */
    @Test
    void aClosedServersPortCanBeBoundAgainAtOnce() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            Server first = Streams.startServer((r, w) -> {
                w.write(b("bye\n"));
                w.close();
            }, "127.0.0.1", 0).await();
            int port = first.port();
            Connection c = Streams.openConnection("127.0.0.1", port).await();
            log.add(repr(c.reader().read(-1).await()));
            c.writer().close();
            c.writer().waitClosed().await();
            first.close();
            first.waitClosed().await();
            Server second = Streams.startServer(StreamsTest.ECHO_LINES, "127.0.0.1", port).await();
            log.add("rebound " + (second.port() == port));
            log.add(echo("127.0.0.1", port).await());
            second.close();
            second.waitClosed().await();
            return log;
        });
        assertThat(out).containsExactly("b'bye\\n'", "rebound true", "b'via 127.0.0.1\\n'");
    }

    @Test
    void localhostBindsEachOfItsAddresses() throws IOException {
        List<InetAddress> expected = new ArrayList<>(List.of(InetAddress.getAllByName("localhost")));
        List<InetAddress> bound = run(() -> {
            Server server = Streams.startServer(StreamsTest.ECHO_LINES, "localhost", 0).await();
            List<InetAddress> a = server.sockets().stream().map(InetSocketAddress::getAddress).toList();
            server.close();
            return a;
        });
        assertThat(bound).isEqualTo(expected);
    }
}
