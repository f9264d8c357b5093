package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.IncompleteReadError;
import io.asyncio4j.net.ConnectionError;
import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.Streams;
import io.asyncio4j.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https against our own TLS server on loopback, with a self-signed certificate for {@code localhost} made by the
 * JDK's keytool when the class starts: refused with the JDK's trusted CAs, accepted with a context that trusts the
 * test certificate (on the connector or on one request), accepted with verification off, and refused for another
 * host name ({@code other.test}, resolved to loopback by a test {@link Resolver}) unless verification is off;
 * pinned by its {@link Fingerprint} instead of a CA.
 */
class ClientTlsTest {
    @TempDir
    static Path dir;
    static TlsOptions serverTls;
    static SSLContext trustingTestCa;
    static java.security.cert.Certificate certificate;
    static Fingerprint pinned;

    @BeforeAll
    static void makeCertificate() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir);
        serverTls = tls.server();
        trustingTestCa = tls.trustingClient();
        certificate = tls.certificate();
        pinned = new Fingerprint(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
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

    @Test
    void onlyASha256DigestMakesAFingerprint() throws Exception {
        assertThatThrownBy(() -> new Fingerprint(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("md5 and sha1 are insecure and not supported. Use sha256.");
        assertThatThrownBy(() -> new Fingerprint(new byte[20])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("md5 and sha1 are insecure and not supported. Use sha256.");
        assertThatThrownBy(() -> new Fingerprint(new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fingerprint has invalid length");
        assertThatThrownBy(() -> new Fingerprint(null)).isInstanceOf(NullPointerException.class);
        byte[] digest = pinned.fingerprint();
        Fingerprint copy = new Fingerprint(digest);
        digest[0] ^= 1;     // the fingerprint keeps its own copy
        assertThat(copy).isEqualTo(pinned).hasSameHashCodeAs(pinned).isEqualTo(Fingerprint.of(certificate))
                .isNotEqualTo(new Fingerprint(digest));
        assertThat(copy.fingerprint()).isEqualTo(pinned.fingerprint()).isNotEqualTo(digest);
    }

    @Test
    void aPinnedCertificateIsAcceptedWithoutItsCaOrAName() {
        withServer(port -> {
            Resolver names = ClientCookieTest.loopbackNames(Set.of("localhost", "other.test"));
            String url = "https://localhost:" + port + "/";
            RequestOptions pin = RequestOptions.builder().ssl(pinned).build();
            try (ClientSession s = ClientSession.builder().connector(TCPConnector.builder().resolver(names).build())
                    .build()) {
                assertThat(fetch(s, url, pin)).isEqualTo("secret");
                // an equal fingerprint shares the pinned connection
                assertThat(fetch(s, url, RequestOptions.builder().ssl(Fingerprint.of(certificate)).build()))
                        .isEqualTo("secret");
                assertThat(s.connector().openConnections()).isEqualTo(1);
                assertThat(fetch(s, "https://other.test:" + port + "/", pin)).isEqualTo("secret");
                // a request without it does not, and is refused by the JDK's CAs
                assertThatThrownBy(() -> fetch(s, url, RequestOptions.NONE))
                        .isInstanceOf(ClientConnectorCertificateError.class);
            }
            try (ClientSession s = ClientSession.builder().connector(TCPConnector.builder().ssl(pinned).build())
                    .build()) {
                assertThat(s.connector().fingerprint()).isEqualTo(pinned);
                assertThat(fetch(s, url, RequestOptions.NONE)).isEqualTo("secret");
                // a request's own fingerprint wins, and never gets the connection pinned to another
                byte[] wrong = pinned.fingerprint();
                wrong[31] ^= 1;
                assertThatThrownBy(() -> fetch(s, url, RequestOptions.builder().ssl(new Fingerprint(wrong)).build()))
                        .isInstanceOf(ServerFingerprintMismatch.class);
                assertThat(fetch(s, url, RequestOptions.NONE)).isEqualTo("secret");
                assertThat(s.connector().openConnections()).isEqualTo(1);
            }
        });
    }

    @Test
    void anotherCertificateIsRefusedAndItsConnectionClosedBeforeAnyByteIsSent() {
        Asyncio.run(() -> {
            Future<byte[]> received = Asyncio.getRunningLoop().createFuture();
            Server server = Streams.startServer((reader, writer) -> {
                try {
                    received.setResult(reader.read(-1).await());    // all the client sent, up to its close
                } catch (ConnectionError e) {
                    received.setException(e);
                }
                writer.close();
            }, "127.0.0.1", 0, serverTls).await();
            int port = server.port();
            byte[] wrong = pinned.fingerprint();
            wrong[0] ^= 1;
            try (ClientSession s = new ClientSession()) {
                assertThatThrownBy(() -> s.get("https://127.0.0.1:" + port + "/", RequestOptions.builder()
                        .ssl(new Fingerprint(wrong)).build()).await())
                        .isInstanceOfSatisfying(ServerFingerprintMismatch.class, e -> {
                            assertThat(e.expected()).isEqualTo(wrong);
                            assertThat(e.got()).isEqualTo(pinned.fingerprint());
                            assertThat(e.host()).isEqualTo("127.0.0.1");
                            assertThat(e.port()).isEqualTo(port);
                        })
                        .isInstanceOf(ServerConnectionError.class)
                        .hasMessage("<ServerFingerprintMismatch expected=" + java.util.HexFormat.of().formatHex(wrong)
                                + " got=" + java.util.HexFormat.of().formatHex(pinned.fingerprint())
                                + " host=127.0.0.1 port=" + port + ">");
                assertThat(s.connector().openConnections()).isZero();
                assertThat(Asyncio.waitFor(received, 5.0).await()).isEmpty();
            } finally {
                server.close();
            }
            return null;
        });
    }
}
