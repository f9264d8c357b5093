package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 6265's rules as {@link CookieJar} applies them (aiohttp's test_cookiejar cases), on a clock we move. */
class CookieJarTest {
    /** A clock the test moves by hand. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final CookieJar jar = new CookieJar(false, List.of(), clock);

    /** The cookies of these {@code Set-Cookie} fields. */
    static List<Cookie> set(String... fields) {
        List<Cookie> out = new ArrayList<>();
        for (String f : fields) {
            out.add(Cookie.parse(f));
        }
        return out;
    }

    private Map<String, String> to(String url) {
        return jar.filterCookies(URI.create(url));
    }

    @Test
    void parsesSetCookieAttributes() {
        Cookie c = Cookie.parse(" id = a3fWa ; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Max-Age=x; DOMAIN=.Example.COM;"
                + " Path=/docs; Secure; HttpOnly; SameSite=Lax; Foo=bar");
        assertThat(c).isEqualTo(new Cookie("id", "a3fWa", "example.com", "/docs", "Wed, 21 Oct 2015 07:28:00 GMT",
                "", true, true, "Lax"));
        assertThat(Cookie.parse("novalue")).isNull();
        assertThat(Cookie.parse("=v")).isNull();
        assertThat(Cookie.parse("a=\"quoted\"").value()).isEqualTo("\"quoted\"");
    }

    @Test
    void hostOnlyCookiesGoToTheirHostOnly() {
        jar.updateCookies(set("h=1"), URI.create("http://example.com/"));
        assertThat(to("http://example.com/")).isEqualTo(Map.of("h", "1"));
        assertThat(to("http://www.example.com/")).isEmpty();
        assertThat(to("http://example.org/")).isEmpty();
        assertThat(to("http://notexample.com/")).isEmpty();
    }

    @Test
    void domainCookiesGoToTheDomainAndItsSubdomains() {
        jar.updateCookies(set("d=1; Domain=example.com"), URI.create("http://www.example.com/"));
        assertThat(to("http://example.com/")).isEqualTo(Map.of("d", "1"));
        assertThat(to("http://a.b.example.com/")).isEqualTo(Map.of("d", "1"));
        assertThat(to("http://badexample.com/")).isEmpty();
        assertThat(to("http://example.org/")).isEmpty();
    }

    @Test
    void cookiesForAnotherDomainAreRefused() {
        jar.updateCookies(set("a=1; Domain=other.com", "b=1; Domain=sub.example.com", "c=1; Domain=ample.com"),
                URI.create("http://example.com/"));
        assertThat(jar.size()).isZero();
    }

    @Test
    void aTrailingDotInDomainMakesTheCookieHostOnly() {
        jar.updateCookies(set("t=1; Domain=example.com."), URI.create("http://example.com/"));
        assertThat(to("http://example.com/")).containsEntry("t", "1");
        assertThat(to("http://www.example.com/")).isEmpty();
    }

    @Test
    void ipAddressHostsOnlyWhenUnsafe() {
        jar.updateCookies(set("ip=1"), URI.create("http://127.0.0.1:8080/"));
        jar.updateCookies(set("ip6=1"), URI.create("http://[::1]:8080/"));
        assertThat(jar.size()).isZero();
        CookieJar unsafe = new CookieJar(true, List.of(), clock);
        unsafe.updateCookies(set("ip=1"), URI.create("http://127.0.0.1:8080/"));
        assertThat(unsafe.filterCookies(URI.create("http://127.0.0.1:9/"))).isEqualTo(Map.of("ip", "1"));
        assertThat(unsafe.filterCookies(URI.create("http://127.0.0.2:9/"))).isEmpty();
        // an IP address is never a subdomain
        unsafe.updateCookies(set("d=1; Domain=0.0.1"), URI.create("http://127.0.0.1/"));
        assertThat(unsafe.size()).isEqualTo(1);
    }

    @Test
    void pathRules() {
        jar.updateCookies(set("p=1; Path=/docs", "q=1; Path=/docs/", "dflt=1", "bad=1; Path=rel"),
                URI.create("http://example.com/a/b/c"));
        assertThat(jar.cookies()).extracting(Cookie::path).containsExactly("/docs", "/docs/", "/a/b", "/a/b");
        assertThat(to("http://example.com/docs")).containsOnlyKeys("p");
        assertThat(to("http://example.com/docs/x")).containsOnlyKeys("p", "q");
        assertThat(to("http://example.com/docsx")).isEmpty();
        assertThat(to("http://example.com/a/b")).containsOnlyKeys("dflt", "bad");
        assertThat(to("http://example.com/a/bc")).isEmpty();
        assertThat(to("http://example.com/a/b/c/d")).containsOnlyKeys("dflt", "bad");
    }

