package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coro;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The client against {@link RawServer}: framing, keep-alive, pool limits, failures and timeouts, exactly. */
class ClientSessionTest {
    private static <T> T run(Coro<T> main) {
        return Asyncio.run(main);
    }

    /** A server that answers every request on a connection with {@code body}, keeping the connection. */
    private static RawServer.Script keepAlive(String body) {
        return p -> {
            while (p.readRequest() != null) {
                p.ok(body);
            }
        };
    }

    @Test
    void getsTextHeadersAndStatus() throws Exception {
        try (RawServer srv = new RawServer(p -> {
            RawServer.Request r = p.readRequest();
            p.write("HTTP/1.1 201 Made\r\nContent-Type: text/plain; charset=iso-8859-1\r\nX-A: 1\r\nx-a: 2\r\n"
                    + "Content-Length: 3\r\n\r\n");
            p.write(new byte[] {'c', 'a', (byte) 0xe9});
            p.awaitClose();
        })) {
            String[] out = run(() -> {
                try (ClientSession s = new ClientSession()) {
                    try (ClientResponse r = s.get(srv.url("/x?y=1")).await()) {
                        return new String[] {r.status() + " " + r.reason(), r.text().await(),
                                String.join(",", r.headers().getAll("X-A")), r.headers().get("content-type"),
                                r.version(), r.url().toString(), String.valueOf(r.ok())};
                    }
                }
            });
            assertThat(out).containsExactly("201 Made", "caé", "1,2", "text/plain; charset=iso-8859-1", "HTTP/1.1",
                    srv.url("/x?y=1"), "true");
            assertThat(srv.requestLines).containsExactly("GET /x?y=1 HTTP/1.1");
        }
    }

