package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * URLs as aiohttp (yarl) takes them (issue 17 item 9): a non-ASCII host is connected to and named in
 * {@code Host} as its A-label, and spaces, {@code |} and the other characters yarl quotes are sent
 * percent-encoded, in the request's URL and in a redirect's {@code Location}. The table of yarl's own outputs is
 * {@code UrlRequoterTest}'s.
 */
class ClientUrlTest {
    @Test
    void aNonAsciiHostIsItsALabelForTheResolverTheConnectionAndTheHostField() throws Exception {
        List<String> asked = new ArrayList<>();
        Resolver loopback = ClientCookieTest.loopbackNames(Set.of("xn--bcher-kva.example"));
        Resolver names = (host, port) -> {
            asked.add(host);
            return loopback.resolve(host, port);
        };
        List<RawServer.Request> seen = new ArrayList<>();
        try (RawServer srv = new RawServer(p -> {
            RawServer.Request r;
            while ((r = p.readRequest()) != null) {
                synchronized (seen) {
                    seen.add(r);
                }
                p.ok("ok");
            }
        })) {
            String url = Asyncio.run(() -> {
                try (ClientSession s = ClientSession.builder()
                        .connector(TCPConnector.builder().resolver(names).build()).build();
                     ClientResponse r = s.get("http://B\u00fccher.Example:" + srv.port() + "/a b|c?q=x y|z#f g")
                             .await()) {
                    assertThat(r.text().await()).isEqualTo("ok");
                    return r.url().toString();
                }
            });
            assertThat(asked).containsExactly("xn--bcher-kva.example");
            assertThat(srv.requestLines).containsExactly("GET /a%20b%7Cc?q=x+y%7Cz HTTP/1.1");
            assertThat(seen.get(0).headers().get("Host")).isEqualTo("xn--bcher-kva.example:" + srv.port());
            assertThat(url).isEqualTo("http://xn--bcher-kva.example:" + srv.port() + "/a%20b%7Cc?q=x+y%7Cz#f%20g");
        }
    }

    @Test
    void aRedirectsLocationIsRequotedAsYarlRequotesIt() throws Exception {
        try (RawServer srv = new RawServer(p -> {
            RawServer.Request r;
            while ((r = p.readRequest()) != null) {
                if (r.line().startsWith("GET /from ")) {
                    p.write("HTTP/1.1 302 Found\r\nLocation: /to a|b/\u00e9?x=1 2\r\nContent-Length: 0\r\n\r\n");
                } else {
                    p.ok("there");
                }
            }
        })) {
            String body = Asyncio.run(() -> {
                try (ClientSession s = new ClientSession(); ClientResponse r = s.get(srv.url("/from")).await()) {
                    return r.text().await();
                }
            });
            assertThat(body).isEqualTo("there");
            assertThat(srv.requestLines).containsExactly("GET /from HTTP/1.1", "GET /to%20a%7Cb/%C3%A9?x=1+2 HTTP/1.1");
        }
    }

    @Test
    void theRequestUrlAndTheBaseUrlAreRequoted() {
        assertThat(ClientRequest.url(null, "http://ex.com/a b|c?q=x y|z", false))
                .isEqualTo(URI.create("http://ex.com/a%20b%7Cc?q=x+y%7Cz"));
        assertThat(ClientRequest.url(URI.create("http://h:1/base/"), "x y|z?q=\u00e9", false))
                .hasToString("http://h:1/base/x%20y%7Cz?q=%C3%A9");
        assertThat(ClientRequest.url(null, "ws://\u4f8b\u3048.\u30c6\u30b9\u30c8/ws", true))
                .hasToString("ws://xn--r8jz45g.xn--zckzah/ws");
        try (ClientSession s = ClientSession.builder().baseUrl("http://b\u00fccher.example/a b/").build()) {
            assertThat(s.baseUrl()).hasToString("http://xn--bcher-kva.example/a%20b/");
        }
    }
}