    @Test
    void secureCookiesOnlyOverHttpsOrATrustedOrigin() {
        jar.updateCookies(set("s=1; Secure"), URI.create("https://example.com/"));
        assertThat(to("http://example.com/")).isEmpty();
        assertThat(to("https://example.com/")).containsEntry("s", "1");
        CookieJar trusting = new CookieJar(false, List.of("http://example.com"), clock);
        trusting.updateCookies(set("s=1; Secure"), URI.create("https://example.com/"));
        assertThat(trusting.filterCookies(URI.create("http://example.com/x"))).containsEntry("s", "1");
        assertThat(trusting.filterCookies(URI.create("http://example.com:81/x"))).isEmpty();
    }

    @Test
    void maxAgeWinsOverExpiresAndExpiresOnTheClock() {
        jar.updateCookies(set("m=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
                "e=1; Expires=Thu, 01 Jan 2026 00:01:30 GMT", "keep=1"), URI.create("http://example.com/"));
        assertThat(to("http://example.com/")).containsOnlyKeys("m", "e", "keep");
        clock.now = clock.now.plus(Duration.ofSeconds(60));
        assertThat(to("http://example.com/")).containsOnlyKeys("e", "keep");
        clock.now = clock.now.plus(Duration.ofSeconds(30));
        assertThat(to("http://example.com/")).containsOnlyKeys("keep");
        assertThat(jar.size()).isEqualTo(1);
    }

    @Test
    void maxAgeZeroOrAPastDateDeletesAStoredCookie() {
        URI u = URI.create("http://example.com/");
        jar.updateCookies(set("a=1", "b=1"), u);
        jar.updateCookies(set("a=; Max-Age=0", "b=; Expires=Sun, 06 Nov 1994 08:49:37 GMT"), u);
        assertThat(jar.size()).isZero();
    }

    @Test
    void aCookieReplacesTheOneWithTheSameDomainPathAndName() {
        URI u = URI.create("http://example.com/");
        jar.updateCookies(set("a=1"), u);
        jar.updateCookies(set("a=2"), u);
        jar.updateCookies(set("a=3; Path=/x"), u);
        assertThat(jar.size()).isEqualTo(2);
        assertThat(to("http://example.com/")).isEqualTo(Map.of("a", "2"));
    }

    @Test
    void sharedCookiesGoEverywhere() {
        jar.updateCookies(List.of(Cookie.of("s", "1")), null);
        assertThat(to("http://example.com/")).containsEntry("s", "1");
        assertThat(to("https://127.0.0.1/x")).containsEntry("s", "1");
    }

    @Test
    void clearAndClearDomain() {
        jar.updateCookies(set("a=1; Domain=example.com"), URI.create("http://example.com/"));
        jar.updateCookies(set("b=1"), URI.create("http://www.example.com/"));
        jar.updateCookies(set("c=1"), URI.create("http://example.org/"));
        jar.clearDomain("example.com");
        assertThat(jar.cookies()).extracting(Cookie::name).containsExactly("c");
        jar.clear();
        assertThat(jar.size()).isZero();
    }

    @Test
    void datesInRfc6265sLenientFormat() {
        Instant want = Instant.parse("1994-11-06T08:49:37Z");
        assertThat(CookieJar.parseDate("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(want);
        assertThat(CookieJar.parseDate("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(want);
        assertThat(CookieJar.parseDate("Sun Nov  6 08:49:37 1994")).isEqualTo(want);
        assertThat(CookieJar.parseDate("6 november 1994 8:49:37")).isEqualTo(want);
        assertThat(CookieJar.parseDate("Sun, 06 Nov 1994")).isNull();
        assertThat(CookieJar.parseDate("Sun, 32 Nov 1994 08:49:37 GMT")).isNull();
        assertThat(CookieJar.parseDate("Sun, 06 Nov 1600 08:49:37 GMT")).isNull();
        assertThat(CookieJar.parseDate("Sun, 06 Nov 1994 24:00:00 GMT")).isNull();
        assertThat(CookieJar.parseDate("")).isNull();
    }

    @Test
    void dummyJarKeepsNothing() {
        DummyCookieJar d = new DummyCookieJar();
        d.updateCookies(set("a=1"), URI.create("http://example.com/"));
        assertThat(d.size()).isZero();
        assertThat(d.filterCookies(URI.create("http://example.com/"))).isEmpty();
    }
}
