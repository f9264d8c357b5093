package io.asyncio4j.http.web;

import static io.asyncio4j.http.web.RawClient.get;
import static io.asyncio4j.http.web.RawClient.serve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing, requests and responses, over real sockets. */
class WebServerTest {
    @Test
    void answersHelloWorld() {
        Application app = new Application();
        app.router().get("/", request -> Response.text("Hello, World!"));
        RawClient.Resp r = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return c.exchange(get("/"));
            }
        });
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.reason()).isEqualTo("OK");
        assertThat(r.text()).isEqualTo("Hello, World!");
        assertThat(r.headers().get("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.headers().get("Content-Length")).isEqualTo("13");
        assertThat(r.headers().get("Date")).endsWith("GMT");
        assertThat(r.headers().get("Server")).isEqualTo("asyncio4j");
        assertThat(r.headers().contains("Connection")).isFalse();
    }

    @Test
    void matchesPathVariablesAndRegexes() {
        Application app = new Application();
        app.router()
                .get("/items/{id:\\d+}", request -> Response.json(Map.of("id", request.matchInfo("id"))))
                .get("/users/{name}", request -> Response.text("user " + request.matchInfo("name")))
                .get("/files/{dir}/{rest:.+}", request -> Response.json(request.matchInfo()))
                .get("/two/{a:(x|y)}/{b}", request -> Response.text(request.matchInfo("a") + request.matchInfo("b")));
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange(get("/items/42")), c.exchange(get("/items/abc")),
                        c.exchange(get("/users/J%C3%BCrgen%20K")), c.exchange(get("/users/a%2Fb")),
                        c.exchange(get("/users/a/b")), c.exchange(get("/files/d/x/y.txt")),
                        c.exchange(get("/two/y/z")), c.exchange(get("/users/")));
            }
        });
        assertThat(rs.get(0).text()).isEqualTo("{\"id\":\"42\"}");
        assertThat(rs.get(0).headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(rs.get(1).status()).isEqualTo(404);
        assertThat(rs.get(1).text()).isEqualTo("404: Not Found");
        assertThat(rs.get(2).text()).isEqualTo("user Jürgen K");
        assertThat(rs.get(3).text()).isEqualTo("user a/b");          // an encoded slash stays in its segment
        assertThat(rs.get(4).status()).isEqualTo(404);
        assertThat(rs.get(5).text()).isEqualTo("{\"dir\":\"d\",\"rest\":\"x/y.txt\"}");
        assertThat(rs.get(6).text()).isEqualTo("yz");
        assertThat(rs.get(7).status()).isEqualTo(404);
    }

    @Test
    void answersHeadForGetWithoutABody() {
        Application app = new Application();
        app.router().get("/", request -> Response.text("Hello, " + request.method()));
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n"), c.exchange(get("/")));
            }
        });
        assertThat(rs.get(0).status()).isEqualTo(200);
        assertThat(rs.get(0).headers().get("Content-Length")).isEqualTo("11"); // "Hello, HEAD"
        assertThat(rs.get(0).body()).isEmpty();
        assertThat(rs.get(1).text()).isEqualTo("Hello, GET");               // nothing was left on the wire
    }

    @Test
    void explicitHeadRouteWins() {
        Application app = new Application();
        app.router().get("/", request -> Response.text("get"))
                .head("/", request -> Response.text("x").header("X-Head", "1"));
        RawClient.Resp r = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return c.exchange("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n");
            }
        });
        assertThat(r.headers().get("X-Head")).isEqualTo("1");
    }

    @Test
    void answers405WithAllowAnd404() {
        Application app = new Application();
        app.router().get("/r", request -> Response.text("g")).post("/r", request -> Response.text("p"))
                .put("/only-put", request -> Response.text("u"));
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange("DELETE /r HTTP/1.1\r\nHost: t\r\n\r\n"),
                        c.exchange(get("/only-put")), c.exchange(get("/nowhere")),
                        c.exchange("POST /r HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n"));
            }
        });
        assertThat(rs.get(0).status()).isEqualTo(405);
        assertThat(rs.get(0).headers().get("Allow")).isEqualTo("GET,HEAD,POST");
        assertThat(rs.get(0).text()).isEqualTo("405: Method Not Allowed");
        assertThat(rs.get(1).status()).isEqualTo(405);
        assertThat(rs.get(1).headers().get("Allow")).isEqualTo("PUT");
        assertThat(rs.get(2).status()).isEqualTo(404);
        assertThat(rs.get(3).text()).isEqualTo("p");
    }

    @Test
    void routesAnyMethodWithStar() {
        Application app = new Application();
        app.router().route("*", "/any", request -> Response.text(request.method()));
        RawClient.Resp r = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return c.exchange("PROPFIND /any HTTP/1.1\r\nHost: t\r\n\r\n");
            }
        });
        assertThat(r.text()).isEqualTo("PROPFIND");
    }

    @Test
    void exposesTheRequest() {
        Application app = new Application();
        app.router().get("/a b/{x}", request -> Response.json(Map.of(
                "method", request.method(), "path", request.path(), "rawPath", request.rawPath(),
                "q", request.query("q"), "qs", request.queryAll("q"), "space", request.query("s"),
                "none", String.valueOf(request.query("none")), "multi", request.headers().getAll("x-multi"),
                "remote", request.remote(), "version", request.version())));
        RawClient.Resp r = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return c.exchange("GET /a%20b/1?q=1&q=%C3%A9&s=a+b HTTP/1.1\r\nHost: t\r\nX-Multi: 1\r\n"
                        + "x-multi: 2\r\n\r\n");
            }
        });
        assertThat(r.text()).contains("\"method\":\"GET\"", "\"path\":\"/a b/1\"",
                "\"rawPath\":\"/a%20b/1?q=1&q=%C3%A9&s=a+b\"", "\"q\":\"1\"", "\"qs\":[\"1\",\"é\"]",
                "\"space\":\"a b\"", "\"none\":\"null\"", "\"multi\":[\"1\",\"2\"]", "\"remote\":\"127.0.0.1\"",
                "\"version\":\"HTTP/1.1\"");
    }

    @Test
    void readsBodiesAsTextAndJson() {
        Application app = new Application();
        app.router()
                .post("/text", request -> Response.text(request.text().await().toUpperCase()))
                .post("/latin", request -> Response.text(request.text().await() + " " + request.charset()))
                .post("/json", request -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) request.json().await();
                    return Response.json(Map.of("got", m.get("n"), "twice", request.read().await().length))
                            .status(201);
                })
                .post("/bad-json", request -> Response.json(request.json().await()));
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange("POST /text HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello"),
                        c.exchange("POST /latin HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain; charset=ISO-8859-1"
                                + "\r\nContent-Length: 1\r\n\r\n\u00e9"),
                        c.exchange("POST /json HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 8\r\n\r\n{\"n\":42}"),
                        c.exchange("POST /bad-json HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\n{x}"));
            }
        });
        assertThat(rs.get(0).text()).isEqualTo("HELLO");
        assertThat(rs.get(1).text()).isEqualTo("é ISO-8859-1");
        assertThat(rs.get(2).status()).isEqualTo(201);
        assertThat(rs.get(2).text()).contains("\"got\":42", "\"twice\":8");
        assertThat(rs.get(3).status()).isEqualTo(400);
        assertThat(rs.get(3).text()).startsWith("Invalid JSON body: ");
    }

    @Test
    void sendsResponseHeadersStatusAndBytes() {
        Application app = new Application();
        app.router()
                .get("/bytes", request -> Response.bytes(new byte[] {0, 1, 2}, "image/x-test")
                        .header("X-A", "1").header("X-A", "2").reason("Fine"))
                .get("/html", request -> Response.text("<p>", "text/html").status(202))
                .get("/nocontent", request -> new Response().status(204))
                .get("/custom-type", request -> Response.text("x").header("Content-Type", "text/x-custom"))
                .get("/override", request -> Response.text("abc").header("Content-Length", "99")
                        .header("Connection", "close"));
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange(get("/bytes")), c.exchange(get("/html")), c.exchange(get("/nocontent")),
                        c.exchange(get("/custom-type")), c.exchange(get("/override")), c.exchange(get("/html")));
            }
        });
        assertThat(rs.get(0).body()).containsExactly(0, 1, 2);
        assertThat(rs.get(0).reason()).isEqualTo("Fine");
        assertThat(rs.get(0).headers().get("Content-Type")).isEqualTo("image/x-test");
        assertThat(rs.get(0).headers().getAll("x-a")).containsExactly("1", "2");
        assertThat(rs.get(1).status()).isEqualTo(202);
        assertThat(rs.get(1).headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(rs.get(2).status()).isEqualTo(204);
        assertThat(rs.get(2).headers().contains("Content-Length")).isFalse();
        assertThat(rs.get(3).headers().getAll("Content-Type")).containsExactly("text/x-custom");
        assertThat(rs.get(4).headers().get("Content-Length")).isEqualTo("3");
        assertThat(rs.get(4).headers().contains("Connection")).isFalse();
        assertThat(rs.get(5).status()).isEqualTo(202);                      // still the same connection
    }

    @Test
    void runsEachHandlerAsATaskThatMayAwait() {
        Application app = new Application();
        app.router().get("/", request -> {
            Asyncio.sleep(0.01).await();
            return Response.text(String.valueOf(Asyncio.currentTask() != null));
        });
        RawClient.Resp r = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return c.exchange(get("/"));
            }
        });
        assertThat(r.text()).isEqualTo("true");
    }

    @Test
    void freezesTheApplicationWhenItStarts() {
        Application app = new Application();
        app.router().get("/", request -> Response.text("x"));
        serve(app, port -> null);
        assertThat(app.frozen()).isTrue();
        assertThatThrownBy(() -> app.router().get("/late", request -> Response.text("x")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("frozen");
        assertThatThrownBy(() -> app.middlewares().add((r, h) -> h.handle(r)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> app.clientMaxSize(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void runAppServesUntilAskedToStop() throws Exception {
        Application app = new Application();
        app.router().get("/", request -> Response.text("from runApp"));
        List<String> hooks = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        app.onStartup().add(a -> () -> hooks.add("startup"));
        app.onShutdown().add(a -> () -> hooks.add("shutdown"));
        app.onCleanup().add(a -> () -> hooks.add("cleanup"));
        java.util.concurrent.CompletableFuture<Site> started = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Void> stop = new java.util.concurrent.CompletableFuture<>();
        ServerOptions options = ServerOptions.DEFAULT.withBodyTimeout(7);
        Thread server = Thread.ofPlatform().start(() -> Web.runApp(app, "127.0.0.1", 0, options, started, stop));
        Site site = started.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(site.options()).isSameAs(options);
        int port = site.port();
        String text;
        try (RawClient c = new RawClient(port)) {
            text = c.exchange(get("/")).text();
        }
        stop.complete(null);
        server.join(20_000);
        assertThat(text).isEqualTo("from runApp");
        assertThat(server.isAlive()).isFalse();
        assertThat(hooks).containsExactly("startup", "shutdown", "cleanup");
        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close())
                .isInstanceOf(java.io.IOException.class);
    }
}
