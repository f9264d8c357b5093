package io.asyncio4j.http.web;

import static io.asyncio4j.http.web.RawClient.get;
import static io.asyncio4j.http.web.RawClient.serve;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/** StreamResponse, cookies and compression, over real sockets. */
class StreamResponseTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Application streaming() {
        Application app = new Application();
        app.router().get("/chunks", request -> {
            StreamResponse resp = new StreamResponse().contentType("text/plain");
            resp.prepare(request).await();
            for (int i = 0; i < 3; i++) {
                resp.write(utf8("line " + i + "\n")).await();
            }
            resp.writeEof().await();
            return resp;
        });
        app.router().get("/sized", request -> {
            StreamResponse resp = new StreamResponse().contentLength(10);
            resp.prepare(request).await();
            resp.write(utf8("01234")).await();
            resp.write(utf8("56789abc")).await(); // cut at the length, as aiohttp
            return resp;                          // the server ends it
        });
        app.router().get("/empty", request -> new StreamResponse(204));
        app.router().get("/fails", request -> {
            StreamResponse resp = new StreamResponse();
            resp.prepare(request).await();
            resp.write(utf8("partial")).await();
            throw new IllegalStateException("boom (expected by the test)");
        });
        return app;
    }

    @Test
    void streamsChunkedAndKeepsTheConnection() {
        List<RawClient.Resp> rs = serve(streaming(), port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange(get("/chunks")), c.exchange(get("/sized")), c.exchange(get("/empty")),
                        c.exchange(get("/chunks")));
            }
        });
        assertThat(rs.get(0).status()).isEqualTo(200);
        assertThat(rs.get(0).headers().get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(rs.get(0).headers().contains("Content-Length")).isFalse();
        assertThat(rs.get(0).headers().get("Content-Type")).isEqualTo("text/plain");
        assertThat(rs.get(0).text()).isEqualTo("line 0\nline 1\nline 2\n");
        assertThat(rs.get(1).headers().get("Content-Length")).isEqualTo("10");
        assertThat(rs.get(1).headers().get("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(rs.get(1).text()).isEqualTo("0123456789");
        assertThat(rs.get(2).status()).isEqualTo(204);
        assertThat(rs.get(2).headers().contains("Transfer-Encoding")).isFalse();
        assertThat(rs.get(3).text()).isEqualTo("line 0\nline 1\nline 2\n"); // same connection, still in step
    }

    @Test
    void headAndHttp10() {
        List<RawClient.Resp> rs = serve(streaming(), port -> {
            RawClient.Resp head;
            try (RawClient c = new RawClient(port)) {
                head = c.exchange("HEAD /chunks HTTP/1.1\r\nHost: t\r\n\r\n");
                assertThat(c.exchange(get("/sized")).text()).isEqualTo("0123456789");
            }
            try (RawClient c = new RawClient(port)) {
                // HTTP/1.0 has no chunked coding: the body ends with the connection
                RawClient.Resp r10 = c.exchange("GET /chunks HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                return List.of(head, r10);
            }
        });
        assertThat(rs.get(0).headers().get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(rs.get(0).body()).isEmpty();
        assertThat(rs.get(1).headers().get("Connection")).isEqualTo("close");
        assertThat(rs.get(1).headers().contains("Transfer-Encoding")).isFalse();
        assertThat(rs.get(1).text()).isEqualTo("line 0\nline 1\nline 2\n");
    }

    @Test
    void aHandlerFailingAfterPrepareClosesTheConnection() {
        String raw = serve(streaming(), port -> {
            try (RawClient c = new RawClient(port)) {
                c.send(get("/fails"));
                return new String(c.in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
        });
        assertThat(raw).startsWith("HTTP/1.1 200 OK\r\n").contains("7\r\npartial\r\n").doesNotContain("0\r\n\r\n")
                .doesNotContain("500");
    }

    @Test
    void setsAndReadsCookies() {
        Application app = new Application();
        app.router().get("/", request -> Response.text("cookies " + request.cookies())
                .setCookie("a", "1")
                .setCookie("b", "x y;z", new CookieOptions().maxAge(60).httpOnly(true).domain("example.com")
                        .sameSite("Lax").secure(true).path("/p"))
                .setCookie("a", "2")                      // replaces the first
                .delCookie("gone"));
        RawClient.Resp r = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return c.exchange("GET / HTTP/1.1\r\nHost: t\r\nCookie: s=abc; q=\"a\\\"b\\054c\"\r\n"
                        + "Cookie: t=1\r\n\r\n");
            }
        });
        assertThat(r.text()).isEqualTo("cookies {s=abc, q=a\"b,c, t=1}");
        assertThat(r.headers().getAll("Set-Cookie")).containsExactly(
                "a=2; Path=/",
                "b=\"x y\\073z\"; Domain=example.com; HttpOnly; Max-Age=60; Path=/p; SameSite=Lax; Secure",
                "gone=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/");
    }

    @Test
    void streamResponseSendsCookies() {
        Application app = new Application();
        app.router().get("/", request -> {
            StreamResponse resp = new StreamResponse();
            resp.setCookie("k", "v");
            resp.prepare(request).await();
            resp.write(utf8("x")).await();
            return resp;
        });
        RawClient.Resp r = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return c.exchange(get("/"));
            }
        });
        assertThat(r.headers().getAll("Set-Cookie")).containsExactly("k=v; Path=/");
        assertThat(r.text()).isEqualTo("x");
    }

    static byte[] gunzip(byte[] b) throws IOException {
        return new GZIPInputStream(new ByteArrayInputStream(b)).readAllBytes();
    }

    static byte[] inflate(byte[] b) throws IOException {
        return new InflaterInputStream(new ByteArrayInputStream(b)).readAllBytes();
    }

    @Test
    void compressesAsTheRequestAccepts() throws IOException {
        String text = "hello compression ".repeat(200);
        Application app = new Application();
        app.router().get("/", request -> Response.text(text).enableCompression());
        app.router().get("/forced", request -> Response.text(text).enableCompression(ContentCoding.GZIP));
        app.router().get("/stream", request -> {
            StreamResponse resp = new StreamResponse().contentLength(text.length() * 2L);
            resp.enableCompression();
            resp.prepare(request).await();
            resp.write(utf8(text)).await();
            resp.write(utf8(text)).await();
            return resp;
        });
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(
                        c.exchange("GET / HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n"),
                        c.exchange("GET / HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip, deflate\r\n\r\n"),
                        c.exchange("GET / HTTP/1.1\r\nHost: t\r\nAccept-Encoding: br\r\n\r\n"),
                        c.exchange(get("/forced")),
                        c.exchange("GET /stream HTTP/1.1\r\nHost: t\r\nAccept-Encoding: GZIP\r\n\r\n"),
                        c.exchange(get("/")));
            }
        });
        RawClient.Resp gz = rs.get(0);
        assertThat(gz.headers().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(Long.parseLong(gz.headers().get("Content-Length"))).isEqualTo(gz.body().length)
                .isLessThan(text.length());
        assertThat(new String(gunzip(gz.body()), StandardCharsets.UTF_8)).isEqualTo(text);
        // aiohttp tries deflate before gzip
        assertThat(rs.get(1).headers().get("Content-Encoding")).isEqualTo("deflate");
        assertThat(new String(inflate(rs.get(1).body()), StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(rs.get(2).headers().contains("Content-Encoding")).isFalse();
        assertThat(rs.get(2).text()).isEqualTo(text);
        assertThat(rs.get(3).headers().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(new String(gunzip(rs.get(3).body()), StandardCharsets.UTF_8)).isEqualTo(text);
        RawClient.Resp stream = rs.get(4);
        assertThat(stream.headers().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(stream.headers().get("Transfer-Encoding")).isEqualTo("chunked"); // the length is dropped
        assertThat(new String(gunzip(stream.body()), StandardCharsets.UTF_8)).isEqualTo(text + text);
        assertThat(rs.get(5).text()).isEqualTo(text);
    }

    @Test
    void pythonAiohttpClientReadsStreamedCompressedResponses() throws Exception {
        Application app = new Application();
        String text = "streamed ".repeat(1000);
        app.router().get("/", request -> {
            StreamResponse resp = new StreamResponse().contentType("text/plain");
            resp.setCookie("c", "v");
            resp.enableCompression();
            resp.prepare(request).await();
            for (int i = 0; i < 10; i++) {
                resp.write(utf8(text)).await();
            }
            return resp;
        });
        Map<String, Object> out = serve(app, port -> InteropTest.python("""
                import aiohttp, asyncio, json, sys
                async def main():
                    async with aiohttp.ClientSession() as s:
                        async with s.get(sys.argv[1]) as r:
                            body = await r.text()
                            print(json.dumps({"len": len(body), "enc": r.headers.get("Content-Encoding"),
                                              "cookie": r.cookies["c"].value}))
                asyncio.run(main())
                """, "http://127.0.0.1:" + port + "/"));
        assertThat(out).containsEntry("len", text.length() * 10).containsEntry("enc", "deflate")
                .containsEntry("cookie", "v");
    }
}
