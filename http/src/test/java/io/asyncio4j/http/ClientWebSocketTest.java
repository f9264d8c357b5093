package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.ws.WSHandshake;
import io.asyncio4j.http.ws.WSMessage;
import io.asyncio4j.http.ws.WSMsgType;
import io.asyncio4j.http.ws.WSOptions;
import io.asyncio4j.http.ws.WebSocketError;
import io.asyncio4j.http.ws.WebSocketWriter;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Our client against a scripted raw server on a thread: handshake checks and the client's masking rule. */
class ClientWebSocketTest {
    /**
     * What the raw server does: answers the request head with {@code answer(head)} and {@code frames}, then reads
     * {@code readAfter} bytes and closes, as a server does after the client's close frame (-1: reads until the
     * client closes).
     */
    private record Script(Function<String, String> answer, byte[] frames, int readAfter) {
        Script(Function<String, String> answer, byte[] frames) {
            this(answer, frames, -1);
        }
    }

    private static String keyOf(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        throw new AssertionError("no key in " + head);
    }

    /** Runs a one-connection raw server with {@code script}; the client body gets its port; returns what the
     * server read after its answer (until the client closed). */
    private static <T> T run(Script script, Function<Integer, T> client, CompletableFuture<byte[]> afterAnswer)
            throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofVirtual().start(() -> {
                try (Socket s = ss.accept()) {
                    InputStream in = s.getInputStream();
                    ByteArrayOutputStream head = new ByteArrayOutputStream();
                    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                        int b = in.read();
                        if (b < 0) {
                            return;
                        }
                        head.write(b);
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(script.answer().apply(head.toString(StandardCharsets.ISO_8859_1))
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(script.frames());
                    out.flush();
                    afterAnswer.complete(script.readAfter() < 0 ? in.readAllBytes()
                            : in.readNBytes(script.readAfter()));
                } catch (Exception e) {
                    afterAnswer.completeExceptionally(e);
                }
            });
            try {
                return client.apply(ss.getLocalPort());
            } finally {
                server.join(10_000);
            }
        }
    }

    private static String accepting(String head) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WSHandshake.accept(keyOf(head)) + "\r\n\r\n";
    }

    @Test
    void aMaskedFrameFromTheServerFailsWith1002() throws Exception {
        CompletableFuture<byte[]> sent = new CompletableFuture<>();
        byte[] frames = WebSocketWriter.frame(1, "masked".getBytes(StandardCharsets.UTF_8), true, true);
        List<Object> got = run(new Script(ClientWebSocketTest::accepting, frames, 8), port -> Asyncio.run(() -> {
            List<Object> out = new ArrayList<>();
            try (ClientSession session = new ClientSession()) {
                ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + port + "/x?y=1").await();
                WSMessage m = ws.receive().await();
                out.add(m.type());
                out.add(((WebSocketError) m.exception()).code());
                out.add(ws.closeCode());
                out.add(ws.receive().await().type());
            }
            return out;
        }), sent);
        assertThat(got).containsExactly(WSMsgType.ERROR, 1002, 1002, WSMsgType.CLOSED);
        byte[] close = sent.get();
        // one masked close frame with 1002: 0x88, mask bit and length 2, the key, the masked code
        assertThat(close).hasSize(8);
        assertThat(close[0] & 0xFF).isEqualTo(0x88);
        assertThat(close[1] & 0xFF).isEqualTo(0x82);
        int code = ((close[6] ^ close[2]) & 0xFF) << 8 | ((close[7] ^ close[3]) & 0xFF);
        assertThat(code).isEqualTo(1002);
    }

    private static WSServerHandshakeError refused(Function<String, String> answer) throws Exception {
        return run(new Script(answer, new byte[0]), port -> Asyncio.run(() -> {
            try (ClientSession session = new ClientSession()) {
                session.wsConnect("ws://127.0.0.1:" + port + "/").await();
                throw new AssertionError("the handshake should have failed");
            } catch (WSServerHandshakeError e) {
                return e;
            }
        }), new CompletableFuture<>());
    }

    @Test
    void checksTheHandshakeAnswer() throws Exception {
        String okHead = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
        assertThat(refused(h -> okHead.replace("Upgrade: websocket", "Upgrade: h2c")
                + "Sec-WebSocket-Accept: " + WSHandshake.accept(keyOf(h)) + "\r\n\r\n").message())
                .isEqualTo("Invalid upgrade header");
        assertThat(refused(h -> okHead.replace("Connection: Upgrade", "Connection: close")
                + "Sec-WebSocket-Accept: " + WSHandshake.accept(keyOf(h)) + "\r\n\r\n").message())
                .isEqualTo("Invalid connection header");
        WSServerHandshakeError wrongKey = refused(h -> okHead + "Sec-WebSocket-Accept: nope\r\n\r\n");
        assertThat(wrongKey.message()).isEqualTo("Invalid challenge response");
        assertThat(wrongKey.status()).isEqualTo(101);
        assertThat(refused(h -> "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n").status()).isEqualTo(403);
    }

    @Test
    void sendsTheHandshakeRequest() throws Exception {
        CompletableFuture<String> request = new CompletableFuture<>();
        run(new Script(h -> {
            request.complete(h);
            return accepting(h);
        }, new byte[0]), port -> Asyncio.run(() -> {
            try (ClientSession session = new ClientSession()) {
                ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + port + "/chat?room=1",
                        WSOptions.builder().protocols("a", "b").build(),
                        RequestOptions.builder().header("Origin", "http://example").build()).await();
                assertThat(ws.protocol()).isNull(); // the server chose none
                ws.connection().transport().close();
            }
            return null;
        }), new CompletableFuture<>());
        String h = request.get();
        assertThat(h).startsWith("GET /chat?room=1 HTTP/1.1\r\n").contains("Upgrade: websocket\r\n",
                "Connection: Upgrade\r\n", "Sec-WebSocket-Version: 13\r\n", "Sec-WebSocket-Protocol: a,b\r\n",
                "Origin: http://example\r\n", "Host: 127.0.0.1:", "Sec-WebSocket-Extensions: permessage-deflate\r\n");
        assertThat(java.util.Base64.getDecoder().decode(keyOf(h))).hasSize(16);
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatThrownBy(() -> Asyncio.run(() -> {
            try (ClientSession session = new ClientSession()) {
                return session.wsConnect("ftp://127.0.0.1/").await();
            }
        })).isInstanceOf(InvalidURL.class);
    }
}