    @Test
    void sendsDefaultHeadersParamsAndBodies() throws Exception {
        List<RawServer.Request> seen = new ArrayList<>();
        try (RawServer srv = new RawServer(p -> {
            RawServer.Request r;
            while ((r = p.readRequest()) != null) {
                synchronized (seen) {
                    seen.add(r);
                }
                p.ok("ok");
            }
        })) {
            run(() -> {
                try (ClientSession s = ClientSession.builder().header("X-Session", "s").build()) {
                    s.get(srv.url("/p?a=1"), RequestOptions.builder().param("b", "x y").param("c", "ä&=")
                            .header("X-Req", "r").build()).await().close();
                    s.post(srv.url("/j"), RequestOptions.builder().json(java.util.Map.of("k", 1)).build())
                            .await().close();
                    s.put(srv.url("/f"), RequestOptions.builder().formField("a", "b c").formField("d", "é")
                            .build()).await().close();
                    s.patch(srv.url("/b"), RequestOptions.builder().data(new byte[] {1, 2, 3})
                            .auth(new BasicAuth("u", "p")).build()).await().close();
                    s.delete(srv.url("/d")).await().close();
                    s.request("post", srv.url("/e"), RequestOptions.NONE).await().close();
                }
                return null;
            });
        }
        assertThat(seen).hasSize(6);
        RawServer.Request get = seen.get(0);
        assertThat(get.target()).isEqualTo("/p?a=1&b=x+y&c=%C3%A4%26%3D");
        assertThat(get.headers().get("Host")).startsWith("127.0.0.1:");
        assertThat(get.headers().get("Accept")).isEqualTo("*/*");
        assertThat(get.headers().get("Accept-Encoding")).isEqualTo("gzip, deflate"); // no asyncio4j-brotli here
        assertThat(get.headers().get("User-Agent")).isEqualTo(ClientSession.USER_AGENT);
        assertThat(get.headers().get("X-Session")).isEqualTo("s");
        assertThat(get.headers().get("X-Req")).isEqualTo("r");
        assertThat(new String(seen.get(1).body(), StandardCharsets.UTF_8)).isEqualTo("{\"k\":1}");
        assertThat(seen.get(1).headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(new String(seen.get(2).body(), StandardCharsets.UTF_8)).isEqualTo("a=b+c&d=%C3%A9");
        assertThat(seen.get(2).headers().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(seen.get(3).body()).containsExactly(1, 2, 3);
        assertThat(seen.get(3).headers().get("Authorization")).isEqualTo("Basic dTpw");
        assertThat(seen.get(3).line()).startsWith("PATCH ");
        assertThat(seen.get(4).line()).startsWith("DELETE /d ");
        assertThat(seen.get(5).line()).startsWith("POST /e ");     // upper-cased, as aiohttp
        assertThat(get.headers().get("Content-Length")).isEqualTo("0");        // aiohttp 3.8 sends it on GET too
        assertThat(seen.get(5).headers().get("Content-Length")).isEqualTo("0");
    }

    @Test
    void readsChunkedAndUntilCloseBodiesAndNoBodyForHeadAnd204And304() throws Exception {
        try (RawServer srv = new RawServer(p -> {
            RawServer.Request r;
            while ((r = p.readRequest()) != null) {
                switch (r.target()) {
                    case "/chunked" -> p.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "5\r\nhello\r\n1;ext=1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n");
                    case "/head" -> p.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
                    case "/204" -> p.write("HTTP/1.1 204 No Content\r\n\r\n");
                    case "/304" -> p.write("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n");
                    case "/continue" -> p.write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"
                            + "Content-Length: 2\r\n\r\nok");
                    default -> {
                        p.write("HTTP/1.1 200 OK\r\n\r\nuntil close");
                        return;
                    }
                }
            }
        })) {
            List<String> out = run(() -> {
                List<String> o = new ArrayList<>();
                try (ClientSession s = new ClientSession()) {
                    for (String path : List.of("/chunked", "/head", "/204", "/304", "/continue", "/close")) {
                        Coro<ClientResponse> c = path.equals("/head") ? s.head(srv.url(path)) : s.get(srv.url(path));
                        try (ClientResponse r = c.await()) {
                            o.add(r.status() + ":" + r.text().await());
                        }
                    }
                    o.add("open=" + s.connector().openConnections());
                }
                return o;
            });
            assertThat(out).containsExactly("200:hello world", "200:", "204:", "304:", "200:ok", "200:until close",
                    "open=0");
            assertThat(srv.accepted.get()).isEqualTo(1);       // all but the last reused the one connection
        }
    }

    @Test
    void reusesKeepAliveConnectionsAndClosesOnConnectionClose() throws Exception {
        try (RawServer srv = new RawServer(p -> {
            RawServer.Request r;
            while ((r = p.readRequest()) != null) {
                if (r.target().equals("/close")) {
                    p.write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nc");
                    p.awaitClose();
                    return;
                }
                p.ok("k");
            }
        })) {
            int[] counts = run(() -> {
                try (ClientSession s = new ClientSession()) {
                    for (int i = 0; i < 5; i++) {
                        try (ClientResponse r = s.get(srv.url("/k")).await()) {
                            assertThat(r.text().await()).isEqualTo("k");
                        }
                    }
                    int idle = s.connector().idleConnections();
                    s.get(srv.url("/close")).await().read().await();
                    int afterClose = s.connector().openConnections();
                    s.get(srv.url("/k")).await().read().await();
                    return new int[] {idle, afterClose, s.connector().openConnections()};
                }
            });
            assertThat(counts).containsExactly(1, 0, 1);
            assertThat(srv.accepted.get()).isEqualTo(2);
        }
    }

    @Test
    void forceCloseOpensAConnectionPerRequest() throws Exception {
        try (RawServer srv = new RawServer(keepAlive("x"))) {
            run(() -> {
                try (ClientSession s = ClientSession.builder().connector(new TCPConnector(100, 0, 15, true)).build()) {
                    for (int i = 0; i < 3; i++) {
                        s.get(srv.url("/")).await().close();
                    }
                    assertThat(s.connector().openConnections()).isZero();
                }
                return null;
            });
            assertThat(srv.accepted.get()).isEqualTo(3);
        }
    }

