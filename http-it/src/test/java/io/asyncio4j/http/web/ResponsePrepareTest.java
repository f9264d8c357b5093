package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.RequestOptions;
import io.asyncio4j.http.test.AppFactory;
import io.asyncio4j.http.test.TestClient;
import io.asyncio4j.http.ClientWebSocketResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link Application#onResponsePrepare()}: run before the head of every kind of response, over real sockets. */
@ExtendWith(io.asyncio4j.http.test.AioHttpExtension.class)
class ResponsePrepareTest {
    @TempDir
    static Path dir;
    /** What the hooks saw, in order. */
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    @AppFactory
    Application app() throws Exception {
        Files.writeString(dir.resolve("f.txt"), "file body");
        Application app = new Application();
        app.onResponsePrepare().add((request, response) -> () -> {
            Asyncio.sleep(0).await(); // a hook may suspend
            seen.add("root " + request.path() + " " + response.status() + " "
                    + response.getClass().getSimpleName() + " " + response.headers().get("Content-Encoding"));
            response.headers().set("X-Root", "1");
            return null;
        });
        app.onResponsePrepare().add((request, response) -> {
            response.headers().add("X-Second", String.valueOf(response.headers().get("X-Root")));
            return null; // no coroutine: headers only
        });
        app.router()
                .get("/plain", r -> Response.text("plain"))
                .get("/gz", r -> Response.text("x".repeat(100)).enableCompression())
                .get("/stream", r -> {
                    StreamResponse s = new StreamResponse();
                    s.prepare(r).await();
                    s.write("streamed".getBytes(StandardCharsets.UTF_8)).await();
                    return s;
                })
                .get("/unprepared", r -> new StreamResponse().contentType("text/plain"))
                .get("/file", r -> new FileResponse(dir.resolve("f.txt")))
                .get("/teapot", r -> {
                    throw new HTTPConflict();
                })
                .get("/boom", r -> {
                    throw new IllegalStateException("boom");
                })
                .get("/ws", r -> {
                    WebSocketResponse ws = new WebSocketResponse();
                    ws.prepare(r).await();
                    ws.close().await();
                    return ws;
                });
        Application sub = new Application();
        sub.onResponsePrepare().add((request, response) -> {
            seen.add("sub " + request.path() + " " + response.headers().get("X-Root"));
            response.headers().set("X-Sub", "1");
            return null;
        });
        sub.router().get("/x", r -> Response.text("sub"));
        app.addSubapp("/sub", sub);
        Application other = new Application();
        other.onResponsePrepare().add((request, response) -> {
            seen.add("other " + request.path());
            return null;
        });
        other.router().get("/y", r -> Response.text("other"));
        app.addSubapp("/other", other);
        Application failing = new Application();
        failing.onResponsePrepare().add((request, response) -> {
            if (response.status() != 409) {
                throw new HTTPForbidden();
            }
            return null;
        });
        failing.router().get("/z", r -> Response.text("never sent"))
                .get("/stream", r -> {
                    StreamResponse s = new StreamResponse();
                    try {
                        s.prepare(r).await();
                    } catch (HTTPForbidden e) {
                        return Response.text("prepare threw " + e.status()).status(409);
                    }
                    return s;
                });
        app.addSubapp("/failing", failing);
        return app;
    }

    private static String line(ClientResponse r) {
        return r.status() + " " + r.text().await() + " root=" + r.headers().get("X-Root") + " second="
                + r.headers().getAll("X-Second") + " sub=" + r.headers().get("X-Sub");
    }

    @Test
    void everyKindOfResponseRunsTheHooksBeforeItsHead(TestClient client) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String p : List.of("/plain", "/stream", "/unprepared", "/file", "/teapot", "/boom", "/missing")) {
            try (ClientResponse r = client.get(p).await()) {
                lines.add(p + " " + line(r));
            }
        }
        assertThat(lines).containsExactly(
                "/plain 200 plain root=1 second=[1] sub=null",
                "/stream 200 streamed root=1 second=[1] sub=null",
                "/unprepared 200  root=1 second=[1] sub=null",
                "/file 200 file body root=1 second=[1] sub=null",
                "/teapot 409 409: Conflict root=1 second=[1] sub=null",
                "/boom 500 500: Internal Server Error root=1 second=[1] sub=null",
                "/missing 404 404: Not Found root=1 second=[1] sub=null");
        assertThat(seen).containsExactly("root /plain 200 Response null", "root /stream 200 StreamResponse null",
                "root /unprepared 200 StreamResponse null", "root /file 200 FileResponse null",
                "root /teapot 409 Response null", "root /boom 500 Response null", "root /missing 404 Response null");
    }

    @Test
    void theHooksSeeTheCompressionChosen(TestClient client) throws Exception {
        try (ClientResponse r = client.get("/gz", RequestOptions.builder().header("Accept-Encoding", "gzip")
                .build()).await()) {
            assertThat(r.text().await()).isEqualTo("x".repeat(100));
            assertThat(r.headers().get("X-Root")).isEqualTo("1");
        }
        assertThat(seen).containsExactly("root /gz 200 Response gzip");
    }

    @Test
    void aSubapplicationRunsItsParentsHooksThenItsOwn(TestClient client) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String p : List.of("/sub/x", "/sub/nope", "/other/y")) {
            try (ClientResponse r = client.get(p).await()) {
                lines.add(p + " " + line(r));
            }
        }
        assertThat(lines).containsExactly("/sub/x 200 sub root=1 second=[1] sub=1",
                "/sub/nope 404 404: Not Found root=1 second=[1] sub=1", "/other/y 200 other root=1 second=[1] sub=null");
        // the sub-application's hook runs after the root's (it sees X-Root); a sibling's hooks do not run
        assertThat(seen).containsExactly("root /sub/x 200 Response null", "sub /sub/x 1",
                "root /sub/nope 404 Response null", "sub /sub/nope 1", "root /other/y 200 Response null",
                "other /other/y");
    }

    @Test
    void aFailingHookTurnsTheAnswerIntoItsErrorOrFailsPrepare(TestClient client) throws Exception {
        try (ClientResponse r = client.get("/failing/z").await()) {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.text().await()).isEqualTo("403: Forbidden");
            // the error goes out as it is: no hooks run for it (they are the ones that failed)
            assertThat(r.headers().get("X-Root")).isNull();
        }
        try (ClientResponse r = client.get("/failing/stream").await()) {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.text().await()).isEqualTo("prepare threw 403");
        }
        try (ClientResponse r = client.get("/plain").await()) { // the connection is still good
            assertThat(r.text().await()).isEqualTo("plain");
        }
    }

    @Test
    void theWebSocketHandshakeCarriesTheHooksHeaders(TestClient client) throws Exception {
        ClientWebSocketResponse ws = client.session().wsConnect(client.makeUrl("/ws")).await();
        try {
            assertThat(ws.headers().get("X-Root")).isEqualTo("1");
            assertThat(ws.headers().get("X-Second")).isEqualTo("1");
        } finally {
            ws.close().await();
        }
        assertThat(seen).containsExactly("root /ws 101 WebSocketResponse null");
    }
}
