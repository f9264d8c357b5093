package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Request;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.Site;
import io.asyncio4j.http.web.Web;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Redirects against our own server: aiohttp's method and body rules, history, limits, cross-origin stripping. */
class ClientRedirectTest {
    private static Response echo(Request r) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", r.method());
        m.put("path", r.path());
        m.put("body", r.text().await());
        m.put("auth", String.valueOf(r.header("Authorization")));
        m.put("cookie", String.valueOf(r.header("Cookie")));
        m.put("custom", String.valueOf(r.header("X-Custom")));
        return Response.json(m);
    }

    private static Response redirect(int code, String location) {
        Response r = new Response().status(code);
        if (location != null) {
            r.header("Location", location);
        }
        return r;
    }

    private interface Body {
        void run(String a, String b) throws Exception;
    }

    private static void withSites(Body body) {
        Asyncio.run(() -> {
            Application other = new Application();
            other.router().get("/echo", ClientRedirectTest::echo);
            Site siteB = Web.start(other, "127.0.0.1", 0).await();
            String b = "http://127.0.0.1:" + siteB.port();
            Application app = new Application();
            for (String m : List.of("GET", "POST", "PUT", "HEAD", "DELETE")) {
                app.router().route(m, "/echo", ClientRedirectTest::echo);
                app.router().route(m, "/r/{code}", req -> redirect(Integer.parseInt(req.matchInfo("code")), "/echo"));
            }
            app.router().get("/loop/{n}", req -> redirect(302, "/loop/" + (Integer.parseInt(req.matchInfo("n")) + 1)));
            app.router().get("/cross", req -> redirect(302, b + "/echo"));
            app.router().get("/noloc", req -> redirect(302, null));
            app.router().get("/dir/rel", req -> redirect(301, "../echo?x=1"));
            app.router().get("/ftp", req -> redirect(302, "ftp://127.0.0.1/x"));
            Site siteA = Web.start(app, "127.0.0.1", 0).await();
            try {
                body.run("http://127.0.0.1:" + siteA.port(), b);
            } finally {
                siteA.close();
                siteB.close();
            }
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(ClientResponse r) {
        return r.json(Map.class).await();
    }

    @Test
    void followsRedirectsWithAiohttpsMethodAndBodyRules() {
        withSites((a, b) -> {
            try (ClientSession s = new ClientSession()) {
                RequestOptions body = RequestOptions.builder().data("payload".getBytes()).build();
                // 301/302 turn POST into GET without body; 303 turns anything but HEAD into GET; 307/308 keep both
                String[][] cases = {{"POST", "301", "GET", ""}, {"POST", "302", "GET", ""}, {"PUT", "302", "PUT",
                        "payload"}, {"PUT", "303", "GET", ""}, {"POST", "307", "POST", "payload"}, {"PUT", "308",
                        "PUT", "payload"}, {"DELETE", "303", "GET", ""}};
                for (String[] c : cases) {
                    try (ClientResponse r = s.request(c[0], a + "/r/" + c[1], body).await()) {
                        Map<String, Object> m = json(r);
                        assertThat(m.get("method")).as(c[0] + " " + c[1]).isEqualTo(c[2]);
                        assertThat(m.get("body")).as(c[0] + " " + c[1]).isEqualTo(c[3]);
                        assertThat(r.history()).hasSize(1);
                        assertThat(r.history().get(0).status()).isEqualTo(Integer.parseInt(c[1]));
                        assertThat(r.history().get(0).closed()).isTrue();
                        assertThat(r.url().toString()).isEqualTo(a + "/echo");
                        assertThat(r.method()).isEqualTo(c[2]);
                    }
                }
                // HEAD does not follow by default (aiohttp's head()); with allowRedirects a 303 keeps HEAD
                try (ClientResponse r = s.head(a + "/r/303").await()) {
                    assertThat(r.status()).isEqualTo(303);
                }
                try (ClientResponse r = s.head(a + "/r/303", RequestOptions.builder().allowRedirects(true).build())
                        .await()) {
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.method()).isEqualTo("HEAD");
                }
                try (ClientResponse r = s.get(a + "/r/302", RequestOptions.builder().allowRedirects(false).build())
                        .await()) {
                    assertThat(r.status()).isEqualTo(302);
                    assertThat(r.headers().get("Location")).isEqualTo("/echo");
                    assertThat(r.history()).isEmpty();
                }
                try (ClientResponse r = s.get(a + "/dir/rel").await()) {
                    assertThat(r.url().toString()).isEqualTo(a + "/echo?x=1");
                }
                try (ClientResponse r = s.get(a + "/noloc").await()) {
                    assertThat(r.status()).isEqualTo(302);     // returned as is, as aiohttp
                    assertThat(r.history()).isEmpty();
                }
                assertThatThrownBy(() -> s.get(a + "/ftp").await()).isInstanceOf(InvalidURL.class)
                        .hasMessageContaining("Can redirect only to http or https");
            }
        });
    }

    @Test
    void tooManyRedirectsCarriesTheHistory() {
        withSites((a, b) -> {
            try (ClientSession s = new ClientSession()) {
                assertThatThrownBy(() -> s.get(a + "/loop/0").await())
                        .isInstanceOfSatisfying(TooManyRedirects.class, e -> {
                            assertThat(e.history()).hasSize(10);     // aiohttp: the 10th redirect response raises
                            assertThat(e.status()).isEqualTo(302);
                            assertThat(e.getMessage()).contains("Exceeded 10 redirects");
                            assertThat(e.requestInfo().url().toString()).isEqualTo(a + "/loop/0");
                        });
                assertThatThrownBy(() -> s.get(a + "/loop/0", RequestOptions.builder().maxRedirects(3).build())
                        .await()).isInstanceOfSatisfying(TooManyRedirects.class,
                                e -> assertThat(e.history()).hasSize(3));
                try (ClientResponse r = s.get(a + "/r/302", RequestOptions.builder().maxRedirects(2).build())
                        .await()) {
                    assertThat(r.status()).isEqualTo(200);
                }
                assertThat(s.connector().openConnections()).isLessThanOrEqualTo(1);
            }
        });
    }

    @Test
    void crossOriginRedirectsDropAuthorizationAndCookie() {
        withSites((a, b) -> {
            try (ClientSession s = new ClientSession()) {
                RequestOptions creds = RequestOptions.builder().auth(new BasicAuth("u", "p"))
                        .header("Cookie", "c=1").header("X-Custom", "kept").build();
                try (ClientResponse r = s.get(a + "/r/302", creds).await()) {       // same origin: kept
                    Map<String, Object> m = json(r);
                    assertThat(m.get("auth")).isEqualTo("Basic dTpw");
                    assertThat(m.get("cookie")).isEqualTo("c=1");
                }
                try (ClientResponse r = s.get(a + "/cross", creds).await()) {       // another port: dropped
                    Map<String, Object> m = json(r);
                    assertThat(r.url().toString()).isEqualTo(b + "/echo");
                    assertThat(m.get("auth")).isEqualTo("null");
                    assertThat(m.get("cookie")).isEqualTo("null");
                    assertThat(m.get("custom")).isEqualTo("kept");
                }
                String withUser = a.replace("http://", "http://us%40r:pw@") + "/echo";
                try (ClientResponse r = s.get(withUser).await()) {
                    assertThat(json(r).get("auth")).isEqualTo(new BasicAuth("us@r", "pw").encode());
                    assertThat(r.url().toString()).isEqualTo(a + "/echo");
                }
            }
        });
    }

    @Test
    void baseUrlAndJsonAndContentTypeChecks() {
        withSites((a, b) -> {
            try (ClientSession s = ClientSession.builder().baseUrl(a + "/").build()) {
                try (ClientResponse r = s.post("/echo", RequestOptions.builder().json(Map.of("k", "v")).build())
                        .await()) {
                    Map<String, Object> m = r.<Map<String, Object>>json(Map.class).await();
                    assertThat(m.get("body")).isEqualTo("{\"k\":\"v\"}");
                    assertThat(m.get("method")).isEqualTo("POST");
                    assertThat(r.contentType()).isEqualTo("application/json");
                    assertThat(r.charset()).isEqualTo("utf-8");
                }
                try (ClientResponse r = s.get("/nope").await()) {
                    assertThat(r.status()).isEqualTo(404);
                    assertThatThrownBy(() -> r.json(Map.class).await()).isInstanceOf(ContentTypeError.class);
                    assertThat(r.text().await()).isEqualTo("404: Not Found");
                }
            }
        });
    }
}
