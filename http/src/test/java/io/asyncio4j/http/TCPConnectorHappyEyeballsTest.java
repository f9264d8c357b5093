package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.Site;
import io.asyncio4j.http.web.Web;
import io.asyncio4j.net.ConnectionError;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.Streams;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector races a host's addresses as aiohttp 3.10+ does (happy eyeballs, 0.25 s, interleave 1): a resolver
 * gives first an address that never answers (a {@link Blackhole}) and then the server's, and the request succeeds
 * after the delay, in virtual time (a closed world over loopback).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TCPConnectorHappyEyeballsTest {
    static <T> T virtual(Coro<T> main) {
        try (Runner r = new Runner().virtualTime(true).closedWorld(true)) {
            return r.run(main);
        }
    }

    /**
     * A resolver that answers every name with {@code ips} (the connector keeps only the addresses: the port is the
     * URL's).
     */
    private static Resolver fixed(String... ips) {
        return (host, port) -> Coro.named("fixed", () -> java.util.Arrays.stream(ips)
                .map(ip -> new InetSocketAddress(ip, port)).toList());
    }

    private static Application hello() {
        Application app = new Application();
        app.router().get("/", request -> Response.text("hello"));
        return app;
    }

    private static int refusedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aiohttpsDefaults() {
        try (TCPConnector c = new TCPConnector()) {
            assertThat(c.happyEyeballsDelay()).isEqualTo(0.25);
            assertThat(c.interleave()).isNull();
        }
        try (TCPConnector c = TCPConnector.builder().happyEyeballsDelay(null).interleave(2).build()) {
            assertThat(c.happyEyeballsDelay()).isNull();
            assertThat(c.interleave()).isEqualTo(2);
        }
    }

    /** The proof for the client: connected after the delay, not after the connect timeout (5 s). */
    @Test
    void aBlackholedFirstAddressCostsTheDelayOnly() {
        // The blackhole at 127.0.0.2:P, the server at 127.0.0.1:P; the resolver gives 127.0.0.2 first.
        try (Blackhole hole = new Blackhole("127.0.0.2")) {
            Object[] r = virtual(() -> {
                Site site = Web.start(hello(), "127.0.0.1", hole.address().getPort()).await();
                TCPConnector connector = TCPConnector.builder().resolver(fixed("127.0.0.2", "127.0.0.1")).build();
                try (ClientSession s = ClientSession.builder().connector(connector)
                        .timeout(ClientTimeout.NONE).build()) {
                    double t0 = Asyncio.getRunningLoop().time();
                    try (ClientResponse resp = s.get("http://eyeballs.test:" + site.port() + "/").await()) {
                        return new Object[] {resp.text().await(), Asyncio.getRunningLoop().time() - t0};
                    }
                } finally {
                    site.close();
                }
            });
            assertThat(r[0]).isEqualTo("hello");
            assertThat((double) r[1]).as("virtual seconds").isCloseTo(0.25, within(1e-6));
        }
    }

    /** With happyEyeballsDelay(null) the connector waits on the blackhole until sockConnect's limit. */
    @Test
    void withoutHappyEyeballsTheConnectTimeoutFires() {
        try (Blackhole hole = new Blackhole("127.0.0.2")) {
            Object[] r = virtual(() -> {
                Site site = Web.start(hello(), "127.0.0.1", hole.address().getPort()).await();
                TCPConnector connector = TCPConnector.builder().happyEyeballsDelay(null)
                        .resolver(fixed("127.0.0.2", "127.0.0.1")).build();
                try (ClientSession s = ClientSession.builder().connector(connector)
                        .timeout(ClientTimeout.NONE.withSockConnect(5.0)).build()) {
                    double t0 = Asyncio.getRunningLoop().time();
                    try (ClientResponse resp = s.get("http://eyeballs.test:" + site.port() + "/").await()) {
                        return new Object[] {"answered " + resp.status()};
                    } catch (ServerTimeoutError e) {
                        return new Object[] {"timed out", Asyncio.getRunningLoop().time() - t0};
                    }
                } finally {
                    site.close();
                }
            });
            assertThat(r[0]).isEqualTo("timed out");
            assertThat((double) r[1]).isCloseTo(5.0, within(1e-6));
        }
    }

    /** Every address refused: the connector's error names each address's error, and keeps them. */
    @Test
    void whenEveryAddressFailsTheErrorNamesEachOne() throws Exception {
        int port = refusedPort();
        ClientConnectorError e = virtual(() -> {
            TCPConnector connector = TCPConnector.builder().resolver(fixed("127.0.0.1", "127.0.0.2")).build();
            try (ClientSession s = ClientSession.builder().connector(connector).build()) {
                s.get("http://eyeballs.test:" + port + "/").await().close();
                return null;
            } catch (ClientConnectorError x) {
                return x;
            }
        });
        assertThat(e).hasMessage("Cannot connect to host eyeballs.test:" + port + " ssl:default [Multiple exceptions: "
                + "cannot connect to /127.0.0.1:" + port + ": Connection refused, cannot connect to /127.0.0.2:" + port
                + ": Connection refused]");
        assertThat(((ConnectionError) e.getCause()).exceptions()).hasSize(2);
    }

    /**
     * The winner's TLS handshake fails (its server closes at once): the other addresses are raced again without it
     * (aiohttp's loop over its addresses). Real time: nothing waits on a timer here.
     */
    @Test
    void aFailedHandshakeMovesOnToTheOtherAddresses(@TempDir Path dir) throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir);
        String body = Asyncio.run(() -> {
            Server closing = Streams.startServer((reader, writer) -> writer.close(), "127.0.0.2", 0).await();
            Server secure = Streams.startServer((reader, writer) -> {
                reader.readuntil("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).await();
                writer.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nsecret"
                        .getBytes(StandardCharsets.US_ASCII));
                writer.drain().await();
                writer.close();
            }, "127.0.0.1", closing.port(), tls.server()).await();
            TCPConnector connector = TCPConnector.builder().ssl(tls.trustingClient())
                    .resolver(fixed("127.0.0.2", "127.0.0.1")).build();
            try (ClientSession s = ClientSession.builder().connector(connector).build();
                 ClientResponse r = s.get("https://localhost:" + closing.port() + "/").await()) {
                return r.text().await();
            } finally {
                closing.close();
                secure.close();
            }
        });
        assertThat(body).isEqualTo("secret");
    }
}
