package io.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import io.asyncio4j.streams.Connection;
import io.asyncio4j.streams.Streams;
import io.asyncio4j.streams.Subprocess;
import io.asyncio4j.streams.Subprocess.Redirect;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS over the loop: our client and server with a certificate made by the JDK's keytool for {@code localhost} and
 * {@code 127.0.0.1}; interop with {@code openssl s_server} and {@code s_client} where openssl is installed.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsTest {
    @TempDir
    static Path dir;
    static Path keystore;
    static TlsOptions serverTls;
    static TlsOptions clientTls;
    static final char[] PASS = "changeit".toCharArray();

    @BeforeAll
    static void makeCertificate() throws Exception {
        keystore = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", new String(PASS))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASS);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        serverTls = TlsOptions.of(server);
        clientTls = TlsOptions.of(client);
    }

    static <T> T run(Coro<T> main) {
        try (Runner r = new Runner()) {
            return r.run(main);
        }
    }

    static Coro<io.asyncio4j.streams.Server> echoServer() {
        return Streams.startServer((reader, writer) -> {
            while (true) {
                byte[] line = reader.readline().await();
                if (line.length == 0) {
                    break;
                }
                writer.write(line);
            }
            writer.close();
        }, "127.0.0.1", 0, serverTls);
    }

    @Test
    void streamsEchoOverTls() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            AbstractServer server = echoServer().await();
            Connection c = Streams.openConnection("localhost", server.port(), clientTls).await();
            for (String msg : List.of("hello\n", "x".repeat(50_000) + "\n")) {
                c.writer().write(msg.getBytes(StandardCharsets.UTF_8));
                log.add("echoed " + new String(c.reader().readline().await(), StandardCharsets.UTF_8)
                        .equals(msg));
            }
            log.add("cipher " + (c.writer().getExtraInfo("cipher") != null));
            log.add("peercert " + (c.writer().getExtraInfo("peercert") != null));
            c.writer().close();
            c.writer().waitClosed().await();
            server.close();
            server.waitClosed().await();
            return log;
        });
        assertThat(out).containsExactly("echoed true", "echoed true", "cipher true", "peercert true");
    }

    /** readinto over TLS: the decrypted bytes go into the waiting buffer, the rest stays buffered, none lost. */
    @Test
    void streamsReadintoOverTls() {
        byte[] msg = new byte[300_001];
        new java.util.Random(7).nextBytes(msg);
        byte[] got = run(() -> {
            AbstractServer server = Streams.startServer((reader, writer) -> {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(10_000);
                while (reader.readinto(buf.clear()).await() > 0) {
                    writer.write(buf.flip());
                }
                writer.close();
            }, "127.0.0.1", 0, serverTls).await();
            Connection c = Streams.openConnection("localhost", server.port(), clientTls).await();
            c.writer().write(msg);
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            java.nio.ByteBuffer in = java.nio.ByteBuffer.allocateDirect(3_000);
            while (all.size() < msg.length) {
                int n = c.reader().readinto(in.clear()).await();
                byte[] part = new byte[n];
                in.flip().get(part);
                all.writeBytes(part);
            }
            c.writer().close();
            c.writer().waitClosed().await();
            server.close();
            server.waitClosed().await();
            return all.toByteArray();
        });
        assertThat(java.util.Arrays.equals(got, msg)).isTrue();
    }

    @Test
    void aWrongHostNameOrAnUntrustedCertificateFailsTheHandshake() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            List<Object> serverErrors = new ArrayList<>();
            Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> serverErrors.add(ctx.get("message")));
            AbstractServer server = echoServer().await();
            try {
                Streams.openConnection("127.0.0.1", server.port(), clientTls.withServerHostname("wrong.example"))
                        .await();
                log.add("connected (wrong)");
            } catch (TlsError e) {
                log.add("hostname: " + e.getMessage().startsWith("TLS with 127.0.0.1:" + server.port() + " failed"));
            }
            try {
                Streams.openConnection("localhost", server.port(), TlsOptions.defaults()).await();
                log.add("connected (wrong)");
            } catch (TlsError e) {
                log.add("untrusted: " + e.getMessage().contains("localhost:" + server.port()));
            }
            Asyncio.sleep(0.05).await();
            log.add("server reported failed handshakes: " + !serverErrors.isEmpty());
            server.close();
            return log;
        });
        assertThat(out).containsExactly("hostname: true", "untrusted: true", "server reported failed handshakes: true");
    }

    @Test
    void aSilentServerTimesTheHandshakeOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) { // accepts (in the kernel's backlog) and never answers
            assertThatThrownBy(() -> run(() -> Streams.openConnection("localhost", silent.getLocalPort(),
                    clientTls.withHandshakeTimeout(0.2)).await()))
                    .isInstanceOf(TlsError.class).hasMessageContaining("timed out");
        }
    }

    @Test
    void startTlsUpgradesAnOpenConnection() {
        String got = run(() -> {
            Future<String> received = Asyncio.getRunningLoop().createFuture();
            AbstractServer server = Net.createServer(() -> new Protocol() {
                Transport tls;
                final List<byte[]> early = new ArrayList<>();

                @Override
                public void connectionMade(Transport plain) {
                    plain.pauseReading(); // nothing may reach this protocol before the TLS one takes over
                    Protocol self = this;
                    Asyncio.createTask(() -> {
                        tls = Net.startTls(plain, self, serverTls, true).await();
                        early.forEach(tls::write); // data that came with the handshake's last flight
                        return null;
                    });
                }

                @Override
                public void dataReceived(byte[] data) {
                    if (tls == null) {
                        early.add(data);
                    } else {
                        tls.write(data); // echo, encrypted
                    }
                }
            }, "127.0.0.1", 0).await();
            StringBuilder sb = new StringBuilder();
            var c = Net.createConnection(() -> new Protocol() {
                @Override
                public void dataReceived(byte[] data) {
                    sb.append(new String(data, StandardCharsets.UTF_8));
                    if (sb.toString().endsWith("\n")) {
                        received.setResult(sb.toString());
                    }
                }
            }, "127.0.0.1", server.port()).await();
            Transport tls = Net.startTls(c.transport(), c.protocol(), clientTls.withServerHostname("localhost"),
                    false).await();
            tls.write("over tls\n".getBytes(StandardCharsets.UTF_8));
            String s = received.await();
            tls.close();
            server.close();
            return s;
        });
        assertThat(got).isEqualTo("over tls\n");
    }

    @Test
    void interopWithOpensslServerAndClient() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Path pem = dir.resolve("server.pem");
        Process conv = new ProcessBuilder("/usr/bin/openssl", "pkcs12", "-in", keystore.toString(), "-nodes",
                "-passin", "pass:" + new String(PASS), "-out", pem.toString()).redirectErrorStream(true).start();
        conv.getInputStream().readAllBytes();
        assertThat(conv.waitFor()).isZero();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            // openssl s_server -rev answers each line reversed.
            Subprocess sServer = Subprocess.exec(List.of("/usr/bin/openssl", "s_server", "-accept",
                    String.valueOf(port), "-cert", pem.toString(), "-key", pem.toString(), "-rev", "-quiet"),
                    Redirect.DEVNULL, Redirect.PIPE, Redirect.STDOUT).await();
            Connection c = null;
            for (int i = 0; i < 100 && c == null; i++) {
                try {
                    c = Streams.openConnection("localhost", port, clientTls).await();
                } catch (ConnectionRefusedError notYet) {
                    Asyncio.sleep(0.05).await();
                }
            }
            c.writer().write("hello\n".getBytes(StandardCharsets.UTF_8));
            log.add("s_server: " + new String(c.reader().readline().await(), StandardCharsets.UTF_8).trim());
            c.writer().close();
            sServer.kill();
            sServer.waitFor().await();

            AbstractServer ours = echoServer().await();
            Subprocess sClient = Subprocess.exec(List.of("/usr/bin/openssl", "s_client", "-connect",
                    "127.0.0.1:" + ours.port(), "-quiet", "-verify_return_error", "-CAfile", pem.toString(),
                    "-verify_hostname", "localhost"), Redirect.PIPE, Redirect.PIPE, Redirect.DEVNULL).await();
            sClient.stdin().write("ping\n".getBytes(StandardCharsets.UTF_8));
            log.add("s_client: " + new String(sClient.stdout().readline().await(), StandardCharsets.UTF_8).trim());
            sClient.stdin().close();
            sClient.kill();
            sClient.waitFor().await();
            ours.close();
            return log;
        });
        assertThat(out).containsExactly("s_server: olleh", "s_client: ping");
    }

    @Test
    void closeWaitsForTheClose_notifyOnlyUpToTheShutdownTimeout() throws Exception {
        javax.net.ssl.SSLServerSocket silent = (javax.net.ssl.SSLServerSocket) serverTls.context()
                .getServerSocketFactory().createServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // A peer that completes the handshake, then reads nothing: it never answers our close_notify.
        Thread peer = Thread.ofPlatform().daemon().start(() -> {
            try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) silent.accept()) {
                s.startHandshake();
                release.await();
            } catch (Exception ignored) {
                // the test is over
            }
        });
        try {
            List<String> out = run(() -> {
                List<String> log = new ArrayList<>();
                for (boolean answers : new boolean[] {false, true}) {
                    AbstractServer ours = answers ? echoServer().await() : null;
                    int port = answers ? ours.port() : silent.getLocalPort();
                    List<Throwable> lostWith = new ArrayList<>();
                    Future<Void> lost = Asyncio.getRunningLoop().createFuture();
                    var c = Net.createConnection(() -> new Protocol() {
                        @Override
                        public void connectionLost(Throwable exc) {
                            lostWith.add(exc);
                            lost.setResult(null);
                        }
                    }, "localhost", port, clientTls.withShutdownTimeout(0.3)).await();
                    c.transport().close();
                    log.add("closing " + c.transport().isClosing());
                    lost.await();
                    Throwable exc = lostWith.get(0);
                    log.add((answers ? "answered: " : "silent: ") + (exc == null ? "None" : exc.getClass()
                            .getSimpleName() + " naming the peer " + exc.getMessage().contains("localhost:" + port)));
                    if (ours != null) {
                        ours.close();
                        ours.waitClosed().await();
                    }
                }
                return log;
            });
            assertThat(out).containsExactly("closing true", "silent: TimeoutError naming the peer true",
                    "closing true", "answered: None");
        } finally {
            release.countDown();
            silent.close();
            peer.join(5000);
        }
    }

    @Test
    void extraInformationOfATlsConnection() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            List<Object> serverSide = new ArrayList<>();
            AbstractServer server = Streams.startServer((r, w) -> {
                serverSide.add(w.getExtraInfo("sslcontext"));
                serverSide.add(w.getExtraInfo("peercert"));
                w.write(r.readline().await());
                w.close();
            }, "127.0.0.1", 0, serverTls).await();
            Connection c = Streams.openConnection("localhost", server.port(), clientTls).await();
            c.writer().write("hi\n".getBytes(StandardCharsets.UTF_8));
            c.reader().readline().await();
            var w = c.writer();
            log.add("sslcontext " + (w.getExtraInfo("sslcontext") == clientTls.context()));
            javax.net.ssl.SSLEngine engine = (javax.net.ssl.SSLEngine) w.getExtraInfo("ssl_object");
            log.add("ssl_object is the client engine " + engine.getUseClientMode());
            log.add("cipher " + w.getExtraInfo("cipher").equals(engine.getSession().getCipherSuite()));
            log.add("peercert " + ((java.security.cert.X509Certificate) w.getExtraInfo("peercert"))
                    .getSubjectX500Principal().getName());
            log.add("peername port " + (((java.net.InetSocketAddress) w.getExtraInfo("peername")).getPort()
                    == server.port()));
            log.add("sockname " + (w.getExtraInfo("sockname") instanceof java.net.InetSocketAddress));
            log.add("socket " + (w.getExtraInfo("socket") instanceof java.nio.channels.SocketChannel));
            log.add("server: sslcontext " + (serverSide.get(0) == serverTls.context()) + ", no client certificate "
                    + (serverSide.get(1) == null));
            c.writer().close();
            server.close();
            server.waitClosed().await();
            return log;
        });
        assertThat(out).containsExactly("sslcontext true", "ssl_object is the client engine true", "cipher true",
                "peercert CN=localhost", "peername port true", "sockname true", "socket true",
                "server: sslcontext true, no client certificate true");
    }

    /**
     * A client that connects to a TLS server and says nothing: the server's handshake times out, is reported to the
     * exception handler, and the connection is closed; then the failed paths (refused, untrusted, wrong name,
     * timed out) leave no descriptor open.
     */
    @Test
    void failedHandshakesAndConnectionsLeaveNothingOpen() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "not Linux");
        int refusedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            refusedPort = s.getLocalPort();
        }
        List<Integer> counts = new ArrayList<>();
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            List<String> reported = new ArrayList<>();
            Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> reported.add(ctx.get("message") + ": "
                    + ((Throwable) ctx.get("exception")).getMessage()));
            // The warm-up (class loading, JIT) may take longer than the 0.2 s handshake limit of the server under
            // test on a loaded machine: it gets a server of its own with the default limit.
            AbstractServer warmServer = Streams.startServer((r, w) -> w.close(), "127.0.0.1", 0, serverTls).await();
            Connection warm = Streams.openConnection("localhost", warmServer.port(), clientTls).await();
            warm.writer().close();
            warm.writer().waitClosed().await();
            warmServer.close();
            warmServer.waitClosed().await();
            AbstractServer server = Streams.startServer((r, w) -> w.close(), "127.0.0.1", 0,
                    serverTls.withHandshakeTimeout(0.2)).await();
            Asyncio.sleep(0.1).await();
            reported.clear();
            int before = countFds(fds);
            Connection mute = Streams.openConnection("127.0.0.1", server.port()).await(); // plain TCP, no hello
            log.add("mute client sees the server close: " + mute.reader().read(-1).await().length + " bytes");
            mute.writer().close();
            mute.writer().waitClosed().await();
            log.add("reported: " + (reported.size() == 1 && reported.get(0).startsWith("TLS handshake failed")
                    && reported.get(0).contains("timed out")));
            for (int i = 0; i < 20; i++) {
                for (TlsOptions bad : List.of(clientTls.withServerHostname("wrong.example"), TlsOptions.defaults())) {
                    try {
                        Streams.openConnection("127.0.0.1", server.port(), bad).await();
                        log.add("connected (wrong)");
                    } catch (TlsError expected) {
                        // counted below
                    }
                }
                try {
                    Streams.openConnection("127.0.0.1", refusedPort, clientTls).await();
                    log.add("connected (wrong)");
                } catch (ConnectionRefusedError expected) {
                    // counted below
                }
            }
            int after = countFds(fds);
            for (int i = 0; i < 100 && after != before; i++) { // the server's ends of the failed handshakes close too
                Asyncio.sleep(0.05).await();
                after = countFds(fds);
            }
            counts.add(before);
            counts.add(after);
            log.add("descriptors back to where they were: " + (after == before));
            server.close();
            server.waitClosed().await();
            return log;
        });
        assertThat(out).as("descriptors before and after: " + counts).containsExactly(
                "mute client sees the server close: 0 bytes", "reported: true",
                "descriptors back to where they were: true");
    }

    static int countFds(Path fds) throws java.io.IOException {
        try (var s = Files.list(fds)) {
            return (int) s.count();
        }
    }
}