    @Test
    void truncatedBodyRaisesClientPayloadErrorAndTheConnectionIsNotReused() throws Exception {
        try (RawServer srv = new RawServer(p -> {
            RawServer.Request r = p.readRequest();
            if (r.target().equals("/cl")) {
                p.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this");
            } else if (r.target().equals("/chunked")) {
                p.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel");
            } else {
                p.ok("fresh");
                p.awaitClose();
            }
        })) {
            run(() -> {
                try (ClientSession s = new ClientSession()) {
                    for (String path : List.of("/cl", "/chunked")) {
                        try (ClientResponse r = s.get(srv.url(path)).await()) {
                            assertThat(r.status()).isEqualTo(200);
                            assertThatThrownBy(() -> r.read().await()).isInstanceOf(ClientPayloadError.class)
                                    .hasMessageContaining("Response payload is not completed")
                                    .hasMessageContaining("127.0.0.1:" + srv.port());
                        }
                        assertThat(s.connector().openConnections()).isZero();
                    }
                    try (ClientResponse r = s.get(srv.url("/next")).await()) {
                        assertThat(r.text().await()).isEqualTo("fresh");
                    }
                }
                return null;
            });
            assertThat(srv.accepted.get()).isEqualTo(3);
        }
    }

    @Test
    void serverClosingBeforeTheHeadRaisesServerDisconnectedError() throws Exception {
        try (RawServer srv = new RawServer(p -> {
            p.readRequest();
            p.write("HTTP/1.1 200 OK\r\nContent-Le");
        })) {
            run(() -> {
                try (ClientSession s = new ClientSession()) {
                    assertThatThrownBy(() -> s.post(srv.url("/"), RequestOptions.NONE).await())
                            .isInstanceOf(ServerDisconnectedError.class)
                            .hasMessageContaining("127.0.0.1:" + srv.port());
                }
                return null;
            });
        }
    }

    @Test
    void aStaleKeepAliveConnectionIsRetriedOnceForIdempotentMethodsOnly() throws Exception {
        // each connection answers one request, then reads the next one and closes without answering
        try (RawServer srv = new RawServer(p -> {
            p.readRequest();
            p.ok("one");
            p.readRequest();
        })) {
            run(() -> {
                try (ClientSession s = new ClientSession()) {
                    assertThat(s.get(srv.url("/a")).await().text().await()).isEqualTo("one");
                    assertThat(s.get(srv.url("/b")).await().text().await()).isEqualTo("one");   // retried
                    assertThatThrownBy(() -> s.post(srv.url("/c"), RequestOptions.NONE).await())
                            .isInstanceOf(ServerDisconnectedError.class);
                }
                return null;
            });
            assertThat(srv.requestLines).containsExactly("GET /a HTTP/1.1", "GET /b HTTP/1.1", "GET /b HTTP/1.1",
                    "POST /c HTTP/1.1");
        }
    }

