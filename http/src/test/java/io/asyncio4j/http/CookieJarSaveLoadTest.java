package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CookieJar#save(Path)} and {@link CookieJar#load(Path)}: the JSON round trip, expiry, malformed files. */
class CookieJarSaveLoadTest {
    @TempDir
    Path dir;
    private final CookieJarTest.MovingClock clock = new CookieJarTest.MovingClock();
    private final CookieJar jar = new CookieJar(false, List.of(), clock);

    private static List<Cookie> set(String... fields) {
        return CookieJarTest.set(fields);
    }

    private static Map<String, String> to(CookieJar j, String url) {
        return j.filterCookies(URI.create(url));
    }

    @Test
    void aRoundTripKeepsDomainPathFlagsHostOnlyAndExpiry() throws IOException {
        jar.updateCookies(set("host=1; Path=/", "dom=2; Domain=example.org; Path=/docs; HttpOnly; SameSite=Lax",
                "sec=3; Secure; Max-Age=3600", "exp=4; Path=/; Expires=Fri, 01 Jan 2027 00:00:00 GMT"),
                URI.create("http://www.example.org/a/b"));
        jar.updateCookies(List.of(Cookie.of("shared", "5")), null);
        Path file = dir.resolve("cookies.json");
        jar.save(file);

        CookieJar loaded = new CookieJar(false, List.of(), clock);
        loaded.load(file);
        assertThat(loaded.cookies()).containsExactlyInAnyOrderElementsOf(jar.cookies());
        // host-only: not to a subdomain; domain cookie: to the domain and its subdomains, under its path
        assertThat(to(loaded, "http://www.example.org/docs/x")).containsOnlyKeys("host", "dom", "exp", "shared");
        assertThat(to(loaded, "http://sub.www.example.org/docs/x")).containsOnlyKeys("dom", "shared");
        assertThat(to(loaded, "http://example.org/")).containsOnlyKeys("shared");
        assertThat(to(loaded, "https://www.example.org/a/")).containsOnlyKeys("host", "sec", "exp", "shared");
        Cookie dom = loaded.cookies().stream().filter(c -> c.name().equals("dom")).findFirst().orElseThrow();
        assertThat(dom.httpOnly()).isTrue();
        assertThat(dom.sameSite()).isEqualTo("Lax");
        // the expiry travels: after an hour the Max-Age cookie is gone, after a year the Expires one
        clock.now = clock.now.plus(Duration.ofSeconds(3601));
        assertThat(to(loaded, "https://www.example.org/a/")).containsOnlyKeys("host", "exp", "shared");
        clock.now = clock.now.plus(Duration.ofDays(366));
        assertThat(to(loaded, "https://www.example.org/a/")).containsOnlyKeys("host", "shared");
        assertThat(Files.readString(file)).contains("\"format\" : \"asyncio4j-cookie-jar\"")
                .contains("\"hostOnly\" : true").contains("\"expiry\" : \"2026-01-01T01:00:00Z\"");
    }

    @Test
    void expiredCookiesAreDroppedOnLoadAndLoadReplacesTheJar() throws IOException {
        jar.updateCookies(set("short=1; Max-Age=60", "long=2; Max-Age=86400", "session=3"),
                URI.create("http://example.org/"));
        Path file = dir.resolve("cookies.json");
        jar.save(file);
        CookieJar later = new CookieJar(false, List.of(), clock);
        later.updateCookies(set("old=0"), URI.create("http://other.example/"));
        clock.now = clock.now.plus(Duration.ofSeconds(61));
        later.load(file);
        assertThat(later.cookies()).extracting(Cookie::name).containsExactlyInAnyOrder("long", "session");
        assertThat(later.size()).isEqualTo(2);
    }

