package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Coro;
import io.asyncio4j.http.test.AppFactory;
import io.asyncio4j.http.test.TestClient;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.HTTPFound;
import io.asyncio4j.http.web.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link HttpVerbs}: every verb method is one call of {@code request}; the session and the test client share them. */
@ExtendWith(io.asyncio4j.http.test.AioHttpExtension.class)
class HttpVerbsTest {
    /** Records the calls of {@code request}. */
    private static final class Recorder implements HttpVerbs {
        final List<String> calls = new ArrayList<>();

        @Override
        public Coro<ClientResponse> request(String method, String url, RequestOptions options) {
            calls.add(method + " " + url + " " + (options == RequestOptions.NONE ? "NONE"
                    : "redirects=" + options.allowRedirects()));
            return () -> null;
        }
    }

    @AppFactory
    Application app() {
        Application app = new Application();
        app.router().get("/", r -> Response.text("root"))
                .route("HEAD", "/moved", r -> {
                    throw new HTTPFound("/");
                })
                .route("*", "/echo", r -> Response.text(r.method()));
        return app;
    }

    @Test
    void everyVerbIsOneRequestCall() {
        Recorder r = new Recorder();
        RequestOptions o = RequestOptions.builder().header("X", "1").build();
        r.get("u");
        r.get("u", o);
        r.post("u");
        r.post("u", o);
        r.put("u");
        r.put("u", o);
        r.patch("u");
        r.patch("u", o);
        r.delete("u");
        r.delete("u", o);
        r.options("u");
        r.options("u", o);
        r.request("PROPFIND", "u");
        assertThat(r.calls).containsExactly("GET u NONE", "GET u redirects=null", "POST u NONE",
                "POST u redirects=null", "PUT u NONE", "PUT u redirects=null", "PATCH u NONE", "PATCH u redirects=null",
                "DELETE u NONE", "DELETE u redirects=null", "OPTIONS u NONE", "OPTIONS u redirects=null",
                "PROPFIND u NONE");
    }

    @Test
    void headDoesNotFollowRedirectsUnlessTheOptionsSaySo() {
        Recorder r = new Recorder();
        r.head("u");
        r.head("u", RequestOptions.builder().allowRedirects(true).build());
        r.head("u", RequestOptions.builder().header("X", "1").build());
        assertThat(r.calls).containsExactly("HEAD u redirects=false", "HEAD u redirects=true",
                "HEAD u redirects=false");
    }

    @Test
    void theSessionAndTheTestClientShareTheVerbs(TestClient client) {
        for (String verb : List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            HttpVerbs v = client;
            Coro<ClientResponse> c = switch (verb) {
                case "POST" -> v.post("/echo");
                case "PUT" -> v.put("/echo");
                case "PATCH" -> v.patch("/echo");
                case "DELETE" -> v.delete("/echo");
                default -> v.options("/echo");
            };
            try (ClientResponse resp = c.await()) {
                assertThat(resp.text().await()).isEqualTo(verb);
            }
        }
        // the session's head does not follow the redirect (aiohttp's session.head); the test client's does, as
        // aiohttp's client.head goes through session.request
        try (ClientResponse resp = client.session().head(client.makeUrl("/moved")).await()) {
            assertThat(resp.status()).isEqualTo(302);
        }
        try (ClientResponse resp = client.head("/moved").await()) {
            assertThat(resp.status()).isEqualTo(200);
            assertThat(resp.history()).hasSize(1);
        }
    }
}
