package io.asyncio4j.http.web;

import static io.asyncio4j.http.web.RawClient.serve;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code Expect: 100-continue} as aiohttp 3.8 answers it (issue 17 item 6): {@code 100 Continue} once the route is
 * resolved, before the middlewares, for any body size; {@code clientMaxSize} applies where the body is read whole
 * ({@link Request#read()} and its kind), so a handler that streams {@link Request#content()} takes a body of any size,
 * and a 413 is a handler's exception like any other, which middlewares see.
 */
class ExpectContinueTest {
    /** ConnectionTest's echo application with a 10-byte {@code clientMaxSize}, inside an error middleware. */
    private static Application app() {
        Application app = ConnectionTest.echo().clientMaxSize(10);
        app.middlewares().add((request, handler) -> {
            if (request.path().equals("/auth")) {
                throw new HTTPUnauthorized();
            }
            try {
                return handler.handle(request);
            } catch (HTTPException e) {
                return Response.text("middleware saw " + e.status() + ": " + e.text()).status(e.status());
            }
        });
        return app;
    }

    private static String expect(String path, long length) {
        return "POST " + path + " HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: " + length
                + "\r\n\r\n";
    }

    @Test
    void aHandlerThatStreamsContentTakesAnExpectedBodyOverClientMaxSize() {
        // aiohttp 3.8.4: 100 Continue, then 200 "5000" (client_max_size=1024, a handler reading request.content)
        List<String> r = serve(app(), port -> {
            try (RawClient c = new RawClient(port)) {
                c.send(expect("/count", 5000));
                RawClient.Resp cont = c.read();
                c.send(new byte[5000]);
                RawClient.Resp resp = c.read();
                return List.of(cont.status() + " " + cont.reason(), resp.status() + " " + resp.text());
            }
        });
        assertThat(r).containsExactly("100 Continue", "200 5000");
    }

    @Test
    void readRefusesADeclaredBodyOverClientMaxSizeThroughTheMiddlewaresAndCloses() {
        // aiohttp 3.8.4 sends 100 Continue, then its read() raises 413, which the middleware sees
        Object[] r = serve(app(), port -> {
            try (RawClient c = new RawClient(port)) {
                c.send(expect("/echo", 11));
                RawClient.Resp cont = c.read();
                RawClient.Resp resp = c.read();
                return new Object[] {cont.status(), resp, c.closedByServer()};
            }
        });
        assertThat(r[0]).isEqualTo(100);
        RawClient.Resp resp = (RawClient.Resp) r[1];
        assertThat(resp.status()).isEqualTo(413);
        // nothing was read: the length is the declared one, not an "actual" one
        assertThat(resp.text())
                .isEqualTo("middleware saw 413: Maximum request body size 10 exceeded, declared body size 11");
        assertThat(resp.headers().get("Connection")).isEqualTo("close");
        assertThat(r[2]).isEqualTo(true);
    }

    @Test
    void theActualSizeIsWhatWasReadWhenTheLimitPassed() {
        // a chunked body declares no length: read() reads until it passes the limit, then names what it read
        RawClient.Resp resp = serve(app(), port -> {
            try (RawClient c = new RawClient(port)) {
                c.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n");
                assertThat(c.read().status()).isEqualTo(100);
                c.send("8\r\n01234567\r\n");
                c.send("8\r\n89abcdef\r\n0\r\n\r\n");
                return c.read();
            }
        });
        assertThat(resp.status()).isEqualTo(413);
        assertThat(resp.text())
                .matches("middleware saw 413: Maximum request body size 10 exceeded, actual body size 1[1-6]");
    }

    @Test
    void continueComesAfterRoutingBeforeTheMiddlewaresForEveryRoute() {
        // aiohttp 3.8.4 (its default expect_handler runs between routing and the middlewares): 100 Continue, then
        // the middleware's 401; 100 Continue, then the 404
        List<String> r = serve(app(), port -> {
            List<String> out = new ArrayList<>();
            for (String path : List.of("/auth", "/missing")) {
                try (RawClient c = new RawClient(port)) {
                    c.send(expect(path, 4));
                    RawClient.Resp cont = c.read();
                    c.send("data");
                    RawClient.Resp resp = c.read();
                    out.add(cont.status() + " then " + resp.status());
                }
            }
            return out;
        });
        assertThat(r).containsExactly("100 then 401", "100 then 404");
    }

    @Test
    void curlUploadsALargeFileToAStreamingHandler() throws IOException {
        // curl sends Expect: 100-continue by itself for bodies over 1 MiB
        Assumptions.assumeTrue(InteropTest.hasCurl(), "curl is not installed");
        File f = InteropTest.zeros(3_000_000);
        String out = serve(ConnectionTest.echo(), port -> InteropTest.curl("-v", "--data-binary", "@" + f.getPath(),
                "http://127.0.0.1:" + port + "/count"));
        assertThat(out).contains("Expect: 100-continue", "HTTP/1.1 100 Continue", "HTTP/1.1 200 OK")
                .endsWith("3000000");
    }
}
