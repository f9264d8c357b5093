package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.httpbin.Httpbin;
import io.asyncio4j.http.web.Site;
import io.asyncio4j.http.web.Web;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our httpbin app against the reference (Debian's python3-httpbin on loopback): the same requests to both, and the
 * answers compared: status, the headers that matter and the JSON (with each server's own address written as HOST).
 */
class HttpbinAppTest {
    private static Peers.Peer reference;

    @BeforeAll
    static void start() throws Exception {
        reference = Peers.httpbin();
    }

    @AfterAll
    static void stop() throws Exception {
        if (reference != null) {
            reference.close();
        }
    }

    /** One request: method, path and options. */
    private record Call(String method, String path, RequestOptions options) {
        static Call get(String path) {
            return new Call("GET", path, RequestOptions.builder().allowRedirects(false).build());
        }

        static Call of(String method, String path, RequestOptions.Builder options) {
            return new Call(method, path, options.allowRedirects(false).build());
        }
    }

    /** What is compared of an answer. */
    private static String describe(ClientResponse r, String base, boolean jsonBody) {
        StringBuilder sb = new StringBuilder().append(r.status());
        for (String h : List.of("Location", "WWW-Authenticate", "Content-Encoding", "Cache-Control", "ETag",
                "x-more-info", "X-A", "freeform", "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
                "Content-Range", "Accept-Ranges")) {
            List<String> vs = r.headers().getAll(h);
            if (!vs.isEmpty()) {
                sb.append(' ').append(h).append('=').append(vs);
            }
        }
        if (r.headers().contains("Last-Modified")) {
            sb.append(" Last-Modified");
        }
        byte[] body = r.read().await();
        String text = new String(body, StandardCharsets.UTF_8);
        if (jsonBody && body.length > 0 && body[0] == '{') {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = Json.MAPPER.convertValue(parse(body), Map.class);
            text = String.valueOf(new java.util.TreeMap<>(m));
        }
        return sb.append(' ').append(text).toString().replace(base, "HOST");
    }

    private static Object sorted(Object json) {
        if (json instanceof Map<?, ?> m) {
            java.util.TreeMap<String, Object> t = new java.util.TreeMap<>();
            m.forEach((k, v) -> t.put(String.valueOf(k), sorted(v)));
            return t;
        }
        return json;
    }

    private static Object parse(byte[] body) {
        try {
            return Json.MAPPER.readValue(body, Object.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }

    private static List<String> answers(String base, List<Call> calls, boolean json) {
        List<String> out = new ArrayList<>();
        try (ClientSession s = new ClientSession()) {
            for (Call c : calls) {
                try (ClientResponse r = s.request(c.method(), "http://" + base + c.path(), c.options()).await()) {
                    out.add(c.method() + " " + c.path() + " -> " + describe(r, base, json));
                }
            }
        }
        return out;
    }

    private static void compare(List<Call> calls, boolean json) {
        List<String>[] both = Asyncio.run(() -> {
            Site site = Web.start(Httpbin.app(), "127.0.0.1", 0).await();
            try {
                @SuppressWarnings("unchecked")
                List<String>[] r = new List[] {answers("127.0.0.1:" + site.port(), calls, json),
                        answers("127.0.0.1:" + reference.port(), calls, json)};
                return r;
            } finally {
                site.close();
            }
        });
        assertThat(both[0]).containsExactlyElementsOf(both[1]);
    }

    @Test
    void requestEchoesMatchTheReference() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));
        compare(List.of(
                Call.get("/get?a=1&a=2&b=x%20y"),
                Call.of("GET", "/headers", RequestOptions.builder().header("X-Custom", "v")),
                Call.get("/ip"),
                Call.get("/user-agent"),
                Call.of("POST", "/post", RequestOptions.builder().json(Map.of("k", List.of(1, 2)))),
                Call.of("POST", "/post?q=1", RequestOptions.builder().form(Map.of("f", "v 1"))),
                Call.of("POST", "/post", RequestOptions.builder().data(new byte[] {(byte) 0xff, 0, 1})),
                Call.of("POST", "/post", RequestOptions.builder().data(new FormData().addField("a", "1")
                        .addField("a", "2").addField("up", "file text".getBytes(StandardCharsets.UTF_8),
                                "text/plain", "f.txt"))),
                Call.of("PUT", "/put", RequestOptions.builder().data("plain".getBytes(StandardCharsets.UTF_8))),
                Call.of("PATCH", "/patch", RequestOptions.builder().json(List.of("x"))),
                Call.of("DELETE", "/delete", RequestOptions.builder()),
                Call.get("/anything/foo/bar?x=1"),
                Call.of("POST", "/anything", RequestOptions.builder().json(Map.of("a", 1))),
                Call.get("/delay/0"),
                Call.get("/gzip"),
                Call.get("/deflate"),
                Call.of("GET", "/basic-auth/u/p", RequestOptions.builder().header("Authorization", basic)),
                Call.of("GET", "/bearer", RequestOptions.builder().header("Authorization", "Bearer tok")),
                Call.get("/cache/60"),
                Call.get("/etag/abc"),
                Call.get("/response-headers?X-A=1&X-A=2&freeform=x")), true);
    }

    @Test
    void statusesRedirectsAndConditionalsMatchTheReference() {
        compare(List.of(
                Call.get("/status/204"),
                Call.get("/status/302"),
                Call.get("/status/401"),
                Call.get("/status/402"),
                Call.get("/status/418"),
                Call.get("/redirect/3"),
                Call.get("/redirect/1"),
                Call.get("/redirect/2?absolute=true"),
                Call.get("/relative-redirect/2"),
                Call.get("/absolute-redirect/2"),
                Call.get("/absolute-redirect/1"),
                Call.get("/redirect-to?url=/get&status_code=307"),
                Call.get("/redirect-to?url=http://example.invalid/x"),
                Call.get("/basic-auth/u/p"),
                Call.get("/bearer"),
                Call.of("GET", "/cache", RequestOptions.builder().header("If-None-Match", "x")),
                Call.of("GET", "/etag/abc", RequestOptions.builder().header("If-None-Match", "\"abc\"")),
                Call.of("GET", "/etag/abc", RequestOptions.builder().header("If-Match", "\"x\"")),
                Call.get("/robots.txt"),
                Call.get("/range/30"),
                Call.of("GET", "/range/30", RequestOptions.builder().header("Range", "bytes=5-9")),
                Call.of("GET", "/range/30", RequestOptions.builder().header("Range", "bytes=-4")),
                Call.of("GET", "/range/30", RequestOptions.builder().header("Range", "bytes=28-40")),
                Call.of("GET", "/range/30", RequestOptions.builder().header("Range", "bytes=40-")),
                Call.get("/range/200000"),
                Call.get("/drip?numbytes=5&duration=0"),
                Call.get("/drip?numbytes=3&duration=0&code=202"),
                Call.get("/drip?numbytes=0")), false);
    }

    /** Cookies set and deleted through the redirects, and a stream of JSON lines, seen by a session with a jar. */
    private static List<String> cookiesAndStream(String base) {
        List<String> out = new ArrayList<>();
        try (ClientSession s = ClientSession.builder().cookieJar(new CookieJar(true)).build()) {
            for (String path : List.of("/cookies/set?a=1&b=2", "/cookies/delete?a", "/cookies/set/c/3", "/cookies")) {
                try (ClientResponse r = s.get("http://" + base + path).await()) {
                    out.add(path + " -> " + r.status() + " " + parse(r.read().await()) + " via " + r.history().size());
                }
            }
            try (ClientResponse r = s.get("http://" + base + "/stream/3?x=1").await()) {
                for (String line : new String(r.read().await(), StandardCharsets.UTF_8).split("\n")) {
                    // key order is not meaningful in JSON (the reference keeps the request's header order here)
                    out.add("/stream line " + String.valueOf(sorted(parse(line.getBytes(StandardCharsets.UTF_8))))
                            .replace(base, "HOST"));
                }
            }
            try (ClientResponse r = s.get("http://" + base + "/stream-bytes/25000?chunk_size=3000").await()) {
                out.add("/stream-bytes " + r.status() + " " + r.read().await().length + " bytes");
            }
        }
        return out;
    }

    @Test
    void cookiesAndStreamsMatchTheReference() {
        List<String>[] both = Asyncio.run(() -> {
            Site site = Web.start(Httpbin.app(), "127.0.0.1", 0).await();
            try {
                @SuppressWarnings("unchecked")
                List<String>[] r = new List[] {cookiesAndStream("127.0.0.1:" + site.port()),
                        cookiesAndStream("127.0.0.1:" + reference.port())};
                return r;
            } finally {
                site.close();
            }
        });
        assertThat(both[0]).hasSize(8).containsExactlyElementsOf(both[1]);
    }

    @Test
    void randomBodiesHaveTheLengthAskedForAndJsonIsTheSlideshow() { // /json is not in Debian's httpbin 0.7
        int[] lengths = Asyncio.run(() -> {
            Site site = Web.start(Httpbin.app(), "127.0.0.1", 0).await();
            try (ClientSession s = new ClientSession()) {
                String base = "http://127.0.0.1:" + site.port();
                try (ClientResponse a = s.get(base + "/bytes/1000?seed=7").await();
                     ClientResponse b = s.get(base + "/bytes/200000").await();
                     ClientResponse u = s.get(base + "/uuid").await();
                     ClientResponse j = s.get(base + "/json").await()) {
                    String uuid = (String) ((Map<?, ?>) parse(u.read().await())).get("uuid");
                    Map<?, ?> show = (Map<?, ?>) ((Map<?, ?>) parse(j.read().await())).get("slideshow");
                    return new int[] {a.read().await().length, b.read().await().length, uuid.length(),
                            ((List<?>) show.get("slides")).size()};
                }
            } finally {
                site.close();
            }
        });
        assertThat(lengths).containsExactly(1000, 100 * 1024, 36, 2);
    }
}
