package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Held;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutError;
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
import org.junit.jupiter.api.Timeout;

/**
 * {@link ClientWebSocketResponse#closing()}: {@code try}-with-resources as {@code async with session.ws_connect()}
 * (issue 17, item 13), and {@code receive(double)} (item 12); against our server, which echoes text and reports how
 * its receive loop ended.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientWebSocketClosingTest {
    /** /ws echoes text (and stays silent on "quiet"); {@code ended} gets what ended the loop and the close code. */
    private static Application echo(Future<String> ended) {
        Application app = new Application();
        app.router().get("/ws", request -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(request).await();
            while (true) {
                WSMessage m = ws.receive().await();
                if (m.type() != WSMsgType.TEXT) {
                    if (!ended.done()) {
                        ended.setResult(m.type() + " " + (m.type() == WSMsgType.CLOSE ? m.code() : ws.closeCode()));
                    }
                    return ws;
                }
                if (!m.str().equals("quiet")) {
                    ws.sendStr("echo " + m.str()).await();
                }
            }
        });
        return app;
    }

    private interface Body {
        void run(ClientSession session, String url, Future<String> ended, List<Object> out) throws Exception;
    }

    private static List<Object> withServer(Body body) {
        return Asyncio.run(() -> {
            Future<String> ended = Asyncio.getRunningLoop().createFuture();
            Site site = Web.start(echo(ended), "127.0.0.1", 0).await();
            List<Object> out = new ArrayList<>();
            try (ClientSession session = new ClientSession()) {
                body.run(session, "ws://127.0.0.1:" + site.port() + "/ws", ended, out);
            } finally {
                site.close();
            }
            return out;
        });
    }

    @Test
    void leavingTheTryBlockSendsANormalCloseWithoutWaiting() {
        List<Object> got = withServer((session, url, ended, out) -> {
            ClientWebSocketResponse kept;
            ClientWebSocketResponse ws = session.wsConnect(url).await();
            try (Held closing = ws.closing()) {
                ws.sendStr("hi").await();
                out.add(ws.receiveStr().await());
                kept = ws;
            }
            out.add(kept.closed());
            out.add(kept.closeCode());
            out.add(Asyncio.waitFor(ended, 5).await());
        });
        assertThat(got).containsExactly("echo hi", true, WSCloseCode.ABNORMAL_CLOSURE, "CLOSE 1000");
    }

    @Test
    void aWebSocketClosedInTheBodyIsLeftAsItIs() {
        List<Object> got = withServer((session, url, ended, out) -> {
            ClientWebSocketResponse ws = session.wsConnect(url).await();
            try (Held closing = ws.closing()) {
                out.add(ws.close().await());
                out.add(ws.closeCode());
                closing.close();
                out.add(ws.closeCode());
                out.add(ws.exception());
            }
            out.add(Asyncio.waitFor(ended, 5).await());
        });
        assertThat(got).containsExactly(true, WSCloseCode.OK, WSCloseCode.OK, null, "CLOSE 1000");
    }

    @Test
    void anExceptionOrACancellationInTheBodyStillClosesAndPassesThrough() {
        List<Object> got = withServer((session, url, ended, out) -> {
            IllegalStateException boom = new IllegalStateException("boom");
            ClientWebSocketResponse ws = session.wsConnect(url).await();
            try (Held closing = ws.closing()) {
                throw boom;
            } catch (IllegalStateException e) {
                out.add(e == boom);
            }
            out.add(Asyncio.waitFor(ended, 5).await());
        });
        assertThat(got).containsExactly(true, "CLOSE 1000");

        List<Object> cancelled = withServer((session, url, ended, out) -> {
            Task<Void> t = Asyncio.createTask(() -> {
                ClientWebSocketResponse ws = session.wsConnect(url).await();
                try (Held closing = ws.closing()) {
                    ws.receive().await();                // nothing comes: waits until cancelled
                }
                return null;
            });
            Asyncio.sleep(0.3).await();
            t.cancel();
            try {
                t.await();
            } catch (CancelledError e) {
                out.add("cancelled");
            }
            out.add(Asyncio.waitFor(ended, 5).await());
        });
        assertThat(cancelled).containsExactly("cancelled", "CLOSE 1000");
    }

    @Test
    void aReceiveWaitingInAnotherTaskGetsClosing() {
        List<Object> got = withServer((session, url, ended, out) -> {
            ClientWebSocketResponse ws = session.wsConnect(url).await();
            Task<WSMessage> pending = Asyncio.createTask(ws.receive());
            Asyncio.sleep(0.05).await();
            ws.closing().close();
            out.add(Asyncio.waitFor(pending, 5).await().type());
            out.add(Asyncio.waitFor(ended, 5).await());
        });
        assertThat(got).containsExactly(WSMsgType.CLOSING, "CLOSE 1000");
    }

    @Test
    void closingFromAnotherThreadIsHandedToTheLoop() {
        List<Object> got = withServer((session, url, ended, out) -> {
            ClientWebSocketResponse ws = session.wsConnect(url).await();
            Held closing = ws.closing();
            Asyncio.toThread(() -> {
                closing.close();
                return null;
            }).await();
            out.add(Asyncio.waitFor(ended, 5).await());
            out.add(ws.closed());
        });
        assertThat(got).containsExactly("CLOSE 1000", true);
    }

    @Test
    void receiveTakesAPrimitiveTimeout() {
        List<Object> got = withServer((session, url, ended, out) -> {
            ClientWebSocketResponse ws = session.wsConnect(url).await();
            try (Held closing = ws.closing()) {
                ws.sendStr("quiet").await();
                double t0 = Asyncio.getRunningLoop().time();
                try {
                    ws.receive(0.2).await();
                } catch (TimeoutError e) {
                    out.add("timeout");
                }
                out.add(Asyncio.getRunningLoop().time() - t0 >= 0.19);
                try {
                    ws.connection().receive(0.1).await();
                } catch (TimeoutError e) {
                    out.add("timeout again");
                }
                ws.sendStr("x").await();
                out.add(ws.receive(5).await().str());
            }
        });
        assertThat(got).containsExactly("timeout", true, "timeout again", "echo x");
    }
}
