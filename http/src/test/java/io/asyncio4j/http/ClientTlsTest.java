package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.IncompleteReadError;
import io.asyncio4j.net.ConnectionError;
import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.Streams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https against our own TLS server on loopback, with a self-signed certificate for {@code localhost} made by the
 * JDK's keytool when the class starts: refused with the JDK's trusted CAs, accepted with a context that trusts the
 * test certificate (on the connector or on one request), accepted with verification off, and refused for another
 * host name ({@code other.test}, resolved to loopback by a test {@link Resolver}) unless verification is off.
 */
class ClientTlsTest {
    @TempDir
    static Path dir;
    static TlsOptions serverTls;
    static SSLContext trustingTestCa;

    @BeforeAll
    static void makeCertificate() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir);
        serverTls = tls.server();
        trustingTestCa = tls.trustingClient();
    }

    private interface Body {
        void run(int port) throws Exception;
    }

    /** Runs {@code body} with an https server that answers every request with 200 and "secret", keep-alive. */
    private static void withServer(Body body) {
        Asyncio.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                while (true) {
                    try {
                        reader.readuntil("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).await();
                    } catch (IncompleteReadError | ConnectionError e) {
                        writer.close();     // the client went away, or refused our certificate
                        return;
                    }
                    writer.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret".getBytes(StandardCharsets.US_ASCII));
                    writer.drain().await();
                }
            }, "127.0.0.1", 0, serverTls).await();
            try {
                body.run(server.port());
            } finally {
                server.close();
            }
            return null;
        });
    }

    private static String fetch(ClientSession s, String url, RequestOptions o) {
        try (ClientResponse r = s.get(url, o).await()) {
            return r.text().await();
        }
    }

    @Test
    void aSelfSignedCertificateIsRefusedByDefault() {
        withServer(port -> {
            try (ClientSession s = new ClientSession()) {
                assertThatThrownBy(() -> fetch(s, "https://localhost:" + port + "/", RequestOptions.NONE))
                        .isInstanceOf(ClientConnectorCertificateError.class)
                        .isInstanceOf(ClientSSLError.class)
                        .isInstanceOf(ClientConnectorError.class)
                        .hasMessageStartingWith("Cannot connect to host localhost:" + port + " ssl:default [");
            }
        });
    }

    @Test
    void theTestCaOnTheConnectorOrOnTheRequestIsAccepted() {
        withServer(port -> {
            String url = "https://localhost:" + port + "/";
            try (ClientSession s = ClientSession.builder()
                    .connector(TCPConnector.builder().ssl(trustingTestCa).build()).build()) {
                assertThat(fetch(s, url, RequestOptions.NONE)).isEqualTo("secret");
                assertThat(fetch(s, url, RequestOptions.NONE)).isEqualTo("secret");
                assertThat(s.connector().openConnections()).isEqualTo(1);
            }
            try (ClientSession s = new ClientSession()) {
                assertThat(fetch(s, url, RequestOptions.builder().ssl(trustingTestCa).build())).isEqualTo("secret");
                // a request with other TLS settings does not share that connection, and is refused
                assertThatThrownBy(() -> fetch(s, url, RequestOptions.NONE))
                        .isInstanceOf(ClientConnectorCertificateError.class);
            }
        });
    }

    @Test
    void verificationOffAcceptsAnyCertificateForAnyName() {
        withServer(port -> {
            Resolver names = ClientCookieTest.loopbackNames(Set.of("other.test"));
            String other = "https://other.test:" + port + "/";
            try (ClientSession s = ClientSession.builder()
                    .connector(TCPConnector.builder().resolver(names).ssl(trustingTestCa).build()).build()) {
                // trusted certificate, wrong name
                assertThatThrownBy(() -> fetch(s, other, RequestOptions.NONE))
                        .isInstanceOf(ClientConnectorCertificateError.class);
                assertThat(fetch(s, other, RequestOptions.builder().verifySsl(false).build())).isEqualTo("secret");
            }
            try (ClientSession s = ClientSession.builder()
                    .connector(TCPConnector.builder().resolver(names).verifySsl(false).build()).build()) {
                assertThat(fetch(s, other, RequestOptions.NONE)).isEqualTo("secret");
                assertThat(fetch(s, "https://127.0.0.1:" + port + "/", RequestOptions.NONE)).isEqualTo("secret");
            }
        });
    }
}