    @Test
    void limitBoundsOpenSocketsAndWaitersAreServedInFifoOrder() throws Exception {
        try (RawServer srv = new RawServer(keepAlive("x"))) {
            List<Integer> done = run(() -> {
                List<Integer> order = new ArrayList<>();
                try (ClientSession s = ClientSession.builder().connector(new TCPConnector(3, 0, 15, false))
                        .build()) {
                    List<Task<Void>> tasks = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        int n = i;
                        tasks.add(Asyncio.createTask(() -> {
                            try (ClientResponse r = s.get(srv.url("/" + n)).await()) {
                                r.read().await();
                                order.add(n);
                            }
                            assertThat(s.connector().openConnections()).isLessThanOrEqualTo(3);
                            return null;
                        }));
                    }
                    Asyncio.gather(tasks.toArray(new Task[0])).await();
                }
                return order;
            });
            assertThat(done).hasSize(20);
            assertThat(srv.maxOpen.get()).isLessThanOrEqualTo(3);
        }
        // limit 1: requests reach the server in the order they were made
        try (RawServer srv = new RawServer(keepAlive("x"))) {
            run(() -> {
                try (ClientSession s = ClientSession.builder().connector(new TCPConnector(0, 1, 15, false))
                        .build()) {
                    List<Task<Void>> tasks = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        int n = i;
                        tasks.add(Asyncio.createTask(() -> {
                            try (ClientResponse r = s.get(srv.url("/" + n)).await()) {
                                r.read().await();
                            }
                            return null;
                        }));
                    }
                    Asyncio.gather(tasks.toArray(new Task[0])).await();
                }
                return null;
            });
            assertThat(srv.requestLines).containsExactly("GET /0 HTTP/1.1", "GET /1 HTTP/1.1", "GET /2 HTTP/1.1",
                    "GET /3 HTTP/1.1", "GET /4 HTTP/1.1", "GET /5 HTTP/1.1", "GET /6 HTTP/1.1", "GET /7 HTTP/1.1");
            assertThat(srv.maxOpen.get()).isEqualTo(1);
        }
    }

    @Test
    void waitersForABusyHostDoNotHoldUpAnotherHost() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer busy = new RawServer(p -> {
            while (p.readRequest() != null) {
                release.await(30, TimeUnit.SECONDS);
                p.ok("busy");
            }
        }); RawServer free = new RawServer(keepAlive("free"))) {
            run(() -> {
                try (ClientSession s = ClientSession.builder().connector(new TCPConnector(10, 1, 15, false))
                        .build()) {
                    Task<String> first = Asyncio.createTask(() -> s.get(busy.url("/1")).await().text().await());
                    Task<String> second = Asyncio.createTask(() -> s.get(busy.url("/2")).await().text().await());
                    while (busy.requestLines.isEmpty()) {
                        Asyncio.sleep(0.01).await();
                    }
                    // /2 waits for busy's only slot; the other host is served meanwhile
                    assertThat(s.get(free.url("/")).await().text().await()).isEqualTo("free");
                    assertThat(second.done()).isFalse();
                    release.countDown();
                    assertThat(first.await()).isEqualTo("busy");
                    assertThat(second.await()).isEqualTo("busy");
                }
                return null;
            });
            assertThat(busy.maxOpen.get()).isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void decodesGzipAndDeflateBodies() throws Exception {
        String text = "compressible ".repeat(2000);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(text.getBytes(StandardCharsets.UTF_8));
        }
        java.util.zip.Deflater d = new java.util.zip.Deflater();
        d.setInput(text.getBytes(StandardCharsets.UTF_8));
        d.finish();
        byte[] zbuf = new byte[65536];
        byte[] zlib = java.util.Arrays.copyOf(zbuf, d.deflate(zbuf));
        try (RawServer srv = new RawServer(p -> {
            RawServer.Request r;
            while ((r = p.readRequest()) != null) {
                byte[] body = r.target().equals("/gzip") ? gz.toByteArray() : zlib;
                String enc = r.target().equals("/gzip") ? "gzip" : "deflate";
                // chunked, in small pieces, so the decoder gets the stream piecewise
                p.write("HTTP/1.1 200 OK\r\nContent-Encoding: " + enc + "\r\nTransfer-Encoding: chunked\r\n\r\n");
                for (int i = 0; i < body.length; i += 7) {
                    int n = Math.min(7, body.length - i);
                    p.write(Integer.toHexString(n) + "\r\n");
                    p.write(java.util.Arrays.copyOfRange(body, i, i + n));
                    p.write("\r\n");
                }
                p.write("0\r\n\r\n");
            }
        })) {
            run(() -> {
                try (ClientSession s = new ClientSession()) {
                    assertThat(s.get(srv.url("/gzip")).await().text().await()).isEqualTo(text);
                    assertThat(s.get(srv.url("/deflate")).await().text().await()).isEqualTo(text);
                }
                try (ClientSession s = ClientSession.builder().autoDecompress(false).build()) {
                    assertThat(s.get(srv.url("/gzip")).await().read().await()).isEqualTo(gz.toByteArray());
                }
                return null;
            });
        }
    }

    @Test
    void aMalformedResponseRaisesClientResponseError400AndExtraBytesPreventReuse() throws Exception {
        try (RawServer srv = new RawServer(p -> {
            RawServer.Request r;
            while ((r = p.readRequest()) != null) {
                if (r.target().equals("/bad")) {
                    p.write("HTTP/1.1 2x0 Bad\r\n\r\n");
                    return;
                }
                p.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA");
            }
        })) {
            run(() -> {
                try (ClientSession s = new ClientSession()) {
                    assertThatThrownBy(() -> s.get(srv.url("/bad")).await())
                            .isInstanceOfSatisfying(ClientResponseError.class, e -> {
                                assertThat(e.status()).isEqualTo(400);
                                assertThat(e.getMessage()).contains("127.0.0.1:" + srv.port());
                                assertThat(e.requestInfo().url().toString()).isEqualTo(srv.url("/bad"));
                            });
                    assertThat(s.get(srv.url("/extra")).await().text().await()).isEqualTo("ok");
                    assertThat(s.connector().openConnections()).isZero();
                }
                return null;
            });
        }
    }

    @Test
    void connectionRefusedNamesTheHost() throws Exception {
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        run(() -> {
            try (ClientSession s = new ClientSession()) {
                // aiohttp 3.8.4: "Cannot connect to host 127.0.0.1:1 ssl:default [Connect call failed ('127.0.0.1',
                // 1)]" (CPython's strerror), "... ssl:False [...]" with ssl=False, "Cannot connect to host
                // no-such-host.invalid:80 ssl:default [Name or service not known]"
                assertThatThrownBy(() -> s.get("http://127.0.0.1:" + port + "/").await())
                        .isInstanceOf(ClientConnectorError.class)
                        .hasMessage("Cannot connect to host 127.0.0.1:" + port + " ssl:default [Connection refused]");
                assertThatThrownBy(() -> s.get("https://127.0.0.1:" + port + "/").await())
                        .isInstanceOf(ClientConnectorError.class)
                        .hasMessage("Cannot connect to host 127.0.0.1:" + port + " ssl:default [Connection refused]");
                assertThatThrownBy(() -> s.get("https://127.0.0.1:" + port + "/",
                        RequestOptions.builder().verifySsl(false).build()).await())
                        .isInstanceOf(ClientConnectorError.class)
                        .hasMessage("Cannot connect to host 127.0.0.1:" + port + " ssl:False [Connection refused]");
                assertThatThrownBy(() -> s.get("http://no-such-host.invalid/").await())
                        .isInstanceOf(ClientConnectorError.class)
                        .hasMessageStartingWith("Cannot connect to host no-such-host.invalid:80 ssl:default [")
                        .hasMessageNotContaining("invalid: ");
                assertThat(s.connector().openConnections()).isZero();
                assertThatThrownBy(() -> s.get("ftp://127.0.0.1/").await()).isInstanceOf(InvalidURL.class);
                assertThatThrownBy(() -> s.get("/relative").await()).isInstanceOf(InvalidURL.class);
            }
            return null;
        });
    }

    @Test
    void raiseForStatusRaisesClientResponseErrorWithTheStatus() throws Exception {
        try (RawServer srv = new RawServer(p -> {
            while (p.readRequest() != null) {
                p.write("HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope");
            }
        })) {
            run(() -> {
                try (ClientSession s = new ClientSession()) {
                    try (ClientResponse r = s.get(srv.url("/x")).await()) {
                        assertThat(r.ok()).isFalse();
                        assertThatThrownBy(r::raiseForStatus).isInstanceOf(ClientResponseError.class)
                                .hasMessage("404, message='Not Found', url='" + srv.url("/x") + "'");
                    }
                    assertThatThrownBy(() -> s.get(srv.url("/y"), RequestOptions.builder().raiseForStatus(true)
                            .build()).await()).isInstanceOfSatisfying(ClientResponseError.class,
                                    e -> assertThat(e.status()).isEqualTo(404));
                }
                try (ClientSession s = ClientSession.builder().raiseForStatus(true).build()) {
                    assertThatThrownBy(() -> s.get(srv.url("/z")).await()).isInstanceOf(ClientResponseError.class);
                }
                return null;
            });
        }
    }

    @Test
    void timeoutsOfEachKind() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer srv = new RawServer(p -> {
            RawServer.Request r = p.readRequest();
            if (r.target().equals("/slow-body")) {
                p.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
            }
            release.await(30, TimeUnit.SECONDS);      // never answers (more) while the test runs
        })) {
            run(() -> {
                ClientTimeout sockRead = ClientTimeout.NONE.withSockRead(0.2);
                try (ClientSession s = ClientSession.builder().timeout(sockRead).build()) {
                    // aiohttp's message, with the URL and the limit
                    assertThatThrownBy(() -> s.get(srv.url("/silent")).await())
                            .isInstanceOf(ServerTimeoutError.class)
                            .hasMessage("Timeout on reading data from socket of " + srv.url("/silent")
                                    + " (sock_read=0.2)");
                    try (ClientResponse r = s.get(srv.url("/slow-body")).await()) {
                        assertThatThrownBy(() -> r.read().await()).isInstanceOf(ServerTimeoutError.class)
                                .hasMessage("Timeout on reading data from socket of " + srv.url("/slow-body")
                                        + " (sock_read=0.2)");
                    }
                    assertThat(s.connector().openConnections()).isZero();
                }
                try (ClientSession s = ClientSession.builder().timeout(ClientTimeout.ofTotal(0.2)).build()) {
                    // aiohttp: a bare asyncio.TimeoutError(); here the request and the limit are named
                    assertThatThrownBy(() -> s.get(srv.url("/silent")).await()).isInstanceOf(TimeoutError.class)
                            .hasMessage("Timeout on GET " + srv.url("/silent") + " (total=0.2)")
                            .hasCauseInstanceOf(CancelledError.class);
                    try (ClientResponse r = s.get(srv.url("/slow-body")).await()) {
                        assertThatThrownBy(() -> r.read().await()).isInstanceOf(TimeoutError.class)
                                .hasMessage("Timeout on GET " + srv.url("/slow-body") + " (total=0.2)");
                    }
                    // a deadline of the caller's own that passes first is the caller's: passed through as it is
                    assertThatThrownBy(() -> Asyncio.timeout(0.05, () -> s.get(srv.url("/silent")).await()).await())
                            .isInstanceOf(TimeoutError.class).satisfies(e -> assertThat(e.getMessage()).isNull());
                    assertThat(s.connector().openConnections()).isZero();
                }
                // connect: the time waiting for a pool slot counts
                try (ClientSession s = ClientSession.builder().connector(new TCPConnector(1, 0, 15, false))
                        .timeout(ClientTimeout.NONE).build()) {
                    Task<ClientResponse> holder = Asyncio.createTask(s.get(srv.url("/silent")));
                    Asyncio.sleep(0.05).await();
                    assertThatThrownBy(() -> s.get(srv.url("/other"), RequestOptions.builder()
                            .timeout(ClientTimeout.NONE.withConnect(0.2)).build()).await())
                            .isInstanceOf(ServerTimeoutError.class)
                            .hasMessage("Connection timeout to host " + srv.url("/other") + " (connect=0.2)");
                    holder.cancel();
                    assertThatThrownBy(holder::await).isInstanceOf(CancelledError.class);
                    assertThat(s.connector().openConnections()).isZero();
                }
                return null;
            });
        } finally {
            release.countDown();
        }
    }

    @Test
    void sockConnectTimesOutAgainstAListenerWhoseBacklogIsFull() throws Exception {
        // a listener that never accepts, its accept queue filled: further SYNs are dropped, connecting hangs
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<java.nio.channels.SocketChannel> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open();
                    ch.configureBlocking(false);
                    ch.connect(full.getLocalSocketAddress());
                    fillers.add(ch);
                }
                String url = "http://127.0.0.1:" + full.getLocalPort() + "/";
                run(() -> {
                    try (ClientSession s = ClientSession.builder()
                            .timeout(ClientTimeout.NONE.withSockConnect(0.3)).build()) {
                        assertThatThrownBy(() -> s.get(url).await()).isInstanceOf(ServerTimeoutError.class)
                                .hasMessage("Connection timeout to host " + url + " (sock_connect=0.3)");
                        assertThat(s.connector().openConnections()).isZero();
                    }
                    return null;
                });
            } finally {
                for (java.nio.channels.SocketChannel ch : fillers) {
                    ch.close();
                }
            }
        }
    }

    @Test
    void cancellingARequestClosesItsConnection() throws Exception {
        AtomicBoolean sawClose = new AtomicBoolean();
        CountDownLatch closed = new CountDownLatch(1);
        try (RawServer srv = new RawServer(p -> {
            p.readRequest();
            p.awaitClose();
            sawClose.set(true);
            closed.countDown();
        })) {
            run(() -> {
                try (ClientSession s = new ClientSession()) {
                    Task<ClientResponse> t = Asyncio.createTask(s.get(srv.url("/")));
                    while (srv.requestLines.isEmpty()) {
                        Asyncio.sleep(0.01).await();
                    }
                    t.cancel();
                    assertThatThrownBy(t::await).isInstanceOf(CancelledError.class);
                    assertThat(s.connector().openConnections()).isZero();
                }
                return null;
            });
            assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sawClose).isTrue();
        }
    }

    @Test
    void closingTheSessionClosesItsPooledConnections() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        try (RawServer srv = new RawServer(p -> {
            while (p.readRequest() != null) {
                p.ok("x");
            }
            closed.countDown();
        })) {
            run(() -> {
                ClientSession s = new ClientSession();
                s.get(srv.url("/")).await().read().await();
                assertThat(s.connector().idleConnections()).isEqualTo(1);
                s.close();
                assertThat(s.closed()).isTrue();
                assertThatThrownBy(() -> s.get(srv.url("/")).await()).isInstanceOf(IllegalStateException.class)
                        .hasMessage("Session is closed");
                return null;
            });
            assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void closingTheSessionFailsABodyUnderWay() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer srv = new RawServer(p -> {
            p.readRequest();
            p.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
            release.await(30, TimeUnit.SECONDS);
        })) {
            run(() -> {
                ClientSession s = new ClientSession();
                ClientResponse r = s.get(srv.url("/")).await();
                Task<byte[]> reading = Asyncio.createTask(r.read());
                Asyncio.sleep(0).await();
                s.close();
                assertThatThrownBy(reading::await).isInstanceOf(ClientConnectionError.class)
                        .hasMessageContaining("connector was closed");
                assertThat(s.connector().openConnections()).isZero();
                return null;
            });
        } finally {
            release.countDown();
        }
    }

    @Test
    void idleConnectionsCloseAfterKeepaliveTimeout() throws Exception {
        try (RawServer srv = new RawServer(keepAlive("x"))) {
            run(() -> {
                try (ClientSession s = ClientSession.builder().connector(new TCPConnector(100, 0, 0.05, false))
                        .build()) {
                    s.get(srv.url("/")).await().read().await();
                    assertThat(s.connector().idleConnections()).isEqualTo(1);
                    while (s.connector().idleConnections() > 0) {
                        Asyncio.sleep(0.02).await();
                    }
                    s.get(srv.url("/")).await().close();
                }
                return null;
            });
            assertThat(srv.accepted.get()).isEqualTo(2);
        }
    }
}
