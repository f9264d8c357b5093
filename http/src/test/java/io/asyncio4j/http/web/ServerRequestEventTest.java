package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import io.asyncio4j.http.JfrRecording;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JFR's io.asyncio4j.HttpServerRequest, read back from an in-process recording of requests to a local server. */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class ServerRequestEventTest {
    @TempDir
    Path dir;

    private List<RecordedEvent> record(boolean enable) throws Exception {
        return JfrRecording.record("io.asyncio4j.HttpServerRequest", enable, dir, () -> {
            Application app = new Application();
            app.router().get("/hello", req -> Response.text("Hello"));
            app.router().post("/echo", req -> Response.text(req.text().await()).status(201));
            app.router().get("/stream", req -> {
                StreamResponse s = new StreamResponse().status(206);
                s.prepare(req).await();
                s.write("part".getBytes(StandardCharsets.UTF_8)).await();
                return s;
            });
            app.router().get("/forbidden", req -> {
                throw new HTTPForbidden();
            });
            Site site = Web.start(app, "127.0.0.1", 0).await();
            String base = "http://127.0.0.1:" + site.port();
            try (ClientSession s = new ClientSession()) {
                for (String path : List.of("/hello?x=1", "/stream", "/missing", "/forbidden")) {
                    try (ClientResponse resp = s.get(base + path).await()) {
                        resp.read().await();
                    }
                }
                try (ClientResponse resp = s.post(base + "/echo", io.asyncio4j.http.RequestOptions.builder()
                        .data("body".getBytes(StandardCharsets.UTF_8)).build()).await()) {
                    resp.read().await();
                }
            } finally {
                site.close();
            }
            return null;
        });
    }

    @Test
    void eachRequestServedIsAnEventWithMethodTargetStatusAndRemote() throws Exception {
        List<RecordedEvent> events = record(true);
        assertThat(events.stream().map(e -> e.getString("method") + " " + e.getString("target") + " "
                + e.getInt("status")).collect(Collectors.toList()))
                .containsExactlyInAnyOrder("GET /hello?x=1 200", "GET /stream 206", "GET /missing 404",
                        "GET /forbidden 403", "POST /echo 201");
        assertThat(events).allMatch(e -> "127.0.0.1".equals(e.getString("remote"))
                && e.getStackTrace() == null && !e.getDuration().isNegative());
        assertThat(events.get(0).getEventType().getCategoryNames()).containsExactly("asyncio4j", "HTTP");
    }

    @Test
    void aRecordingThatDoesNotEnableItGetsNone() throws Exception {
        assertThat(record(false)).isEmpty();
    }
}
