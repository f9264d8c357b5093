package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.IncompleteReadError;
import io.asyncio4j.http.httpbin.Httpbin;
import io.asyncio4j.http.test.TestServer;
import io.asyncio4j.net.ConnectionError;
import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.Streams;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests through HTTP proxies: Debian's tinyproxy on loopback (a plain GET to our httpbin, CONNECT tunnels to our
 * TLS server, Basic auth), and scripted fake proxies ({@link RawServer}) for the error paths, the request target and
 * header fields, pool keys and the environment's proxies ({@code trustEnv}, {@code NO_PROXY}).
 */
class ClientProxyTest {
    @TempDir
    static Path dir;
    static TlsOptions serverTls;
    static SSLContext trustingTestCa;
    static java.security.cert.Certificate certificate;
    static Peers.Peer proxy;
    static Peers.Peer authProxy;

    @BeforeAll
    static void start() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir);
        serverTls = tls.server();
        trustingTestCa = tls.trustingClient();
        certificate = tls.certificate();
        proxy = Peers.tinyproxy(null);
        authProxy = Peers.tinyproxy(new String[] {"proxyuser", "proxypass"});
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (authProxy != null) {
            authProxy.close();
        }
    }

    private interface Body {
        void run(int port, AtomicInteger accepted) throws Exception;
    }

    /** Runs {@code body} with an https server on 127.0.0.1 answering every request with 200 "secret", keep-alive. */
    private static void withTlsServer(Body body) {
        Asyncio.run(() -> {
            AtomicInteger accepted = new AtomicInteger();
            Server server = Streams.startServer((reader, writer) -> {
                accepted.incrementAndGet();
                while (true) {
                    try {
                        reader.readuntil("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).await();
                    } catch (IncompleteReadError | ConnectionError e) {
                        writer.close();
                        return;
                    }
                    writer.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret"
                            .getBytes(StandardCharsets.US_ASCII));
                    writer.drain().await();
                }
            }, "127.0.0.1", 0, serverTls).await();
            try {
                body.run(server.port(), accepted);
            } finally {
                server.close();
            }
            return null;
        });
    }

    /** A session whose connector trusts the test certificate and resolves no name (so direct requests fail). */
    private static ClientSession.Builder session() {
        return ClientSession.builder().connector(TCPConnector.builder().ssl(trustingTestCa)
                .resolver(loopbackNames(Set.of("localhost"))).build());
    }

    /** Maps {@code names} to 127.0.0.1 and nothing else (ClientCookieTest's, which stays in asyncio4j-http). */
    private static Resolver loopbackNames(Set<String> names) {
        return (host, port) -> () -> {
            if (!names.contains(host)) {
                throw new java.io.UncheckedIOException(new java.net.UnknownHostException(host));
            }
            return java.util.List.of(new java.net.InetSocketAddress(java.net.InetAddress.getByAddress(host,
                    new byte[] {127, 0, 0, 1}), port));
        };
    }

    private static String fetch(ClientSession s, String url, RequestOptions o) {
        try (ClientResponse r = s.get(url, o).await()) {
            return r.status() + " " + r.text().await();
        }
    }

    private static RequestOptions via(String proxyUrl) {
        return RequestOptions.builder().proxy(proxyUrl).build();
    }

    private static String tinyproxyLog(Peers.Peer p) throws Exception {
        return Files.readString(p.dir().resolve("tinyproxy.log"));
    }

    // ---- tinyproxy ----

    @Test
    void aPlainGetGoesThroughTinyproxyToHttpbin() {
        Asyncio.run(() -> {
            try (TestServer httpbin = TestServer.start(Httpbin.app()).await();
                 ClientSession s = new ClientSession()) {
                try (ClientResponse r = s.get(httpbin.url("/get?x=1"), via(proxy.url(""))).await()) {
                    assertThat(r.status()).isEqualTo(200);
                    Map<?, ?> json = r.json(Map.class).await();
                    assertThat(String.valueOf(json.get("args"))).isEqualTo("{x=1}");
                    // tinyproxy adds its Via field on the way
                    assertThat(String.valueOf(((Map<?, ?>) json.get("headers")).get("Via"))).contains("tinyproxy");
                }
                assertThat(tinyproxyLog(proxy)).contains("GET http://127.0.0.1:" + httpbin.port() + "/get?x=1");
            }
            return null;
        });
    }

    @Test
    void httpsGoesThroughATinyproxyTunnelThatIsReused() {
        withTlsServer((port, accepted) -> {
            try (ClientSession s = session().build()) {
                String url = "https://127.0.0.1:" + port + "/";
                assertThat(fetch(s, url, via(proxy.url("")))).isEqualTo("200 secret");
                assertThat(fetch(s, url, via(proxy.url("")))).isEqualTo("200 secret");
                assertThat(accepted.get()).isEqualTo(1);
                assertThat(s.connector().openConnections()).isEqualTo(1);
            }
            assertThat(tinyproxyLog(proxy)).contains("CONNECT 127.0.0.1:" + port);
            // the same through HTTPS_PROXY (HTTP_PROXY is for http URLs only)
            Map<String, String> env = Map.of("HTTPS_PROXY", proxy.url(""), "HTTP_PROXY", "http://127.0.0.1:1");
            try (ClientSession s = session().trustEnv(true).env(() -> env).build()) {
                assertThat(fetch(s, "https://127.0.0.1:" + port + "/env", RequestOptions.NONE))
                        .isEqualTo("200 secret");
            }
            assertThat(accepted.get()).isEqualTo(2);
            assertThat(tinyproxyLog(proxy).split("CONNECT 127\\.0\\.0\\.1:" + port + " ", -1)).hasSize(3);
        });
    }

    @Test
    void tinyproxyBasicAuth() {
        withTlsServer((port, accepted) -> {
            String url = "https://127.0.0.1:" + port + "/";
            BasicAuth good = new BasicAuth("proxyuser", "proxypass");
            try (ClientSession s = session().build()) {
                // https without credentials: the CONNECT is refused
                assertThatThrownBy(() -> fetch(s, url, via(authProxy.url(""))))
                        .isInstanceOfSatisfying(ClientHttpProxyError.class, e -> {
                            assertThat(e.status()).isEqualTo(407);
                            assertThat(e.requestInfo().method()).isEqualTo("CONNECT");
                        })
                        .hasMessageContaining("CONNECT 127.0.0.1:" + port)
                        .hasMessageContaining("proxy http://127.0.0.1:" + authProxy.port());
                assertThat(fetch(s, url, RequestOptions.builder().proxy(authProxy.url("")).proxyAuth(good).build()))
                        .isEqualTo("200 secret");
                // the tunnel opened with the right credentials is not shared with wrong ones (tinyproxy answers
                // wrong credentials with 401)
                assertThatThrownBy(() -> fetch(s, url, RequestOptions.builder().proxy(authProxy.url(""))
                        .proxyAuth(new BasicAuth("proxyuser", "wrong")).build()))
                        .isInstanceOfSatisfying(ClientHttpProxyError.class, e -> assertThat(e.status()).isEqualTo(401));
                // credentials in the proxy URL
                assertThat(fetch(s, url, via("http://proxyuser:proxypass@127.0.0.1:" + authProxy.port())))
                        .isEqualTo("200 secret");
            }
        });
        Asyncio.run(() -> {
            try (TestServer httpbin = TestServer.start(Httpbin.app()).await();
                 ClientSession s = new ClientSession()) {
                // plain http: the proxy's refusal is the response
                try (ClientResponse r = s.get(httpbin.url("/get"), via(authProxy.url(""))).await()) {
                    assertThat(r.status()).isEqualTo(407);
                }
                try (ClientResponse r = s.get(httpbin.url("/get"), RequestOptions.builder().proxy(authProxy.url(""))
                        .proxyAuth(new BasicAuth("proxyuser", "proxypass")).build()).await()) {
                    assertThat(r.status()).isEqualTo(200);
                }
            }
            return null;
        });
    }

    // ---- scripted proxies ----

    @Test
    void aPlainRequestUsesTheAbsoluteTargetAndProxyAuthorizationButNoProxyHeadersAndIsNotPooled() throws Exception {
        Map<String, String> seen = new HashMap<>();
        try (RawServer fake = new RawServer(peer -> {
            RawServer.Request req;
            while ((req = peer.readRequest()) != null) {
                synchronized (seen) {
                    seen.put("auth", req.headers().get("Proxy-Authorization"));
                    seen.put("x", req.headers().get("X-Proxy"));
                    seen.put("host", req.headers().get("Host"));
                }
                peer.ok("proxied");
            }
        })) {
            Peers.inSession(ClientSession.builder(), s -> {
                RequestOptions o = RequestOptions.builder().proxy(fake.url("")).proxyAuth(new BasicAuth("u", "p"))
                        .proxyHeader("X-Proxy", "yes").build();
                assertThat(fetch(s, "http://example.test:8080/a/b?q=1#frag", o)).isEqualTo("200 proxied");
                assertThat(fetch(s, "http://example.test/", o)).isEqualTo("200 proxied");
            });
            assertThat(fake.requestLines).containsExactly("GET http://example.test:8080/a/b?q=1 HTTP/1.1",
                    "GET http://example.test/ HTTP/1.1");
            assertThat(fake.accepted.get()).isEqualTo(2);     // aiohttp closes proxied plain connections
            assertThat(seen).containsEntry("auth", "Basic " + Base64.getEncoder().encodeToString("u:p".getBytes()))
                    .containsEntry("x", null).containsEntry("host", "example.test"); // aiohttp 3.8: CONNECT only
        }
    }

    @Test
    void theConnectCarriesTheProxyHeadersButNotAHostOfTheirs() throws Exception {
        List<Headers> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RawServer fake = new RawServer(peer -> {
            RawServer.Request head = peer.readRequestHead();
            if (head != null) {
                seen.add(head.headers());
                peer.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
                peer.awaitClose();
            }
        })) {
            Peers.inSession(session(), s -> {
                RequestOptions o = RequestOptions.builder().proxy(fake.url("")).proxyHeader("X-Proxy", "1")
                        .proxyHeader("X-Proxy", "2").proxyHeader("Host", "elsewhere.test").build();
                assertThatThrownBy(() -> fetch(s, "https://secure.test:8443/x", o))
                        .isInstanceOf(ClientHttpProxyError.class);
            });
        }
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).getAll("X-Proxy")).containsExactly("1", "2");
        assertThat(seen.get(0).getAll("Host")).containsExactly("secure.test:8443");
    }

    /** aiohttp's sock_connect: the TCP connection to the proxy and the TLS handshake, not the CONNECT's answer. */
    @Test
    void sockConnectDoesNotBoundTheProxysAnswerToConnect() throws Exception {
        try (RawServer slow = new RawServer(peer -> {
            if (peer.readRequestHead() != null) {
                Thread.sleep(600);  // the proxy reaching the target
                peer.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
                peer.awaitClose();
            }
        })) {
            Peers.inSession(session().timeout(ClientTimeout.DEFAULT.withSockConnect(0.2)), s ->
                    assertThatThrownBy(() -> fetch(s, "https://secure.test/", via(slow.url(""))))
                            .isInstanceOfSatisfying(ClientHttpProxyError.class,
                                    e -> assertThat(e.status()).isEqualTo(403)));
        }
    }

    /** A fake proxy answering CONNECT with {@code answer}. */
    private static RawServer refusing(String answer) throws Exception {
        return new RawServer(peer -> {
            if (peer.readRequestHead() != null) {
                peer.write(answer);
                peer.awaitClose();
            }
        });
    }

    @Test
    void aConnectRefusedWith403Or407RaisesClientHttpProxyError() throws Exception {
        try (RawServer forbidden = refusing("HTTP/1.1 403 Forbidden\r\nContent-Length: 3\r\n\r\nno!");
             RawServer auth = refusing("HTTP/1.1 407 Proxy Authentication Required\r\n"
                     + "Proxy-Authenticate: Basic realm=\"p\"\r\nContent-Length: 0\r\n\r\n")) {
            Peers.inSession(session(), s -> {
                assertThatThrownBy(() -> fetch(s, "https://secure.test:8443/x", via(forbidden.url(""))))
                        .isInstanceOfSatisfying(ClientHttpProxyError.class, e -> {
                            assertThat(e.status()).isEqualTo(403);
                            assertThat(e.message()).isEqualTo("Forbidden");
                            assertThat(e.proxy().toString()).isEqualTo("http://127.0.0.1:" + forbidden.port());
                        })
                        .isInstanceOf(ClientResponseError.class)
                        .hasMessage("403, message='Forbidden', url='https://secure.test:8443/' (CONNECT"
                                + " secure.test:8443 through proxy http://127.0.0.1:" + forbidden.port() + ")");
                assertThatThrownBy(() -> fetch(s, "https://secure.test/", via(auth.url(""))))
                        .isInstanceOfSatisfying(ClientHttpProxyError.class, e -> {
                            assertThat(e.status()).isEqualTo(407);
                            assertThat(e.headers().get("Proxy-Authenticate")).isEqualTo("Basic realm=\"p\"");
                        });
                assertThat(s.connector().openConnections()).isZero();
            });
            assertThat(forbidden.requestLines).containsExactly("CONNECT secure.test:8443 HTTP/1.1");
            assertThat(auth.requestLines).containsExactly("CONNECT secure.test:443 HTTP/1.1");
        }
    }

    @Test
    void aProxyClosingMidHandshakeRaisesServerDisconnectedError() throws Exception {
        try (RawServer closing = new RawServer(peer -> {
            peer.readRequestHead();
            peer.write("HTTP/1.1 200 Conn");        // half a status line, then the close
        })) {
            Peers.inSession(session(), s -> assertThatThrownBy(() -> fetch(s, "https://secure.test/",
                    via(closing.url(""))))
                    .isInstanceOf(ServerDisconnectedError.class)
                    .hasMessageContaining("proxy http://127.0.0.1:" + closing.port())
                    .hasMessageContaining("CONNECT secure.test:443"));
        }
    }

    @Test
    void anUnreachableProxyRaisesClientProxyConnectionError() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        Peers.inSession(session(), s -> {
            assertThatThrownBy(() -> fetch(s, "https://secure.test/", via("http://127.0.0.1:" + port)))
                    .isInstanceOfSatisfying(ClientProxyConnectionError.class, e -> {
                        assertThat(e.host()).isEqualTo("127.0.0.1");
                        assertThat(e.port()).isEqualTo(port);
                        assertThat(e.targetHost()).isEqualTo("secure.test");
                    })
                    .isInstanceOf(ClientConnectorError.class)
                    .hasMessageStartingWith("Cannot connect to proxy 127.0.0.1:" + port
                            + " for host secure.test:443 ssl:default [");
            assertThatThrownBy(() -> fetch(s, "http://plain.test/", via("http://127.0.0.1:" + port)))
                    .isInstanceOf(ClientProxyConnectionError.class)
                    .hasMessageStartingWith("Cannot connect to proxy 127.0.0.1:" + port
                            + " for host plain.test:80 ssl:default [");
            assertThatThrownBy(() -> fetch(s, "http://plain.test/", via("http://unknown.test:3128")))
                    .isInstanceOf(ClientProxyConnectionError.class)
                    .hasMessageContaining("unknown.test");
        });
    }

    /** A fake proxy that answers CONNECT with 200 and then pipes the bytes to 127.0.0.1:{@code port}. */
    private static RawServer tunnelTo(int port) throws Exception {
        return new RawServer(peer -> {
            if (peer.readRequestHead() == null) {
                return;
            }
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
                peer.write("HTTP/1.1 200 Connection established\r\n\r\n");
                Thread back = Thread.ofPlatform().daemon().start(() -> pipe(upstream, peer.socket));
                pipe(peer.socket, upstream);
                back.join(5000);
            }
        });
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (Exception ignored) {
            // one side went away
        }
    }

    @Test
    void theTunnelsCertificateIsCheckedAgainstTheTargetNotTheProxy() {
        withTlsServer((port, accepted) -> {
            try (RawServer tunnel = tunnelTo(port)) {
                try (ClientSession s = session().build()) {
                    // the certificate is for localhost: a tunnel to another name is refused...
                    assertThatThrownBy(() -> fetch(s, "https://other.test:" + port + "/", via(tunnel.url(""))))
                            .isInstanceOf(ClientConnectorCertificateError.class)
                            .hasMessageStartingWith("Cannot connect to host other.test:" + port);
                    // ...and one to localhost accepted (the name is never resolved here: the session resolves
                    // only the proxy, an IP address)
                    assertThat(fetch(s, "https://localhost:" + port + "/", via(tunnel.url(""))))
                            .isEqualTo("200 secret");
                }
                assertThat(tunnel.requestLines).containsExactly("CONNECT other.test:" + port + " HTTP/1.1",
                        "CONNECT localhost:" + port + " HTTP/1.1");
            }
        });
    }

    @Test
    void aPinnedCertificateIsCheckedInsideTheTunnel() {
        withTlsServer((port, accepted) -> {
            Fingerprint pinned = Fingerprint.of(certificate);
            byte[] wrong = pinned.fingerprint();
            wrong[0] ^= 1;
            try (RawServer tunnel = tunnelTo(port); ClientSession s = ClientSession.builder().build()) {
                // no CA and no name check: the certificate for localhost is accepted for other.test
                assertThat(fetch(s, "https://other.test:" + port + "/", RequestOptions.builder().proxy(tunnel.url(""))
                        .ssl(pinned).build())).isEqualTo("200 secret");
                assertThatThrownBy(() -> fetch(s, "https://other.test:" + port + "/", RequestOptions.builder()
                        .proxy(tunnel.url("")).ssl(new Fingerprint(wrong)).build()))
                        .isInstanceOfSatisfying(ServerFingerprintMismatch.class, e -> {
                            assertThat(e.host()).isEqualTo("other.test");
                            assertThat(e.port()).isEqualTo(port);
                            assertThat(e.got()).isEqualTo(pinned.fingerprint());
                        });
                // the pinned tunnel was pooled; the refused one was not
                assertThat(s.connector().openConnections()).isEqualTo(1);
                assertThat(tunnel.requestLines).containsExactly("CONNECT other.test:" + port + " HTTP/1.1",
                        "CONNECT other.test:" + port + " HTTP/1.1");
            }
        });
    }

    @Test
    void tunnelsAreKeyedByProxyCredentialsAndHeaders() {
        withTlsServer((port, accepted) -> {
            try (RawServer tunnel = tunnelTo(port)) {
                try (ClientSession s = session().build()) {
                    String url = "https://localhost:" + port + "/";
                    RequestOptions a = RequestOptions.builder().proxy(tunnel.url(""))
                            .proxyAuth(new BasicAuth("a", "1")).build();
                    RequestOptions b = RequestOptions.builder().proxy(tunnel.url(""))
                            .proxyAuth(new BasicAuth("b", "2")).build();
                    RequestOptions h = RequestOptions.builder().proxy(tunnel.url("")).proxyHeader("X-P", "1").build();
                    for (RequestOptions o : List.of(a, b, h, a, b, h)) {
                        assertThat(fetch(s, url, o)).isEqualTo("200 secret");
                    }
                    assertThat(tunnel.accepted.get()).isEqualTo(3);
                    assertThat(s.connector().openConnections()).isEqualTo(3);
                }
            }
        });
    }

    // ---- the environment ----

    /** A fake proxy and origin in one: answers every request with its request line. */
    private static RawServer echoLine() throws Exception {
        return new RawServer(peer -> {
            RawServer.Request req;
            while ((req = peer.readRequest()) != null) {
                String auth = req.headers().get("Proxy-Authorization");
                peer.ok(req.line() + (auth == null ? "" : " " + auth));
            }
        });
    }

    @Test
    void trustEnvUsesHttpProxyWithItsCredentialsAndNoProxyBypasses() throws Exception {
        try (RawServer srv = echoLine()) {
            String target = "http://127.0.0.1:" + srv.port() + "/x";
            Map<String, String> env = new HashMap<>(Map.of("HTTP_PROXY", "http://us%40er:pw@127.0.0.1:" + srv.port()));
            Peers.inSession(ClientSession.builder().trustEnv(true).env(() -> env), s -> {
                assertThat(fetch(s, target, RequestOptions.NONE)).isEqualTo("200 GET " + target
                        + " HTTP/1.1 Basic " + Base64.getEncoder().encodeToString("us@er:pw".getBytes()));
                env.put("no_proxy", "localhost, .0.1");
                assertThat(fetch(s, target, RequestOptions.NONE)).isEqualTo("200 GET /x HTTP/1.1");
                env.put("no_proxy", "*");
                assertThat(fetch(s, target, RequestOptions.NONE)).isEqualTo("200 GET /x HTTP/1.1");
                // a request's own proxy wins over the environment, NO_PROXY or not
                assertThat(fetch(s, target, via(srv.url("")))).isEqualTo("200 GET " + target + " HTTP/1.1");
            });
        }
    }

    @Test
    void trustEnvIsOffByDefault() throws Exception {
        try (RawServer srv = echoLine()) {
            Map<String, String> env = Map.of("HTTP_PROXY", "http://127.0.0.1:" + srv.port(), "http_proxy",
                    "http://127.0.0.1:" + srv.port());
            Peers.inSession(ClientSession.builder().env(() -> env), s ->
                    assertThat(fetch(s, srv.url("/x"), RequestOptions.NONE)).isEqualTo("200 GET /x HTTP/1.1"));
        }
    }

    @Test
    void environmentRulesFollowCPython() {
        // lower case wins; an empty lower-case value removes the scheme's proxy
        assertThat(ProxyEnv.proxies(Map.of("HTTP_PROXY", "http://upper:1", "http_proxy", "http://lower:2")))
                .containsEntry("http", "http://lower:2");
        assertThat(ProxyEnv.proxies(Map.of("HTTPS_PROXY", "http://upper:1", "https_proxy", ""))).doesNotContainKey(
                "https");
        // a CGI script ignores HTTP_PROXY (CVE-2016-1000110), not http_proxy
        assertThat(ProxyEnv.proxies(Map.of("HTTP_PROXY", "http://p:1", "REQUEST_METHOD", "GET")))
                .doesNotContainKey("http");
        assertThat(ProxyEnv.proxies(Map.of("http_proxy", "http://p:1", "REQUEST_METHOD", "GET")))
                .containsEntry("http", "http://p:1");
        // https URLs use HTTPS_PROXY; an https:// proxy is ignored as aiohttp does
        ProxyInfo p = ProxyEnv.forUrl(java.net.URI.create("https://a.example/"),
                Map.of("HTTPS_PROXY", "http://u:p@proxy.example:3128", "HTTP_PROXY", "http://other:1"));
        assertThat(p.host()).isEqualTo("proxy.example");
        assertThat(p.port()).isEqualTo(3128);
        assertThat(p.auth()).isEqualTo(new BasicAuth("u", "p"));
        assertThat(p.url().toString()).isEqualTo("http://proxy.example:3128");
        assertThat(ProxyEnv.forUrl(java.net.URI.create("https://a.example/"),
                Map.of("HTTPS_PROXY", "https://proxy.example:3128"))).isNull();
        assertThat(ProxyEnv.forUrl(java.net.URI.create("https://a.example/"),
                Map.of("HTTP_PROXY", "http://proxy.example:3128"))).isNull();
        // NO_PROXY: host names and domain suffixes, case-insensitive, leading dots ignored
        Map<String, String> no = Map.of("no", "Example.com, .internal");
        assertThat(ProxyEnv.bypass("example.com", no)).isTrue();
        assertThat(ProxyEnv.bypass("www.example.com", no)).isTrue();
        assertThat(ProxyEnv.bypass("a.b.internal", no)).isTrue();
        assertThat(ProxyEnv.bypass("notexample.com", no)).isFalse();
        assertThat(ProxyEnv.bypass("example.org", no)).isFalse();
        assertThat(ProxyEnv.bypass("anything", Map.of())).isFalse();
    }

    @Test
    void aProxyUrlThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> RequestOptions.builder().proxy("https://p:3128"))
                .isInstanceOf(InvalidURL.class).hasMessageContaining("only http:// proxies");
        assertThatThrownBy(() -> RequestOptions.builder().proxy("http:///nohost"))
                .isInstanceOf(InvalidURL.class).hasMessageContaining("no host");
    }
}
