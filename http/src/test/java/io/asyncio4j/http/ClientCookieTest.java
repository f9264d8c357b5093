package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The session's cookie jar against the reference httpbin. Host names: {@code localhost} (a name: cookies kept by
 * the default jar) and {@code 127.0.0.1} (an IP address: kept only by an {@code unsafe} jar); for domain rules a
 * {@link Resolver} maps {@code a.test}, {@code www.a.test} and {@code b.test} to loopback, so that one httpbin is
 * three sites and a leak to another domain would show in what {@code /cookies} echoes.
 */
class ClientCookieTest {
    private static final Peers.Peer httpbin = Peers.sharedHttpbin();
    private static final Set<String> TEST_HOSTS = Set.of("a.test", "www.a.test", "b.test", "localhost");


    private static String url(String host, String path) {
        return "http://" + host + ":" + httpbin.port() + path;
    }

    /** Maps the test domains to 127.0.0.1 and nothing else. */
    static Resolver loopbackNames(Set<String> names) {
        return (host, port) -> () -> {
            if (!names.contains(host)) {
                throw new java.io.UncheckedIOException(new java.net.UnknownHostException(host));
            }
            return List.of(new InetSocketAddress(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}), port));
        };
    }

    private static void session(ClientSession.Builder b, Peers.SessionBody body) {
        Peers.inSession(b, body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> echoed(ClientSession s, String url) {
        try (ClientResponse r = s.get(url).await()) {
            return (Map<String, Object>) r.json(Map.class).await().get("cookies");
        }
    }

    private static Coro<Void> get(ClientSession s, String url) {
        return () -> {
            try (ClientResponse r = s.get(url).await()) {
                r.read().await();
            }
            return null;
        };
    }

    @Test
    void cookiesSetOnARedirectAreStoredAndSent() {
        session(ClientSession.builder(), s -> {
            try (ClientResponse r = s.get(url("localhost", "/cookies/set?k1=v1&k2=v2")).await()) {
                assertThat(r.history()).hasSize(1);
                assertThat(r.history().get(0).cookies()).containsOnlyKeys("k1", "k2");
                assertThat(r.history().get(0).cookies().get("k1").path()).isEqualTo("/");
                @SuppressWarnings("unchecked")
                Map<String, Object> m = r.json(Map.class).await();
                assertThat(m.get("cookies")).isEqualTo(Map.of("k1", "v1", "k2", "v2"));
            }
            assertThat(s.cookieJar().cookies()).extracting(Cookie::domain).containsOnly("localhost");
            get(s, url("localhost", "/cookies/delete?k1")).await();
            assertThat(echoed(s, url("localhost", "/cookies"))).isEqualTo(Map.of("k2", "v2"));
        });
    }

    @Test
    void ipAddressHostsKeepNoCookiesUnlessTheJarIsUnsafe() {
        session(ClientSession.builder(), s -> {
            get(s, url("127.0.0.1", "/cookies/set?k=v")).await();
            assertThat(s.cookieJar().size()).isZero();
            assertThat(echoed(s, url("127.0.0.1", "/cookies"))).isEmpty();
        });
        session(ClientSession.builder().cookieJar(new CookieJar(true)), s -> {
            get(s, url("127.0.0.1", "/cookies/set?k=v")).await();
            assertThat(echoed(s, url("127.0.0.1", "/cookies"))).isEqualTo(Map.of("k", "v"));
            // the same server by name is another host: a host-only cookie of 127.0.0.1 does not go there
            assertThat(echoed(s, url("localhost", "/cookies"))).isEmpty();
        });
    }

    @Test
    void noCookieLeaksToAnotherDomain() {
        TCPConnector c = TCPConnector.builder().resolver(loopbackNames(TEST_HOSTS)).build();
        session(ClientSession.builder().connector(c), s -> {
            // host-only from a.test, a Domain cookie for a.test, and one for b.test that a.test may not set
            get(s, url("a.test", "/cookies/set?host=1")).await();
            get(s, url("a.test", "/response-headers?Set-Cookie=dom%3D1%3B%20Domain%3Da.test%3B%20Path%3D%2F"))
                    .await();
            get(s, url("a.test", "/response-headers?Set-Cookie=evil%3D1%3B%20Domain%3Db.test%3B%20Path%3D%2F"))
                    .await();
            assertThat(s.cookieJar().cookies()).extracting(Cookie::name).containsExactlyInAnyOrder("host", "dom");
            assertThat(echoed(s, url("a.test", "/cookies"))).isEqualTo(Map.of("host", "1", "dom", "1"));
            assertThat(echoed(s, url("www.a.test", "/cookies"))).isEqualTo(Map.of("dom", "1"));
            assertThat(echoed(s, url("b.test", "/cookies"))).isEmpty();
            assertThat(echoed(s, url("localhost", "/cookies"))).isEmpty();
        });
    }

    @Test
    void secureAndPathCookiesStayWhereTheyBelong() {
        session(ClientSession.builder(), s -> {
            get(s, url("localhost", "/response-headers?Set-Cookie=sec%3D1%3B%20Secure")).await();
            get(s, url("localhost", "/response-headers?Set-Cookie=p%3D1%3B%20Path%3D%2Fanything")).await();
            assertThat(s.cookieJar().size()).isEqualTo(2);
            assertThat(echoed(s, url("localhost", "/cookies"))).isEmpty();
            try (ClientResponse r = s.get(url("localhost", "/anything/x")).await()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> h = (Map<String, Object>) r.json(Map.class).await().get("headers");
                assertThat(h.get("Cookie")).isEqualTo("p=1");
            }
        });
    }

    @Test
    void requestCookiesJoinTheJarsAndAnExplicitHeader() {
        session(ClientSession.builder().cookies(Map.of("shared", "s")), s -> {
            get(s, url("localhost", "/cookies/set?jar=j&over=jar")).await();
            try (ClientResponse r = s.get(url("localhost", "/anything"), RequestOptions.builder()
                    .cookie("over", "req").cookie("one", "1").header("Cookie", "explicit=e; jar=old").build())
                    .await()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> h = (Map<String, Object>) r.json(Map.class).await().get("headers");
                assertThat(h.get("Cookie")).isEqualTo("explicit=e; jar=j; one=1; over=req; shared=s");
            }
            // the request's cookies are not stored
            assertThat(echoed(s, url("localhost", "/cookies")))
                    .isEqualTo(Map.of("jar", "j", "over", "jar", "shared", "s"));
        });
    }

    @Test
    void requestCookiesDoNotFollowACrossOriginRedirect() {
        TCPConnector c = TCPConnector.builder().resolver(loopbackNames(TEST_HOSTS)).build();
        session(ClientSession.builder().connector(c), s -> {
            String target = url("b.test", "/cookies");
            try (ClientResponse r = s.get(url("a.test", "/redirect-to"), RequestOptions.builder()
                    .param("url", target).cookie("req", "1").header("Cookie", "hdr=1").build()).await()) {
                assertThat(r.url().toString()).isEqualTo(target);
                @SuppressWarnings("unchecked")
                Map<String, Object> m = r.json(Map.class).await();
                assertThat(m.get("cookies")).isEqualTo(Map.of());
            }
        });
    }

    @Test
    void aDummyJarStoresNothing() {
        session(ClientSession.builder().cookieJar(new DummyCookieJar()), s -> {
            try (ClientResponse r = s.get(url("localhost", "/cookies/set?k=v")).await()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = r.json(Map.class).await();
                assertThat(m.get("cookies")).isEqualTo(Map.of());
            }
            assertThat(s.cookieJar().size()).isZero();
        });
    }
}
