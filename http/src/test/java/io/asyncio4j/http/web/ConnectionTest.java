package io.asyncio4j.http.web;

import static io.asyncio4j.http.web.RawClient.get;
import static io.asyncio4j.http.web.RawClient.serve;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.internal.RequestParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 connection handling over real sockets: keep-alive, pipelining, bodies, limits, rejections. */
class ConnectionTest {
    static Application echo() {
        Application app = new Application();
        app.router()
                .get("/", request -> Response.text("root"))
                .get("/sleep/{s}", request -> {
                    Asyncio.sleep(Double.parseDouble(request.matchInfo("s"))).await();
                    return Response.text("slept " + request.matchInfo("s"));
                })
                .post("/echo", request -> Response.bytes(request.read().await()))
                .post("/ignore", request -> Response.text("ignored"))
                .post("/count", request -> {
                    long n = 0;
                    for (byte[] b; (b = request.content().read(65536).await()).length > 0; ) {
                        n += b.length;
                    }
                    return Response.text(String.valueOf(n));
                });
        return app;
    }

    @Test
    void keepsTheConnectionAliveAcrossRequests() {
        List<RawClient.Resp> rs = serve(echo(), port -> {
            try (RawClient c = new RawClient(port)) {
                List<RawClient.Resp> out = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    out.add(c.exchange(i % 2 == 0 ? get("/")
                            : "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nab" + i));
                }
                return out;
            }
        });
        assertThat(rs).extracting(RawClient.Resp::text).containsExactly("root", "ab1", "root", "ab3", "root");
    }

    @Test
    void answersPipelinedRequestsInOrder() {
        List<RawClient.Resp> rs = serve(echo(), port -> {
            try (RawClient c = new RawClient(port)) {
                c.send(get("/sleep/0.05") + "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nbody"
                        + get("/sleep/0") + "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "2\r\nch\r\n0\r\n\r\n" + get("/"));
                List<RawClient.Resp> out = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    out.add(c.read());
                }
                return out;
            }
        });
        assertThat(rs).extracting(RawClient.Resp::text).containsExactly("slept 0.05", "body", "slept 0", "ch", "root");
    }

    @Test
    void answersEverythingSentBeforeAHalfClose() {
        List<Object> r = serve(echo(), port -> {
            try (RawClient c = new RawClient(port)) {
                c.send(get("/sleep/0.02") + "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nok");
                c.socket.shutdownOutput();
                return List.of(c.read().text(), c.read().text(), c.closedByServer());
            }
        });
        assertThat(r).containsExactly("slept 0.02", "ok", true);
    }

    @Test
    void closesAfterConnectionClose() {
        Object[] r = serve(echo(), port -> {
            try (RawClient c = new RawClient(port)) {
                RawClient.Resp resp = c.exchange("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
                return new Object[] {resp, c.closedByServer()};
            }
        });
        assertThat(((RawClient.Resp) r[0]).headers().get("Connection")).isEqualTo("close");
        assertThat(r[1]).isEqualTo(true);
    }

    @Test
    void http10ClosesUnlessAskedToKeepAlive() {
        Object[] r = serve(echo(), port -> {
            try (RawClient a = new RawClient(port); RawClient b = new RawClient(port)) {
                RawClient.Resp ra = a.exchange("GET / HTTP/1.0\r\n\r\n");
                RawClient.Resp rb = b.exchange("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                RawClient.Resp rb2 = b.exchange("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                return new Object[] {ra, a.closedByServer(), rb, rb2};
            }
        });
        assertThat(((RawClient.Resp) r[0]).text()).isEqualTo("root");
        assertThat(r[1]).isEqualTo(true);
        assertThat(((RawClient.Resp) r[2]).headers().get("Connection")).isEqualTo("keep-alive");
        assertThat(((RawClient.Resp) r[3]).text()).isEqualTo("root");
    }

    @Test
    void readsChunkedRequestBodies() {
        List<RawClient.Resp> rs = serve(echo(), port -> {
            try (RawClient c = new RawClient(port)) {
                c.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
                Thread.sleep(20); // the handler is already reading; the rest comes later
                c.send("1;ext=x\r\n \r\n5\r\nworld\r\n0\r\nTrailer: x\r\n\r\n");
                return List.of(c.read(), c.exchange(get("/")));
            }
        });
        assertThat(rs.get(0).text()).isEqualTo("hello world");
        assertThat(rs.get(1).text()).isEqualTo("root");
    }

    @Test
    void skipsABodyTheHandlerDidNotRead() {
        List<RawClient.Resp> rs = serve(echo(), port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange("POST /ignore HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n0123456789"),
                        c.exchange("POST /ignore HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "3\r\nabc\r\n0\r\n\r\n"),
                        c.exchange(get("/")));
            }
        });
        assertThat(rs).extracting(RawClient.Resp::text).containsExactly("ignored", "ignored", "root");
    }

    @Test
    void closesAClientThatStopsSendingASkippedBody() {
        ServerOptions opts = ServerOptions.DEFAULT.withBodyTimeout(0.3);
        List<Object> r = serve(echo(), opts, port -> {
            try (RawClient c = new RawClient(port)) {
                RawClient.Resp resp = c.exchange("POST /ignore HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n012");
                return List.of(resp.text(), c.closedByServer());
            }
        });
        assertThat(r).containsExactly("ignored", true);
    }

    @Test
    void sends100ContinueBeforeTheBody() {
        List<String> r = serve(echo(), port -> {
            try (RawClient c = new RawClient(port)) {
                c.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
                RawClient.Resp cont = c.read();
                c.send("data");
                RawClient.Resp resp = c.read();
                return List.of(cont.status() + " " + cont.reason(), resp.text());
            }
        });
        assertThat(r).containsExactly("100 Continue", "data");
    }

    @Test
    void answers413BeyondClientMaxSizeAndCloses() {
        byte[] big = new byte[(int) Application.DEFAULT_CLIENT_MAX_SIZE + 1];
        Object[] r = serve(echo(), port -> {
            try (RawClient c = new RawClient(port)) {
                c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + big.length + "\r\n\r\n");
                RawClient.Resp declared = c.read();
                boolean closed = c.closedByServer();
                try (RawClient d = new RawClient(port)) {
                    d.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
                    for (int off = 0; off < big.length; off += 65536) {
                        int n = Math.min(65536, big.length - off);
                        try {
                            d.send((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            d.send(java.util.Arrays.copyOfRange(big, off, off + n));
                            d.send("\r\n");
                        } catch (java.io.IOException serverClosed) {
                            break;
                        }
                    }
                    return new Object[] {declared, closed, d.read()};
                }
            }
        });
        assertThat(((RawClient.Resp) r[0]).status()).isEqualTo(413);
        assertThat(r[1]).isEqualTo(true);
        assertThat(((RawClient.Resp) r[2]).status()).isEqualTo(413);
        assertThat(((RawClient.Resp) r[2]).text()).startsWith("Maximum request body size 1048576 exceeded");
    }

    @Test
    void streamsUploadsOfAnySizeThroughContent() {
        int size = 5 * 1024 * 1024;
        RawClient.Resp r = serve(echo(), port -> {
            try (RawClient c = new RawClient(port)) {
                c.send("POST /count HTTP/1.1\r\nHost: t\r\nContent-Length: " + size + "\r\n\r\n");
                byte[] block = new byte[256 * 1024];
                for (int i = 0; i < size / block.length; i++) {
                    c.send(block);
                }
                return c.read();
            }
        });
        assertThat(r.text()).isEqualTo(String.valueOf(size));
    }

    /** Every rejection of the parser list, over a socket: the status, then the connection closes. */
    @Test
    void rejectsMalformedRequestsAndCloses() {
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: t\r\n");
        for (int i = 0; i < 128; i++) {
            many.append("X-").append(i).append(": v\r\n");
        }
        String[][] cases = {
            {"POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "400"},
            {"POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab", "400"},
            {"GET / HTTP/1.1\nHost: t\r\n\r\n", "400"},
            {"GET / HTTP/1.1\r\nHost: t\r\nX: a\rb\r\n\r\n", "400"},
            {"GET / HTTP/1.1\r\nHost: t\r\nX-Long: " + "x".repeat(8190) + "\r\n\r\n", "431"},
            {"GET /" + "a".repeat(8190) + " HTTP/1.1\r\nHost: t\r\n\r\n", "414"},
            {many + "\r\n", "431"},
            {"POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\nabc\r\n0\r\n\r\n", "400"},
            {"GET / HTTP/1.1\r\n\r\n", "400"},
        };
        for (String[] cs : cases) {
            Object[] r = serve(echo(), port -> {
                try (RawClient c = new RawClient(port)) {
                    c.send(cs[0] + get("/"));
                    RawClient.Resp resp = c.read();
                    return new Object[] {resp, c.closedByServer()};
                }
            });
            RawClient.Resp resp = (RawClient.Resp) r[0];
            String what = cs[0].substring(0, Math.min(60, cs[0].length()));
            assertThat(resp.status()).as(what).isEqualTo(Integer.parseInt(cs[1]));
            assertThat(resp.headers().get("Connection")).as(what).isEqualTo("close");
            assertThat(r[1]).as(what).isEqualTo(true);
        }
    }

    @Test
    void timesOutAClientTooSlowToSendItsHead() {
        ServerOptions opts = ServerOptions.DEFAULT.withHeaderTimeout(0.3);
        Object[] r = serve(echo(), opts, port -> {
            try (RawClient c = new RawClient(port)) {
                c.send("GET / HTTP/1.1\r\nHost: t\r\n");     // and never the empty line
                RawClient.Resp resp = c.read();
                return new Object[] {resp, c.closedByServer()};
            }
        });
        assertThat(((RawClient.Resp) r[0]).status()).isEqualTo(408);
        assertThat(r[1]).isEqualTo(true);
    }

    @Test
    void anErrorAnswerAfterTheClientsEofClosesAtOnceWithoutLingering() {
        double[] r;
        try (io.asyncio4j.Runner runner = new io.asyncio4j.Runner().virtualTime(true).closedWorld(true)) {
            r = runner.run(() -> {
                Site site = Web.start(echo(), "127.0.0.1", 0).await();
                try {
                    var c = io.asyncio4j.streams.Streams.openConnection("127.0.0.1", site.port()).await();
                    double t0 = Asyncio.getRunningLoop().time();
                    c.writer().write("GET / HTTP/1.1\r\nHost: t\r\nX-Cut".getBytes(StandardCharsets.ISO_8859_1));
                    c.writer().writeEof();
                    String answer = new String(c.reader().read(-1).await(), StandardCharsets.ISO_8859_1);
                    for (int i = 0; i < 1000 && site.connectionCount() > 0; i++) {
                        Asyncio.sleep(0.01).await();
                    }
                    c.writer().close();
                    return new double[] {answer.startsWith("HTTP/1.1 400 ") ? 1 : 0, site.connectionCount(),
                            Asyncio.getRunningLoop().time() - t0};
                } finally {
                    site.close();
                }
            });
        }
        assertThat(r[0]).as("a 400 answer").isEqualTo(1);
        assertThat(r[1]).as("connections left").isZero();
        assertThat(r[2]).as("virtual seconds until closed (the linger is 2 s)").isLessThan(1.0);
    }

    @Test
    void closesIdleConnections() {
        ServerOptions opts = ServerOptions.DEFAULT.withHeaderTimeout(0.2).withKeepaliveTimeout(0.2);
        boolean[] r = serve(echo(), opts, port -> {
            try (RawClient silent = new RawClient(port); RawClient c = new RawClient(port)) {
                c.exchange(get("/"));
                return new boolean[] {silent.closedByServer(), c.closedByServer()};
            }
        });
        assertThat(r).containsExactly(true, true);
    }

    @Test
    void siteCloseClosesIdleConnectionsAndLetsBusyOnesAnswer() {
        List<Object> r = Asyncio.run(() -> {
            io.asyncio4j.Event started = new io.asyncio4j.Event();
            Application app = new Application();
            app.router().get("/", request -> Response.text("root")).get("/slow", request -> {
                started.set();
                Asyncio.sleep(0.2).await();
                return Response.text("slow done");
            });
            Site site = Web.start(app, "127.0.0.1", 0).await();
            int port = site.port();
            RawClient idle = Asyncio.toThread(() -> {
                RawClient c = new RawClient(port);
                c.exchange(get("/"));
                return c;
            }).await();
            RawClient busy = Asyncio.toThread(() -> new RawClient(port).send(get("/slow"))).await();
            started.waitSet().await();
            site.close();
            List<Object> seen = Asyncio.toThread(() -> {
                RawClient.Resp resp = busy.read();
                boolean refused;
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                    refused = false;
                } catch (java.io.IOException e) {
                    refused = true;
                }
                List<Object> out = List.of(idle.closedByServer(), resp.text(), resp.headers().get("Connection"),
                        busy.closedByServer(), refused);
                idle.close();
                busy.close();
                return out;
            }).await();
            site.waitClosed().await();
            return seen;
        });
        assertThat(r).containsExactly(true, "slow done", "close", true, true);
    }

    @Test
    void aClientGoneMidBodyFailsTheHandlersRead() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        Application app = new Application();
        app.router().post("/up", r -> {
            reading.countDown();
            try {
                r.read().await();
                seen.add("read the whole body");
            } catch (HTTPBadRequest e) {
                seen.add("read: " + e.getMessage());
            }
            return Response.text("too late");
        });
        serve(app, port -> {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(("POST /up HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n"
                        + "0123456789").getBytes(StandardCharsets.US_ASCII));
                reading.await();
            }
            long end = System.nanoTime() + 10_000_000_000L;
            while (seen.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            return null;
        });
        assertThat(seen).containsExactly("read: the connection closed in the middle of a request");
    }
}