    @Test
    void aMalformedFileGivesAnExceptionNamingTheFileAndTheJarIsUnchanged() throws IOException {
        jar.updateCookies(set("keep=1"), URI.create("http://example.org/"));
        Path notJson = Files.writeString(dir.resolve("garbage.json"), "{not json");
        assertThatThrownBy(() -> jar.load(notJson)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot load cookies from " + notJson + ": not JSON");
        Path other = Files.writeString(dir.resolve("other.json"), "{\"cookies\": []}");
        assertThatThrownBy(() -> jar.load(other)).isInstanceOf(IOException.class)
                .hasMessageContaining(other.toString()).hasMessageContaining("not a cookie jar file");
        Path badCookie = Files.writeString(dir.resolve("bad.json"), """
                {"format": "asyncio4j-cookie-jar", "version": 1, "cookies": [
                  {"name": "a", "value": "1", "domain": "example.org", "path": "/", "hostOnly": true,
                   "secure": false, "httpOnly": false, "sameSite": "", "expires": "", "maxAge": "", "expiry": null},
                  {"name": "b", "value": "2", "domain": "example.org", "path": "/", "hostOnly": "yes",
                   "secure": false, "httpOnly": false, "sameSite": "", "expires": "", "maxAge": "", "expiry": null}]}
                """);
        assertThatThrownBy(() -> jar.load(badCookie)).isInstanceOf(IOException.class)
                .hasMessage("Cannot load cookies from " + badCookie + ": cookie 1: \"hostOnly\" is missing or not"
                        + " true/false");
        Path badDate = Files.writeString(dir.resolve("date.json"), """
                {"format": "asyncio4j-cookie-jar", "version": 1, "cookies": [
                  {"name": "a", "value": "1", "domain": "example.org", "path": "/", "hostOnly": true,
                   "secure": false, "httpOnly": false, "sameSite": "", "expires": "", "maxAge": "",
                   "expiry": "tomorrow"}]}
                """);
        assertThatThrownBy(() -> jar.load(badDate)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot load cookies from " + badDate + ": cookie 0: ");
        for (String[] bad : new String[][] {{"a b", "1", "name a b is not a token"},
                {"a", "1; admin=1", "a semicolon or control character in a"},
                {"a", "1\\r\\nX-Evil: 1", "a semicolon or control character in a"}}) {
            Path injected = Files.writeString(dir.resolve("injected.json"), """
                    {"format": "asyncio4j-cookie-jar", "version": 1, "cookies": [
                      {"name": "%s", "value": "%s", "domain": "example.org", "path": "/", "hostOnly": true,
                       "secure": false, "httpOnly": false, "sameSite": "", "expires": "", "maxAge": "",
                       "expiry": null}]}
                    """.formatted(bad[0], bad[1]));
            assertThatThrownBy(() -> jar.load(injected)).isInstanceOf(IOException.class)
                    .hasMessage("Cannot load cookies from " + injected + ": cookie 0: " + bad[2].replace("name ",
                            "the name "));
        }
        Path future = Files.writeString(dir.resolve("v2.json"),
                "{\"format\": \"asyncio4j-cookie-jar\", \"version\": 2, \"cookies\": []}");
        assertThatThrownBy(() -> jar.load(future)).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown version 2");
        assertThatThrownBy(() -> jar.load(dir.resolve("missing.json"))).isInstanceOf(IOException.class);
        assertThat(to(jar, "http://example.org/")).containsOnlyKeys("keep");
    }

    @Test
    void aSessionsJarSurvivesASaveAndLoadAcrossSessions() throws Exception {
        Path file = dir.resolve("session-cookies.json");
        try (RawServer srv = new RawServer(peer -> {
            RawServer.Request req;
            while ((req = peer.readRequest()) != null) {
                String cookie = req.headers().get("Cookie");
                peer.write("HTTP/1.1 200 OK\r\nSet-Cookie: sid=xyz; Path=/; Max-Age=600\r\nContent-Length: "
                        + (cookie == null ? 4 : cookie.length()) + "\r\n\r\n" + (cookie == null ? "none" : cookie));
            }
        })) {
            Peers.inSession(ClientSession.builder().cookieJar(new CookieJar(true)), s -> {
                try (ClientResponse r = s.get(srv.url("/")).await()) {
                    assertThat(r.text().await()).isEqualTo("none");
                }
                ((CookieJar) s.cookieJar()).save(file);
            });
            CookieJar restored = new CookieJar(true);
            restored.load(file);
            Peers.inSession(ClientSession.builder().cookieJar(restored), s -> {
                try (ClientResponse r = s.get(srv.url("/")).await()) {
                    assertThat(r.text().await()).isEqualTo("sid=xyz");
                }
            });
        }
    }
}
