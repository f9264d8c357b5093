package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.TimeoutError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client against the reference httpbin (Debian's python3-httpbin), started on loopback for this class. */
class HttpbinTest {
    private static final Peers.Peer httpbin = Peers.sharedHttpbin();


    private static void session(Peers.SessionBody body) {
        Peers.inSession(ClientSession.builder().baseUrl(httpbin.url("/")), body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(ClientResponse r) {
        return r.json(Map.class).await();
    }

    @Test
    void getSendsParamsAndHeadersAndHonoursConnectionClose() {
        session(s -> {
            for (int i = 0; i < 5; i++) {
                try (ClientResponse r = s.get("/get?a=1", RequestOptions.builder().param("b", "x y")
                        .param("b", "é").header("X-Test", "t" + i).build()).await()) {
                    assertThat(r.status()).isEqualTo(200);
                    Map<String, Object> m = json(r);
                    assertThat(m.get("args")).isEqualTo(Map.of("a", "1", "b", List.of("x y", "é")));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> h = (Map<String, Object>) m.get("headers");
                    assertThat(h.get("X-Test")).isEqualTo("t" + i);
                    assertThat(h.get("User-Agent")).isEqualTo(ClientSession.USER_AGENT);
                }
            }
            // werkzeug answers "Connection: close": nothing may stay pooled
            assertThat(s.connector().openConnections()).isZero();
        });
    }

    @Test
    void postsJsonFormAndBytes() {
        session(s -> {
            try (ClientResponse r = s.post("/post", RequestOptions.builder().json(Map.of("k", List.of(1, 2)))
                    .build()).await()) {
                assertThat(json(r).get("json")).isEqualTo(Map.of("k", List.of(1, 2)));
            }
            try (ClientResponse r = s.put("/put", RequestOptions.builder().formField("a", "b c").formField("d", "&")
                    .build()).await()) {
                assertThat(json(r).get("form")).isEqualTo(Map.of("a", "b c", "d", "&"));
            }
            try (ClientResponse r = s.patch("/patch", RequestOptions.builder().data("raw bytes".getBytes())
                    .build()).await()) {
                assertThat(json(r).get("data")).isEqualTo("raw bytes");
            }
            try (ClientResponse r = s.delete("/delete").await()) {
                assertThat(r.status()).isEqualTo(200);
            }
        });
    }

    @Test
    void decodesGzipDeflateBrotliChunkedAndBinaryBodies() {
        session(s -> {
            try (ClientResponse r = s.get("/gzip").await()) {
                assertThat(r.headers().get("Content-Encoding")).isEqualTo("gzip");
                assertThat(json(r).get("gzipped")).isEqualTo(true);
            }
            try (ClientResponse r = s.get("/deflate").await()) {
                assertThat(json(r).get("deflated")).isEqualTo(true);
            }
            try (ClientResponse r = s.get("/brotli").await()) {
                assertThat(r.headers().get("Content-Encoding")).isEqualTo("br");
                assertThat(json(r).get("brotli")).isEqualTo(true);
            }
            try (ClientResponse r = s.get("/stream/5").await()) {
                List<String> lines = new ArrayList<>();
                byte[] line;
                while ((line = r.content().readline().await()).length > 0) {
                    lines.add(new String(line));
                }
                assertThat(lines).hasSize(5);
                assertThat(lines.get(4)).contains("\"id\": 4");
            }
            try (ClientResponse r = s.get("/bytes/1024").await()) {
                assertThat(r.read().await()).hasSize(1024);
            }
            try (ClientResponse r = s.get("/status/204").await()) {
                assertThat(r.status()).isEqualTo(204);
                assertThat(r.read().await()).isEmpty();
            }
            try (ClientResponse r = s.head("/get").await()) {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.read().await()).isEmpty();
            }
        });
    }

    @Test
    void followsHttpbinsRedirects() {
        session(s -> {
            try (ClientResponse r = s.get("/redirect/3").await()) {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.history()).hasSize(3);
                assertThat(r.url().getPath()).isEqualTo("/get");
            }
            try (ClientResponse r = s.get("/absolute-redirect/2").await()) {
                assertThat(r.history()).extracting(ClientResponse::status).containsExactly(302, 302);
            }
            try (ClientResponse r = s.get("/relative-redirect/2").await()) {
                assertThat(r.url().getPath()).isEqualTo("/get");
            }
            try (ClientResponse r = s.post("/redirect-to", RequestOptions.builder().param("url", "/anything")
                    .param("status_code", "307").data("body".getBytes()).build()).await()) {
                Map<String, Object> m = json(r);
                assertThat(m.get("method")).isEqualTo("POST");
                assertThat(m.get("data")).isEqualTo("body");
            }
            try (ClientResponse r = s.post("/redirect-to", RequestOptions.builder().param("url", "/anything")
                    .param("status_code", "303").data("body".getBytes()).build()).await()) {
                Map<String, Object> m = json(r);
                assertThat(m.get("method")).isEqualTo("GET");
                assertThat(m.get("data")).isEqualTo("");
            }
            assertThatThrownBy(() -> s.get("/redirect/12").await()).isInstanceOf(TooManyRedirects.class);
        });
    }

    @Test
    void statusAuthAndTimeouts() {
        session(s -> {
            assertThatThrownBy(() -> s.get("/status/418", RequestOptions.builder().raiseForStatus(true).build())
                    .await()).isInstanceOfSatisfying(ClientResponseError.class,
                            e -> assertThat(e.status()).isEqualTo(418));
            try (ClientResponse r = s.get("/basic-auth/u/p", RequestOptions.builder().auth(new BasicAuth("u", "p"))
                    .build()).await()) {
                assertThat(json(r).get("authenticated")).isEqualTo(true);
            }
            try (ClientResponse r = s.get("/basic-auth/u/p").await()) {
                assertThat(r.status()).isEqualTo(401);
            }
            assertThatThrownBy(() -> s.get("/delay/3", RequestOptions.builder()
                    .timeout(ClientTimeout.NONE.withSockRead(0.3)).build()).await())
                    .isInstanceOf(ServerTimeoutError.class);
            assertThatThrownBy(() -> s.get("/delay/3", RequestOptions.builder()
                    .timeout(ClientTimeout.ofTotal(0.3)).build()).await())
                    .isInstanceOf(TimeoutError.class);
        });
    }
}
