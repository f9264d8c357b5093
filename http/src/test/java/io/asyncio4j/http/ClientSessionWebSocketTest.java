package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Site;
import io.asyncio4j.http.web.Web;
import io.asyncio4j.http.web.WebSocketResponse;
import io.asyncio4j.http.ws.WSCloseCode;
import io.asyncio4j.http.ws.WSMessage;
import io.asyncio4j.http.ws.WSMsgType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Closing a {@link ClientSession} closes the WebSockets it opened, as aiohttp's connector closes their connections:
 * against our server's {@link WebSocketResponse}, which echoes text and reports how its receive loop ended.
 */
class ClientSessionWebSocketTest {
    /** /ws echoes text; {@code ended} gets the type of the message that ended the loop and the close code. */
    private static Application echo(Future<String> ended) {
        Application app = new Application();
        app.router().get("/ws", request -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(request).await();
            while (true) {
                WSMessage m = ws.receive().await();
                if (m.type() != WSMsgType.TEXT) {
                    if (!ended.done()) {
                        ended.setResult(m.type() + " " + ws.closeCode());
                    }
                    return ws;
                }
                ws.sendStr("echo " + m.str()).await();
            }
        });
        return app;
    }

    @Test
    void closingTheSessionClosesItsWebSocketsAndEndsAPendingReceive() {
        List<Object> got = Asyncio.run(() -> {
            Future<String> ended = Asyncio.getRunningLoop().createFuture();
            Site site = Web.start(echo(ended), "127.0.0.1", 0).await();
            List<Object> out = new ArrayList<>();
            try {
                ClientSession session = new ClientSession();
                ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + site.port() + "/ws").await();
                ws.sendStr("hi").await();
                out.add(ws.receiveStr().await());
                Task<WSMessage> pending = Asyncio.createTask(ws.receive());
                Asyncio.sleep(0.01).await();            // the receive is waiting
                session.close();
                WSMessage m = Asyncio.waitFor(pending, 5.0).await();
                out.add(m.type());
                out.add(ws.closed());
                out.add(ws.closeCode());
                out.add(ws.receive().await().type());
                // the server saw the TCP connection end without a close frame
                out.add(Asyncio.waitFor(ended, 5.0).await());
            } finally {
                site.close();
            }
            return out;
        });
        assertThat(got).containsExactly("echo hi", WSMsgType.CLOSED, true, WSCloseCode.ABNORMAL_CLOSURE,
                WSMsgType.CLOSED, "CLOSED " + WSCloseCode.ABNORMAL_CLOSURE);
    }

    @Test
    void aSessionThatDoesNotOwnItsConnectorLeavesItsWebSocketsOpen() {
        List<Object> got = Asyncio.run(() -> {
            Future<String> ended = Asyncio.getRunningLoop().createFuture();
            Site site = Web.start(echo(ended), "127.0.0.1", 0).await();
            List<Object> out = new ArrayList<>();
            try (TCPConnector shared = new TCPConnector()) {
                ClientSession session = ClientSession.builder().connector(shared).connectorOwner(false).build();
                ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + site.port() + "/ws").await();
                session.close();
                ws.sendStr("still").await();
                out.add(ws.receiveStr().await());
                ws.close().await();
                out.add(ws.closeCode());
            } finally {
                site.close();
            }
            return out;
        });
        assertThat(got).containsExactly("echo still", WSCloseCode.OK);
    }
}
