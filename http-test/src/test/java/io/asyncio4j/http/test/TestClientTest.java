package io.asyncio4j.http.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Runner;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import io.asyncio4j.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TestClient on a plain Runner: paths against the server, cookies, JSON, every method, close. */
class TestClientTest {
    private static String text(ClientResponse r) throws Exception {
        try (r) {
            return r.status() + " " + r.text().await();
        }
    }

    @Test
    void requestsPathsOfItsServer() {
        try (Runner runner = new Runner().virtualTime(true)) {
            List<Object> got = runner.run(() -> {
                try (TestClient client = TestClient.start(TestApps.app()).await()) {
                    List<Object> out = new ArrayList<>();
                    out.add(text(client.get("/").await()));
                    out.add(text(client.get("/slow").await()));
                    out.add(text(client.get("/missing").await()));
                    try (ClientResponse r = client.post("/echo",
                            RequestOptions.builder().json(Map.of("a", List.of(1, 2))).build()).await()) {
                        out.add(r.json(Map.class).await());
                    }
                    out.add(text(client.put("/method", RequestOptions.NONE).await()));
                    out.add(text(client.patch("/method", RequestOptions.NONE).await()));
                    out.add(text(client.delete("/method").await()));
                    out.add(text(client.request("propfind", "/method").await()));
                    out.add(client.session().baseUrl().toString());
                    out.add(client.makeUrl("/x"));
                    return out;
                }
            });
            String base = (String) got.get(8);
            assertThat(got.subList(0, 3)).containsExactly("200 Hello, World!", "200 slept", "404 404: Not Found");
            assertThat(got.get(3)).isEqualTo(Map.of("got", Map.of("a", List.of(1, 2))));
            assertThat(got.subList(4, 8)).containsExactly("200 PUT", "200 PATCH", "200 DELETE", "200 PROPFIND");
            assertThat(base).matches("http://127\\.0\\.0\\.1:\\d+/");
            assertThat(got.get(9)).isEqualTo(base + "x");
        }
    }

    @Test
    void keepsTheServersCookies() {
        try (Runner runner = new Runner().virtualTime(true)) {
            List<String> got = runner.run(() -> {
                try (TestClient client = TestClient.start(TestApps.app()).await()) {
                    return List.of(text(client.get("/whoami").await()), text(client.get("/login").await()),
                            text(client.get("/whoami").await()),
                            client.session().cookieJar().filterCookies(
                                    java.net.URI.create(client.makeUrl("/"))).toString());
                }
            });
            assertThat(got).containsExactly("200 anonymous", "200 in", "200 s3cret", "{session=s3cret}");
        }
    }

    @Test
    void closeClosesTheSessionAndTheServer() {
        try (Runner runner = new Runner().virtualTime(true)) {
            TestClient client = runner.run(TestClient.start(TestApps.app()));
            runner.run(() -> {
                text(client.get("/").await());                   // a pooled keep-alive connection
                client.closeAndWait().await();
                return null;
            });
            assertThat(client.session().closed()).isTrue();
            assertThat(client.server().closed()).isTrue();
            assertThat(client.server().site().connectionCount()).isZero();
            assertThat(TestApps.refuses(client.server().port())).isTrue();
            assertThatThrownBy(() -> runner.run(client.get("/")))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void takesASessionBuilder() {
        try (Runner runner = new Runner().virtualTime(true)) {
            String got = runner.run(() -> {
                TestServer server = TestServer.start(TestApps.app()).await();
                try (TestClient client = new TestClient(server,
                        ClientSession.builder().cookies(Map.of("session", "given")))) {
                    return text(client.get("/whoami").await());
                } finally {
                    server.closeAndWait().await();
                }
            });
            assertThat(got).isEqualTo("200 given");
        }
    }
}
