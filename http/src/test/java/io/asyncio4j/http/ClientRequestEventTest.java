package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.Site;
import io.asyncio4j.http.web.Web;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JFR's io.asyncio4j.HttpClientRequest, read back from an in-process recording of requests to a local server. */
@org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class ClientRequestEventTest {
    @TempDir
    Path dir;

    private List<RecordedEvent> record(boolean enable) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nothing listens there once closed: the connection is refused
        }
        return JfrRecording.record("io.asyncio4j.HttpClientRequest", enable, dir, () -> {
            Application app = new Application();
            app.router().get("/hello", req -> Response.text("Hello"));
            app.router().get("/teapot", req -> Response.text("short and stout").status(418));
            app.router().get("/redirect", req -> new Response().status(302).header("Location", "/hello"));
            Site site = Web.start(app, "127.0.0.1", 0).await();
            String base = "http://127.0.0.1:" + site.port();
            try (ClientSession s = new ClientSession()) {
                for (String path : List.of("/hello", "/teapot", "/redirect")) {
                    try (ClientResponse resp = s.get(base + path).await()) {
                        resp.read().await();
                    }
                }
                try (ClientResponse resp = s.request("delete", base + "/hello").await()) {
                    resp.read().await();
                }
                assertThatThrownBy(() -> s.get("http://127.0.0.1:" + closedPort + "/refused").await())
                        .isInstanceOf(ClientConnectorError.class);
            } finally {
                site.close();
            }
            return null;
        });
    }

    @Test
    void eachRequestMadeIsAnEventWithMethodUrlStatusAndRedirects() throws Exception {
        List<RecordedEvent> events = record(true);
        assertThat(events.stream().map(e -> e.getString("method") + " " + e.getString("url").replaceAll(":\\d+", "")
                + " " + e.getInt("status") + " " + e.getInt("redirects") + " " + e.getString("exception"))
                .collect(Collectors.toList()))
                .containsExactly("GET http://127.0.0.1/hello 200 0 null", "GET http://127.0.0.1/teapot 418 0 null",
                        "GET http://127.0.0.1/hello 200 1 null", "DELETE http://127.0.0.1/hello 405 0 null",
                        "GET http://127.0.0.1/refused 0 0 " + ClientConnectorError.class.getName());
        assertThat(events).allMatch(e -> e.getStackTrace() == null && !e.getDuration().isNegative());
    }

    @Test
    void aRecordingThatDoesNotEnableItGetsNone() throws Exception {
        assertThat(record(false)).isEmpty();
    }
}
