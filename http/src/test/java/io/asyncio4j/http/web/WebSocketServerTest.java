package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.http.ClientSession;
import io.asyncio4j.http.ClientWebSocketResponse;
import io.asyncio4j.http.ws.WSCloseCode;
import io.asyncio4j.http.ws.WSMessage;
import io.asyncio4j.http.ws.WSMsgType;
import io.asyncio4j.http.ws.WSOptions;
import io.asyncio4j.http.WSServerHandshakeError;
import io.asyncio4j.http.ws.WebSocketWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Our WebSocket server and client against each other, and raw sockets against the server. */
class WebSocketServerTest {
    /** An echo app: /ws echoes text, binary and JSON, closes with 4001 on "bye"; records what it saw. */
    static Application echoApp(List<String> log, WSOptions options) {
        Application app = new Application();
        app.router().get("/", request -> Response.text("not a websocket"));
        app.router().get("/ws", request -> {
            WebSocketResponse ws = new WebSocketResponse(options);
            ws.prepare(request).await();
            log.add("protocol " + ws.protocol());
            for (WSMessage msg : ws) {
                log.add(msg.type() + "");
                switch (msg.type()) {
                    case TEXT -> {
                        if (msg.str().equals("bye")) {
                            ws.close(4001, "see you").await();
                        } else {
                            ws.sendStr("echo " + msg.str()).await();
                        }
                    }
                    case BINARY -> ws.sendBytes(msg.bytes()).await();
                    case PING -> ws.pong(msg.bytes()).await();
                    case ERROR -> log.add("error " + msg.exception().getMessage());
                    default -> {
                    }
                }
            }
            log.add("closed " + ws.closeCode() + " " + (ws.exception() == null ? ""
                    : ws.exception().getClass().getSimpleName()));
            return ws;
        });
        return app;
    }

    /** Runs {@code body} against {@code app}, then waits for the handler to log "closed" (if it started). */
    static <T> T withServer(Application app, List<String> log, RawClient.PortFunction<T> body) {
        return Asyncio.run(() -> {
            Site site = Web.start(app, "127.0.0.1", 0).await();
            try {
                T r = body.apply(site.port());
                while (!log.isEmpty() && !log.get(log.size() - 1).startsWith("closed")) {
                    Asyncio.sleep(0.005).await();
                }
                return r;
            } finally {
                site.close();
            }
        });
    }

