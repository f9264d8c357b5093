package io.asyncio4j.http.web;

import static io.asyncio4j.http.web.RawClient.get;
import static io.asyncio4j.http.web.RawClient.serve;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Exceptions from handlers, HTTP exceptions as answers, and middlewares. */
class ErrorsAndMiddlewareTest {
    @Test
    void anExceptionBecomesA500LoggedWithItsStack() {
        Application app = new Application();
        app.router().get("/boom", request -> {
            throw new IllegalStateException("kaboom");
        }).get("/", request -> Response.text("fine"));
        List<RawClient.Resp> rs;
        List<LogRecord> records;
        try (LogCapture logs = new LogCapture("io.asyncio4j.http.web")) {
            rs = serve(app, port -> {
                try (RawClient c = new RawClient(port)) {
                    return List.of(c.exchange(get("/boom")), c.exchange(get("/")));
                }
            });
            records = logs.records();
        }
        assertThat(rs.get(0).status()).isEqualTo(500);
        assertThat(rs.get(0).text()).isEqualTo("500: Internal Server Error");   // no detail leaks to the client
        assertThat(rs.get(1).text()).isEqualTo("fine");                        // the connection goes on
        LogRecord rec = records.stream().filter(r -> r.getThrown() != null).findFirst().orElseThrow();
        assertThat(rec.getLevel()).isEqualTo(java.util.logging.Level.SEVERE);
        assertThat(rec.getMessage()).contains("Error handling request GET /boom");
        assertThat(rec.getThrown()).isInstanceOf(IllegalStateException.class).hasMessage("kaboom");
        assertThat(rec.getThrown().getStackTrace()).isNotEmpty();
    }

    @Test
    void httpExceptionsAreAnswers() {
        Application app = new Application();
        app.router()
                .get("/found", request -> {
                    throw new HTTPFound("/elsewhere");
                })
                .get("/moved", request -> {
                    throw new HTTPMovedPermanently("https://example.org/x");
                })
                .get("/bad", request -> {
                    HTTPBadRequest e = new HTTPBadRequest("missing field 'a'");
                    e.headers().add("X-Why", "a");
                    throw e;
                })
                .get("/teapot", request -> {
                    throw new HTTPException(418, null);
                })
                .get("/notmod", request -> {
                    throw new HTTPNotModified();
                });
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange(get("/found")), c.exchange(get("/moved")), c.exchange(get("/bad")),
                        c.exchange(get("/teapot")), c.exchange(get("/notmod")), c.exchange(get("/found")));
            }
        });
        assertThat(rs.get(0).status()).isEqualTo(302);
        assertThat(rs.get(0).headers().get("Location")).isEqualTo("/elsewhere");
        assertThat(rs.get(0).text()).isEqualTo("302: Found");
        assertThat(rs.get(1).status()).isEqualTo(301);
        assertThat(rs.get(1).headers().get("Location")).isEqualTo("https://example.org/x");
        assertThat(rs.get(2).status()).isEqualTo(400);
        assertThat(rs.get(2).text()).isEqualTo("missing field 'a'");
        assertThat(rs.get(2).headers().get("X-Why")).isEqualTo("a");
        assertThat(rs.get(3).status()).isEqualTo(418);
        assertThat(rs.get(3).text()).isEqualTo("418: I'm a Teapot");
        assertThat(rs.get(4).status()).isEqualTo(304);
        assertThat(rs.get(4).body()).isEmpty();
        assertThat(rs.get(5).status()).isEqualTo(302);
    }

    @Test
    void theFirstMiddlewareIsTheOutermost() {
        List<String> trace = new ArrayList<>();
        Middleware outer = (request, handler) -> {
            trace.add("outer in");
            Response r = handler.handle(request);
            trace.add("outer out");
            return r.header("X-Order", "outer");
        };
        Middleware inner = (request, handler) -> {
            trace.add("inner in " + request.matchInfo("name"));
            Response r = handler.handle(request);
            trace.add("inner out");
            return r.header("X-Order", "inner");
        };
        Application app = new Application(List.of(outer, inner));
        app.router().get("/hi/{name}", request -> {
            trace.add("handler");
            return Response.text("hi " + request.matchInfo("name"));
        });
        RawClient.Resp r = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return c.exchange(get("/hi/bob"));
            }
        });
        assertThat(r.text()).isEqualTo("hi bob");
        assertThat(r.headers().getAll("X-Order")).containsExactly("inner", "outer");
        assertThat(trace).containsExactly("outer in", "inner in bob", "handler", "inner out", "outer out");
    }

    @Test
    void middlewaresSeeAndReplaceRouterErrors() {
        Application app = new Application();
        app.middlewares().add((request, handler) -> {
            try {
                return handler.handle(request);
            } catch (HTTPNotFound e) {
                return Response.json(java.util.Map.of("error", "no such page", "path", request.path())).status(404);
            }
        });
        app.middlewares().add((request, handler) -> {
            if (request.header("X-Token") == null) {
                throw new HTTPUnauthorized();
            }
            return handler.handle(request);
        });
        app.router().get("/", request -> Response.text("secret"));
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange(get("/")), c.exchange("GET / HTTP/1.1\r\nHost: t\r\nX-Token: 1\r\n\r\n"),
                        c.exchange("GET /nope HTTP/1.1\r\nHost: t\r\nX-Token: 1\r\n\r\n"));
            }
        });
        assertThat(rs.get(0).status()).isEqualTo(401);
        assertThat(rs.get(1).text()).isEqualTo("secret");
        assertThat(rs.get(2).status()).isEqualTo(404);
        assertThat(rs.get(2).text()).contains("\"error\":\"no such page\"", "\"path\":\"/nope\"");
    }

    @Test
    void aHandlerReturningNullIsA500() {
        Application app = new Application();
        app.router().get("/", request -> null);
        try (LogCapture quiet = new LogCapture("io.asyncio4j.http.web")) { // the 500 is logged: keep it off the console
            RawClient.Resp r = serve(app, port -> {
                try (RawClient c = new RawClient(port)) {
                    return c.exchange(get("/"));
                }
            });
            assertThat(r.status()).isEqualTo(500);
        }
    }
}
