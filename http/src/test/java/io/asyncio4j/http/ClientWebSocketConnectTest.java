package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.IncompleteReadError;
import io.asyncio4j.Task;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.Site;
import io.asyncio4j.http.web.Web;
import io.asyncio4j.http.web.WebSocketResponse;
import io.asyncio4j.http.ws.WSHandshake;
import io.asyncio4j.http.ws.WSMessage;
import io.asyncio4j.http.ws.WSMsgType;
import io.asyncio4j.http.ws.WSOptions;
import io.asyncio4j.http.ws.WebSocketWriter;
import io.asyncio4j.net.ConnectionError;
import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.Streams;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@link ClientSession#wsConnect} through the session's request machinery, with real sockets: our server's
 * {@link WebSocketResponse} (plain), a scripted TLS WebSocket server with a self-signed certificate, and Debian's
 * tinyproxy for the proxied handshakes.
 */
class ClientWebSocketConnectTest {
    @TempDir
    static Path dir;
    static TlsOptions serverTls;
    static SSLContext trustingTestCa;
    static Fingerprint pinned;
    static Peers.Peer proxy;

    @BeforeAll
    static void start() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir);
        serverTls = tls.server();
        trustingTestCa = tls.trustingClient();
        pinned = Fingerprint.of(tls.certificate());
        proxy = Peers.tinyproxy(null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    /**
     * /ws: a WebSocket whose 101 sets a cookie and whose first message tells what the handshake brought (cookies,
     * credentials, a session header field); then it echoes text until the client closes. /plain: 200 "plain".
     */
    private static Application app() {
        Application app = new Application();
        app.router().get("/ws", request -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.header("Set-Cookie", "ticket=abc; Path=/");
            ws.prepare(request).await();
            Headers h = request.headers();
            ws.sendStr("hello cookie=" + h.getOrDefault("Cookie", "-") + " auth="
                    + h.getOrDefault("Authorization", "-") + " team=" + h.getOrDefault("X-Team", "-")).await();
            while (true) {
                WSMessage m = ws.receive().await();
                if (m.type() != WSMsgType.TEXT) {
                    return ws;
                }
                ws.sendStr("echo " + m.str()).await();
            }
        });
        app.router().get("/plain", request -> Response.text("plain"));
        return app;
    }

    private interface SiteBody {
        Object run(Site site) throws Exception;
    }

    private static Object withSite(SiteBody body) {
        return Asyncio.run(() -> {
            Site site = Web.start(app(), "127.0.0.1", 0).await();
            try {
                return body.run(site);
            } finally {
                site.close();
            }
        });
    }

    /** The next text message, within 5 s (a lost message fails the test instead of hanging it). */
    private static String nextText(ClientWebSocketResponse ws) {
        return Asyncio.waitFor(ws.receiveStr(), 5.0).await();
    }

    private static String url(Site site, String path) {
        return "ws://127.0.0.1:" + site.port() + path;
    }

    private static String key(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        throw new AssertionError("no key in " + head);
    }

    /**
     * A one-message WebSocket server on 127.0.0.1 (TLS if {@code tls} is not null): it answers each handshake with
     * a 101 and, in the same write, a text frame "first &lt;request line&gt;", then answers the client's close frame.
     */
    private static Server scriptedServer(TlsOptions tls, AtomicInteger accepted) {
        return Streams.startServer((reader, writer) -> {
            accepted.incrementAndGet();
            try {
                String head = new String(reader.readuntil("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).await(),
                        StandardCharsets.ISO_8859_1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + WSHandshake.accept(key(head)) + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(WebSocketWriter.frame(1, ("first " + head.substring(0, head.indexOf("\r\n")))
                        .getBytes(StandardCharsets.UTF_8), true, false));
                writer.write(out.toByteArray());      // the 101 and the frame in one segment
                writer.drain().await();
                if (reader.read(4096).await().length > 0) {
                    // the client's close frame: answer it, as a server does
                    writer.write(WebSocketWriter.frame(8, new byte[] {0x03, (byte) 0xE8}, true, false));
                    writer.drain().await();
                }
            } catch (IncompleteReadError | ConnectionError e) {
                // the client went away
            }
            writer.close();
        }, "127.0.0.1", 0, tls).await();
    }

    @Test
    void cookiesOfTheJarGoWithTheHandshakeAndTheAnswersSetCookieIsStored() {
        Object got = withSite(site -> {
            // an unsafe jar: the server is an IP address, whose cookies aiohttp's default jar ignores
            try (ClientSession s = ClientSession.builder().cookieJar(new CookieJar(true)).cookies(Map.of("sid", "1"))
                    .build()) {
                ClientWebSocketResponse ws = s.wsConnect(url(site, "/ws")).await();
                String first = nextText(ws);
                List<String> jar = new ArrayList<>();
                s.cookieJar().forEach(c -> jar.add(c.name() + "=" + c.value()));
                jar.sort(null);
                ws.close().await();
                ClientWebSocketResponse again = s.wsConnect(url(site, "/ws")).await();
                String second = nextText(again);
                again.close().await();
                return List.of(first, jar, second);
            }
        });
        assertThat(got).isEqualTo(List.of("hello cookie=sid=1 auth=- team=-", List.of("sid=1", "ticket=abc"),
                "hello cookie=sid=1; ticket=abc auth=- team=-"));
    }

    @Test
    void basicAuthOfTheSessionTheUrlAndTheRequest() {
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString("user:pass".getBytes());
        Object got = withSite(site -> {
            List<String> out = new ArrayList<>();
            try (ClientSession s = ClientSession.builder().auth(new BasicAuth("user", "pass")).build()) {
                ClientWebSocketResponse ws = s.wsConnect(url(site, "/ws")).await();
                out.add(nextText(ws));
                ws.close().await();
            }
            try (ClientSession s = new ClientSession()) {
                ClientWebSocketResponse ws = s.wsConnect("ws://user:pass@127.0.0.1:" + site.port() + "/ws").await();
                out.add(nextText(ws));
                ws.close().await();
                ws = s.wsConnect(url(site, "/ws"), WSOptions.DEFAULT,
                        RequestOptions.builder().auth(new BasicAuth("user", "pass")).build()).await();
                out.add(nextText(ws));
                ws.close().await();
            }
            return out;
        });
        assertThat(got).isEqualTo(List.of("hello cookie=- auth=" + expected + " team=-",
                "hello cookie=- auth=" + expected + " team=-", "hello cookie=- auth=" + expected + " team=-"));
    }

    @Test
    void theSessionsBaseUrlHeadersAndTracesApply() {
        Object got = withSite(site -> {
            List<String> events = new ArrayList<>();
            TraceConfig trace = new TraceConfig()
                    .onRequestStart((s, ctx, p) -> events.add("start " + p.method() + " " + p.url().getPath()
                            + " " + p.headers().get("Upgrade")))
                    .onConnectionCreateStart((s, ctx, p) -> events.add("connect"))
                    .onRequestEnd((s, ctx, p) -> events.add("end " + p.response().status()));
            try (ClientSession s = ClientSession.builder().baseUrl("http://127.0.0.1:" + site.port() + "/")
                    .header("X-Team", "blue").traceConfig(trace).build()) {
                ClientWebSocketResponse ws = s.wsConnect("/ws").await();
                events.add(nextText(ws));
                events.add(String.valueOf(ws.status()));
                ws.close().await();
            }
            return events;
        });
        assertThat(got).isEqualTo(List.of("start GET /ws websocket", "connect", "end 101",
                "hello cookie=- auth=- team=blue", "101"));
    }

    @Test
    void dataSentRightAfterThe101IsTheFirstMessage() {
        Object got = Asyncio.run(() -> {
            Server server = scriptedServer(null, new AtomicInteger());
            try (ClientSession s = new ClientSession()) {
                ClientWebSocketResponse ws = s.wsConnect("ws://127.0.0.1:" + server.port() + "/first?x=1").await();
                String first = nextText(ws);
                ws.close().await();
                return first;
            } finally {
                server.close();
            }
        });
        assertThat(got).isEqualTo("first GET /first?x=1 HTTP/1.1");
    }

    @Test
    void aLimitOfOneMakesTheNextHandshakeWaitUntilTheWebSocketCloses() {
        Object got = withSite(site -> {
            List<Object> out = new ArrayList<>();
            TCPConnector connector = TCPConnector.builder().limit(1).build();
            try (ClientSession s = ClientSession.builder().connector(connector).build()) {
                ClientWebSocketResponse first = s.wsConnect(url(site, "/ws")).await();
                out.add(nextText(first));
                out.add(connector.openConnections());
                Task<ClientWebSocketResponse> second = Asyncio.createTask(s.wsConnect(url(site, "/ws")));
                Task<ClientResponse> get = Asyncio.createTask(s.get("http://127.0.0.1:" + site.port() + "/plain"));
                while (!connector.toString().contains("waiting=2")) {
                    Asyncio.sleep(0).await();               // until both are queued in the connector
                }
                out.add(second.done() || get.done());       // both wait: the WebSocket holds the only slot
                first.close().await();
                ClientWebSocketResponse ws = Asyncio.waitFor(second, 5.0).await();
                out.add(nextText(ws));
                out.add(get.done());                        // still waiting: the second WebSocket has the slot
                ws.close().await();
                try (ClientResponse r = Asyncio.waitFor(get, 5.0).await()) {
                    out.add(r.text().await());
                }
            }
            return out;
        });
        assertThat(got).isEqualTo(List.of("hello cookie=- auth=- team=-", 1, false,
                "hello cookie=- auth=- team=-", false, "plain"));
    }

    @Test
    void theConnectTimeoutBoundsTheWaitForAPoolSlot() {
        Object got = withSite(site -> {
            List<Object> out = new ArrayList<>();
            try (ClientSession s = ClientSession.builder().connector(TCPConnector.builder().limit(1).build())
                    .build()) {
                ClientWebSocketResponse first = s.wsConnect(url(site, "/ws")).await();
                try {
                    s.wsConnect(url(site, "/ws"), WSOptions.DEFAULT, RequestOptions.builder()
                            .timeout(ClientTimeout.DEFAULT.withConnect(0.05)).build()).await();
                    out.add("connected?");
                } catch (ServerTimeoutError e) {
                    out.add(e.getMessage().startsWith("Connection timeout"));
                }
                out.add(nextText(first));      // the first WebSocket is unharmed
                first.close().await();
            }
            return out;
        });
        assertThat(got).isEqualTo(List.of(true, "hello cookie=- auth=- team=-"));
    }

    @Test
    void aNon101AnswerFailsTheHandshakeAndItsConnectionIsNotReused() {
        Object got = withSite(site -> {
            List<Object> out = new ArrayList<>();
            AtomicInteger created = new AtomicInteger();
            AtomicInteger reused = new AtomicInteger();
            TraceConfig trace = new TraceConfig()
                    .onConnectionCreateStart((s, ctx, p) -> created.incrementAndGet())
                    .onConnectionReuseconn((s, ctx, p) -> reused.incrementAndGet());
            try (ClientSession s = ClientSession.builder().traceConfig(trace).build()) {
                for (String path : List.of("/plain", "/missing")) {
                    try {
                        s.wsConnect(url(site, path)).await();
                        out.add("connected?");
                    } catch (WSServerHandshakeError e) {
                        out.add(e.status() + " " + e.message() + " idle=" + s.connector().idleConnections()
                                + " open=" + s.connector().openConnections());
                    }
                }
                try (ClientResponse r = s.get("http://127.0.0.1:" + site.port() + "/plain").await()) {
                    r.text().await();
                }
                try (ClientResponse r = s.get("http://127.0.0.1:" + site.port() + "/plain").await()) {
                    r.text().await();
                }
                out.add("created=" + created.get() + " reused=" + reused.get());
            }
            return out;
        });
        // each handshake had its own connection, closed after the answer; the plain requests share one
        assertThat(got).isEqualTo(List.of("200 Invalid response status idle=0 open=0",
                "404 Invalid response status idle=0 open=0", "created=3 reused=1"));
    }

    @Test
    void wssToASelfSignedServerIsRefusedByDefaultAndAcceptedByTheConnectorsOrTheRequestsSsl() {
        Object got = Asyncio.run(() -> {
            Server server = scriptedServer(serverTls, new AtomicInteger());
            String url = "wss://127.0.0.1:" + server.port() + "/secure";
            List<Object> out = new ArrayList<>();
            try {
                try (ClientSession s = new ClientSession()) {
                    try {
                        s.wsConnect(url).await();
                        out.add("connected?");
                    } catch (ClientConnectorCertificateError e) {
                        out.add("refused");
                    }
                    ClientWebSocketResponse ws = s.wsConnect(url, WSOptions.DEFAULT,
                            RequestOptions.builder().ssl(trustingTestCa).build()).await();
                    out.add(nextText(ws));
                    ws.close().await();
                }
                try (ClientSession s = ClientSession.builder()
                        .connector(TCPConnector.builder().ssl(trustingTestCa).build()).build()) {
                    ClientWebSocketResponse ws = s.wsConnect(url).await();
                    out.add(nextText(ws));
                    ws.close().await();
                }
                try (ClientSession s = ClientSession.builder()
                        .connector(TCPConnector.builder().verifySsl(false).build()).build()) {
                    ClientWebSocketResponse ws = s.wsConnect(url).await();
                    out.add(nextText(ws));
                    ws.close().await();
                }
            } finally {
                server.close();
            }
            return out;
        });
        assertThat(got).isEqualTo(List.of("refused", "first GET /secure HTTP/1.1", "first GET /secure HTTP/1.1",
                "first GET /secure HTTP/1.1"));
    }

    @Test
    void wsThroughTinyproxyGoesInACONNECTTunnel() throws Exception {
        Object got = withSite(site -> {
            List<Object> out = new ArrayList<>();
            try (ClientSession s = new ClientSession()) {
                ClientWebSocketResponse ws = s.wsConnect(url(site, "/ws"), WSOptions.DEFAULT,
                        RequestOptions.builder().proxy(proxy.url("")).build()).await();
                out.add(nextText(ws));
                ws.sendStr("through").await();
                out.add(nextText(ws));
                ws.close().await();
            }
            // aiohttp's trust_env: a ws URL takes the environment's ws_proxy
            try (ClientSession s = ClientSession.builder().trustEnv(true)
                    .env(() -> Map.of("ws_proxy", proxy.url(""))).build()) {
                ClientWebSocketResponse ws = s.wsConnect(url(site, "/ws")).await();
                out.add(nextText(ws));
                ws.close().await();
            }
            out.add(Files.readString(proxy.dir().resolve("tinyproxy.log")).split("CONNECT 127\\.0\\.0\\.1:"
                    + site.port() + " ", -1).length - 1);
            return out;
        });
        assertThat(got).isEqualTo(List.of("hello cookie=- auth=- team=-", "echo through",
                "hello cookie=- auth=- team=-", 2));
    }

    @Test
    void wssThroughTinyproxy() {
        Object got = Asyncio.run(() -> {
            Server server = scriptedServer(serverTls, new AtomicInteger());
            try (ClientSession s = ClientSession.builder().connector(TCPConnector.builder().ssl(trustingTestCa)
                    .resolver(ClientCookieTest.loopbackNames(Set.of())).build()).build()) {
                // the target's name is the proxy's to resolve: ours knows none, so a direct connection would fail
                ClientWebSocketResponse ws = s.wsConnect("wss://localhost:" + server.port() + "/tunnelled",
                        WSOptions.DEFAULT, RequestOptions.builder().proxy(proxy.url("")).build()).await();
                String first = nextText(ws);
                ws.close().await();
                return List.of(first, Files.readString(proxy.dir().resolve("tinyproxy.log"))
                        .contains("CONNECT localhost:" + server.port() + " "));
            } finally {
                server.close();
            }
        });
        assertThat(got).isEqualTo(List.of("first GET /tunnelled HTTP/1.1", true));
    }

    @Test
    void wssPinnedByAFingerprintDirectAndThroughATinyproxyTunnel() {
        Object got = Asyncio.run(() -> {
            Server server = scriptedServer(serverTls, new AtomicInteger());
            byte[] wrong = pinned.fingerprint();
            wrong[5] ^= 1;
            List<Object> out = new ArrayList<>();
            try (ClientSession s = new ClientSession()) {
                for (String proxyUrl : new String[] {null, proxy.url("")}) {
                    // an IP address: one address to try (a host's other addresses are tried after a mismatch)
                    String url = "wss://127.0.0.1:" + server.port() + "/pinned";
                    ClientWebSocketResponse ws = s.wsConnect(url, WSOptions.DEFAULT,
                            RequestOptions.builder().proxy(proxyUrl).ssl(pinned).build()).await();
                    out.add(nextText(ws));
                    ws.close().await();
                    try {
                        s.wsConnect(url, WSOptions.DEFAULT, RequestOptions.builder().proxy(proxyUrl)
                                .ssl(new Fingerprint(wrong)).build()).await();
                        out.add("connected?");
                    } catch (ServerFingerprintMismatch e) {
                        out.add("mismatch " + e.host() + " " + (e.port() == server.port()));
                    }
                }
            } finally {
                server.close();
            }
            return out;
        });
        assertThat(got).isEqualTo(List.of("first GET /pinned HTTP/1.1", "mismatch 127.0.0.1 true",
                "first GET /pinned HTTP/1.1", "mismatch 127.0.0.1 true"));
    }

    @Test
    void aBodyInTheRequestOptionsIsRefused() {
        try (ClientSession s = new ClientSession()) {
            assertThatThrownBy(() -> s.wsConnect("ws://127.0.0.1:1/", WSOptions.DEFAULT,
                    RequestOptions.builder().json(Map.of("a", 1)).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no body");
        }
    }
}