    @Test
    void clientAndServerExchangeAndCloseWithACode() {
        List<String> log = new CopyOnWriteArrayList<>();
        WSOptions serverOptions = WSOptions.builder().protocols("v2", "v1").build();
        List<Object> got = withServer(echoApp(log, serverOptions), log, port -> {
            List<Object> out = new ArrayList<>();
            try (ClientSession session = new ClientSession()) {
                ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + port + "/ws",
                        WSOptions.builder().protocols("v1", "v2").autoping(false).build()).await();
                out.add(ws.status());
                out.add(ws.protocol());
                out.add(ws.connection().compressed());
                ws.sendStr("héllo").await();
                out.add(ws.receiveStr().await());
                ws.sendBytes(new byte[100_000]).await();
                out.add(ws.receiveBytes().await().length);
                ws.sendJson(Map.of("a", 1)).await();
                out.add(ws.receiveStr().await());
                ws.ping("p1".getBytes(StandardCharsets.UTF_8)).await();
                WSMessage pong = ws.receive().await();
                out.add(pong.type() + " " + new String(pong.bytes(), StandardCharsets.UTF_8));
                ws.sendStr("bye").await();
                WSMessage close = ws.receive().await(); // autoclose answers it
                out.add(close.type() + " " + close.code() + " " + close.extra());
                out.add(ws.closed() + " " + ws.closeCode());
                out.add(ws.receive().await().type());
            }
            return out;
        });
        assertThat(got).containsExactly(101, "v1", true, "echo héllo", 100_000, "echo {\"a\":1}", "PONG p1",
                "CLOSE 4001 see you", "true 4001", WSMsgType.CLOSED);
        assertThat(log).startsWith("protocol v1", "TEXT", "BINARY", "TEXT", "TEXT");
        assertThat(log.get(log.size() - 1)).isEqualTo("closed 1000 "); // the client's autoclose answers 1000
    }

    @Test
    void clientCloseEndsTheServersLoop() {
        List<String> log = new CopyOnWriteArrayList<>();
        Object code = withServer(echoApp(log, WSOptions.DEFAULT), log, port -> {
            try (ClientSession session = new ClientSession()) {
                ClientWebSocketResponse ws = session.wsConnect("http://127.0.0.1:" + port + "/ws").await();
                assertThat(ws.protocol()).isNull();
                boolean first = ws.close(WSCloseCode.GOING_AWAY, "leaving").await();
                boolean second = ws.close().await();
                assertThat(first).isTrue();
                assertThat(second).isFalse();
                return ws.closeCode();
            }
        });
        assertThat(code).isEqualTo(1000); // the server's autoclose answers with 1000, as aiohttp's
        assertThat(log).endsWith("closed 1001 ");
    }

    @Test
    void handshakeErrors() {
        List<String> log = new CopyOnWriteArrayList<>();
        List<String> got = withServer(echoApp(log, WSOptions.DEFAULT), log, port -> {
            List<String> out = new ArrayList<>();
            try (ClientSession session = new ClientSession()) {
                try {
                    session.wsConnect("ws://127.0.0.1:" + port + "/").await();
                } catch (WSServerHandshakeError e) {
                    out.add(e.status() + " " + e.message());
                }
                try {
                    session.wsConnect("ws://127.0.0.1:" + port + "/missing").await();
                } catch (WSServerHandshakeError e) {
                    out.add(e.status() + " " + e.message());
                }
            }
            return out;
        });
        assertThat(got).containsExactly("200 Invalid response status", "404 Invalid response status");
        List<RawClient.Resp> bad = RawClient.serve(echoApp(log, WSOptions.DEFAULT), port -> {
            List<RawClient.Resp> out = new ArrayList<>();
            String[] requests = {
                "GET /ws HTTP/1.1\r\nHost: t\r\n\r\n",
                "GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\n\r\n",
                "GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Version: 12\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
                "GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: short\r\n\r\n"};
            for (String r : requests) {
                try (RawClient c = new RawClient(port)) {
                    out.add(c.exchange(r));
                }
            }
            return out;
        });
        assertThat(bad).extracting(RawClient.Resp::status).containsExactly(400, 400, 400, 400);
        assertThat(bad.get(0).text()).contains("No WebSocket UPGRADE hdr");
        assertThat(bad.get(1).text()).contains("No CONNECTION upgrade hdr");
        assertThat(bad.get(2).text()).contains("Unsupported version: 12");
        assertThat(bad.get(3).text()).contains("Handshake error");
    }

    private static final String HANDSHAKE = "GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

    /**
     * Sends the handshake and {@code frames} at once, reads the 101 head and the server's frames up to its close
     * frame, answers that and closes, as aiohttp's client does; returns the head and the frames' bytes.
     */
    private static byte[][] rawSession(int port, byte[] frames) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(HANDSHAKE.getBytes(StandardCharsets.US_ASCII));
            out.write(frames); // sent with the handshake: the server must keep what follows the head
            out.flush();
            InputStream in = s.getInputStream();
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            int end = -1;
            int at = 0;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new java.io.EOFException("closed before the close frame");
                }
                all.write(b);
                byte[] got = all.toByteArray();
                if (end < 0) {
                    String text = new String(got, StandardCharsets.ISO_8859_1);
                    if (text.endsWith("\r\n\r\n")) {
                        end = got.length;
                        at = end;
                    }
                } else if (got.length >= at + 2 && got.length == at + 2 + got[at + 1]) {
                    if ((got[at] & 0x0F) == 8) {
                        break; // the close frame is complete
                    }
                    at = got.length;
                }
            }
            out.write(WebSocketWriter.frame(8, WebSocketWriter.closePayload(1002, ""), true, true));
            out.flush();
            byte[] got = all.toByteArray();
            byte[] head = java.util.Arrays.copyOfRange(got, 0, end);
            return new byte[][] {head, java.util.Arrays.copyOfRange(got, end, got.length)};
        }
    }

    @Test
    void serverAnswersAnUnmaskedFrameWith1002AndKeepsPipelinedFrames() {
        List<String> log = new CopyOnWriteArrayList<>();
        java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
        frames.writeBytes(WebSocketWriter.frame(1, "hi".getBytes(StandardCharsets.UTF_8), true, true));
        frames.writeBytes(WebSocketWriter.frame(1, "x".getBytes(StandardCharsets.UTF_8), true, false));
        byte[][] r = withServer(echoApp(log, WSOptions.DEFAULT), log,
                port -> Asyncio.toThread(() -> rawSession(port, frames.toByteArray())).await());
        String head = new String(r[0], StandardCharsets.ISO_8859_1);
        assertThat(head).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        byte[] rest = r[1];
        // an unmasked text frame "echo hi", then a close frame with 1002
        assertThat(rest[0] & 0xFF).isEqualTo(0x81);
        assertThat(new String(rest, 2, rest[1], StandardCharsets.UTF_8)).isEqualTo("echo hi");
        int at = 2 + rest[1];
        assertThat(rest[at] & 0xFF).isEqualTo(0x88);
        assertThat(((rest[at + 2] & 0xFF) << 8) | (rest[at + 3] & 0xFF)).isEqualTo(1002);
        assertThat(log).containsSubsequence("TEXT", "ERROR", "error Received unmasked frame from the client");
        assertThat(log.get(log.size() - 1)).isEqualTo("closed 1002 ");
    }

    interface WSFunction<T> {
        T apply(ClientWebSocketResponse ws) throws Exception;
    }

    /** Connects our client (with {@code client} options) to the echo app (with {@code server} options). */
    static <T> T talk(WSOptions server, WSOptions client, List<String> log, WSFunction<T> body) {
        return withServer(echoApp(log, server), log, port -> {
            try (ClientSession session = new ClientSession()) {
                return body.apply(session.wsConnect("ws://127.0.0.1:" + port + "/ws", client).await());
            }
        });
    }

    @Test
    void heartbeatDropsAPeerThatDoesNotAnswer() {
        List<String> log = new CopyOnWriteArrayList<>();
        List<Object> got = talk(WSOptions.builder().heartbeat(0.05).build(),
                WSOptions.builder().autoping(false).build(), log, ws -> {
                    WSMsgType first = ws.receive().await().type(); // the server's ping, which we do not answer
                    return List.of(first, ws.receive().await().type(), ws.closeCode());
                });
        assertThat(got).containsExactly(WSMsgType.PING, WSMsgType.CLOSED, 1006);
        assertThat(log.get(log.size() - 1)).isEqualTo("closed 1006 TimeoutError");
    }

    @Test
    void heartbeatAnsweredKeepsTheConnection() {
        List<String> log = new CopyOnWriteArrayList<>();
        // a pong is due within 0.25 s of each ping: generous, so a slow machine does not fail the test
        List<Object> got = talk(WSOptions.builder().heartbeat(0.5).build(),
                WSOptions.builder().autoping(false).build(), log, ws -> {
                    List<Object> out = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        WSMessage ping = ws.receive().await();
                        out.add(ping.type());
                        ws.pong(ping.bytes()).await();
                    }
                    ws.sendStr("still here").await();
                    out.add(ws.receiveStr().await());
                    ws.close().await();
                    out.add(ws.closeCode());
                    return out;
                });
        assertThat(got).containsExactly(WSMsgType.PING, WSMsgType.PING, "echo still here", 1000);
        assertThat(log.get(log.size() - 1)).isEqualTo("closed 1000 ");
    }

    @Test
    void receiveTimeoutAndSendAfterClose() {
        List<String> log = new CopyOnWriteArrayList<>();
        talk(WSOptions.DEFAULT, WSOptions.DEFAULT, log, ws -> {
            assertThatThrownBy(() -> ws.receive(0.01).await()).isInstanceOf(TimeoutError.class);
            ws.close().await();
            assertThatThrownBy(() -> ws.sendStr("late").await())
                    .isInstanceOf(io.asyncio4j.net.ConnectionResetError.class);
            assertThat(ws.receive().await().type()).isEqualTo(WSMsgType.CLOSED);
            return null;
        });
    }

    @Test
    void aMessageOverTheLimitClosesWith1009() {
        List<String> log = new CopyOnWriteArrayList<>();
        WSOptions uncompressed = WSOptions.builder().compress(false).build();
        List<Object> got = talk(WSOptions.builder().maxMsgSize(1000).build(), uncompressed, log, ws -> {
            ws.sendBytes(new byte[1000]).await();
            int echoed = ws.receiveBytes().await().length;
            ws.sendBytes(new byte[1001]).await();
            WSMessage close = ws.receive().await();
            return List.of(echoed, close.type(), close.code());
        });
        assertThat(got).containsExactly(1000, WSMsgType.CLOSE, 1009);
        assertThat(log).contains("error Message size 1001 exceeds limit 1000");
    }

    @Test
    void closeFromAnotherTaskEndsAWaitingReceiveWithClosing() {
        List<String> log = new CopyOnWriteArrayList<>();
        List<Object> got = talk(WSOptions.DEFAULT, WSOptions.DEFAULT, log, ws -> {
            var receiving = Asyncio.getRunningLoop().createTask(ws.receive(), "receiver");
            Asyncio.sleep(0).await(); // the receiver starts waiting
            boolean closedNow = ws.close().await();
            return List.of(receiving.await().type(), closedNow, ws.closed(), ws.receive().await().type());
        });
        assertThat(got).containsExactly(WSMsgType.CLOSING, true, true, WSMsgType.CLOSED);
    }

    @Test
    void closingTheSiteClosesOpenWebSockets() {
        List<String> log = new CopyOnWriteArrayList<>();
        List<Object> got = Asyncio.run(() -> {
            Site site = Web.start(echoApp(log, WSOptions.DEFAULT), "127.0.0.1", 0).await();
            try (ClientSession session = new ClientSession()) {
                ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + site.port() + "/ws").await();
                ws.sendStr("one").await();
                String echoed = ws.receiveStr().await();
                site.close();
                WSMessage after = ws.receive().await();
                site.waitClosed().await();
                while (!log.get(log.size() - 1).startsWith("closed")) {
                    Asyncio.sleep(0.005).await();
                }
                return List.of(echoed, after.type(), after.code(), after.extra(), ws.closeCode());
            }
        });
        // 1001 "going away", with the reason aiohttp's documentation sends from a shutdown hook; not a dropped
        // connection (1006). The handler's receive returned CLOSING and it returned by itself; as in aiohttp, the
        // close code is not known yet at that point (the peer's answer comes after).
        assertThat(got).containsExactly("echo one", WSMsgType.CLOSE, 1001, "Server shutdown", 1001);
        assertThat(log.get(log.size() - 1)).isEqualTo("closed null ");
    }

    @Test
    void aHandlerThatReturnsWithItsWebSocketOpenClosesItWith1000() {
        // aiohttp's WebSocketResponse.write_eof: the handler's return closes the WebSocket (a close frame, 1000),
        // it does not drop the connection (1006).
        Application app = new Application();
        app.router().get("/ws", request -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(request).await();
            ws.sendStr("hi").await();
            return ws;
        });
        List<Object> got = Asyncio.run(() -> {
            Site site = Web.start(app, "127.0.0.1", 0).await();
            try (ClientSession session = new ClientSession()) {
                ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + site.port() + "/ws").await();
                String hi = ws.receiveStr().await();
                WSMessage end = ws.receive().await();
                return List.of(hi, end.type(), end.code(), ws.closeCode());
            } finally {
                site.close();
                site.waitClosed().await();
            }
        });
        assertThat(got).containsExactly("hi", WSMsgType.CLOSE, 1000, 1000);
    }
}
