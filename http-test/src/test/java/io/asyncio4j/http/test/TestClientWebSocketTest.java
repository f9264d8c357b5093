package io.asyncio4j.http.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Held;
import io.asyncio4j.Runner;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientWebSocketResponse;
import io.asyncio4j.http.RequestOptions;
import io.asyncio4j.http.WSServerHandshakeError;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.WebSocketResponse;
import io.asyncio4j.http.ws.WSMessage;
import io.asyncio4j.http.ws.WSMsgType;
import io.asyncio4j.http.ws.WSOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code client.wsConnect(path)}, aiohttp's {@code client.ws_connect(path)}, and {@code client.post(path)} without
 * options (issue 17, item 13).
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TestClientWebSocketTest {
    private static Application app() {
        Application app = new Application();
        app.router().get("/ws", request -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(request).await();
            for (WSMessage m : ws) {
                if (m.type() == WSMsgType.TEXT) {
                    ws.sendStr(m.str() + " via " + request.path() + " " + request.headers().get("Sec-WebSocket-Protocol") + " "
                            + request.headers().get("Origin")).await();
                }
            }
            return ws;
        });
        app.router().post("/post", request -> Response.text("posted " + request.text().await().length()));
        return app;
    }

    @Test
    void wsConnectTakesAPathOnTheServer() {
        try (Runner runner = new Runner().virtualTime(true)) {
            List<Object> got = runner.run(() -> {
                List<Object> out = new ArrayList<>();
                try (TestClient client = TestClient.start(app()).await()) {
                    ClientWebSocketResponse ws = client.wsConnect("/ws").await();
                    try (Held c = ws.closing()) {
                        ws.sendStr("a").await();
                        out.add(ws.receiveStr().await());
                    }
                    WSOptions chat = WSOptions.builder().protocols("chat").build();
                    ws = client.wsConnect("ws", chat).await();
                    ws.sendStr("b").await();
                    out.add(ws.receiveStr().await());
                    out.add(ws.close().await());
                    ws = client.wsConnect("/ws", WSOptions.DEFAULT,
                            RequestOptions.builder().header("Origin", "http://example.org").build()).await();
                    ws.sendStr("c").await();
                    out.add(ws.receiveStr().await());
                    ws.close().await();
                    try {
                        client.wsConnect("/post").await();
                    } catch (WSServerHandshakeError e) {
                        out.add("handshake refused " + e.status());
                    }
                    try (ClientResponse r = client.post("/post").await()) {
                        out.add(r.text().await());
                    }
                }
                return out;
            });
            assertThat(got).containsExactly("a via /ws null null", "b via /ws chat null", true,
                    "c via /ws null http://example.org", "handshake refused 405", "posted 0");
        }
    }
}
