package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.test.AioHttpExtension;
import io.asyncio4j.http.test.AppFactory;
import io.asyncio4j.http.test.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Named routes and {@link Resource#urlFor}: the URLs built are the ones the routes match, over real sockets. */
@ExtendWith(AioHttpExtension.class)
class UrlForTest {
    @TempDir
    static Path dir;
    private Application app;
    private Application admin;

    @AppFactory
    Application app() throws Exception {
        Files.createDirectories(dir.resolve("css"));
        Files.writeString(dir.resolve("css/a b.css"), "css");
        Files.writeString(dir.resolve("100%é.txt"), "odd name");
        app = new Application();
        Handler echo = r -> Response.text(r.matchInfo().toString() + " " + r.query());
        app.router()
                .get("/", echo, "index")
                .get("/users/{id}", echo, "user")
                .post("/users/{id}", echo, "user") // the same path's routes share the name
                .get("/files/{path:.+}/v{version:\\d+}", echo, "file")
                .get("/caf é/{x}", echo, "literal")
                .addStatic("/static", dir, StaticOptions.DEFAULT.name("static"));
        admin = new Application();
        admin.router().get("/items/{item}", echo, "admin:item");
        Application deep = new Application();
        deep.router().get("/", echo, "deep.root");
        admin.addSubapp("/deep", deep);
        app.addSubapp("/admin/", admin);
        return app;
    }

    private static String get(TestClient client, String url) {
        try (ClientResponse r = client.get(url).await()) {
            return r.status() + " " + r.text().await();
        }
    }

    @Test
    void builtUrlsAreMatchedAndGiveTheValuesBack(TestClient client) {
        Router router = app.router();
        assertThat(router.names()).containsExactly("index", "user", "file", "literal", "static");
        assertThat(router.named("index").urlFor()).isEqualTo("/");
        String user = router.named("user").urlFor(Map.of("id", "a b/c%d?é#&+=@"));
        assertThat(user).isEqualTo("/users/a%20b%2Fc%25d%3F%C3%A9%23&+=@");
        assertThat(get(client, user)).isEqualTo("200 {id=a b/c%d?é#&+=@} {}");
        String file = router.named("file").urlFor(Map.of("path", "x/y", "version", "3"));
        assertThat(file).isEqualTo("/files/x%2Fy/v3");
        assertThat(get(client, file)).isEqualTo("200 {path=x/y, version=3} {}");
        String literal = router.named("literal").urlFor(Map.of("x", "1"));
        assertThat(literal).isEqualTo("/caf%20%C3%A9/1");
        assertThat(get(client, literal)).isEqualTo("200 {x=1} {}");
    }

    @Test
    void queriesAreEncodedAsYarlDoes(TestClient client) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("q", "a b&c=d+e");
        q.put("tag", List.of("x", "y/?"));
        q.put("n", 1);
        String url = app.router().named("user").urlFor(Map.of("id", "7"), q);
        assertThat(url).isEqualTo("/users/7?q=a+b%26c%3Dd%2Be&tag=x&tag=y/?&n=1");
        assertThat(get(client, url)).isEqualTo("200 {id=7} {q=[a b&c=d+e], tag=[x, y/?], n=[1]}");
    }

    @Test
    void subapplicationRoutesGetTheirPrefixes(TestClient client) {
        String item = admin.router().named("admin:item").urlFor(Map.of("item", "é"));
        assertThat(item).isEqualTo("/admin/items/%C3%A9");
        assertThat(get(client, item)).isEqualTo("200 {item=é} {}");
        Application deep = admin.router().named("admin:item") != null ? null : null;
        assertThat(deep).isNull();
        assertThatThrownBy(() -> app.router().named("admin:item")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no route named 'admin:item'");
    }

    @Test
    void staticRoutesBuildFileUrls(TestClient client) {
        Resource st = app.router().named("static");
        assertThat(st.urlFor("css/a b.css")).isEqualTo("/static/css/a%20b.css");
        assertThat(st.urlFor("/100%é.txt")).isEqualTo("/static/100%25%C3%A9.txt");
        assertThat(get(client, st.urlFor("css/a b.css"))).isEqualTo("200 css");
        assertThat(get(client, st.urlFor("/100%é.txt"))).isEqualTo("200 odd name");
        assertThatThrownBy(() -> app.router().named("user").urlFor("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a static route");
    }

    @Test
    void badNamesAndPartsAreRefusedClearly() {
        Router r = new Application().router();
        Handler h = req -> Response.text("");
        r.get("/a/{x}", h, "a");
        assertThatThrownBy(() -> r.get("/b", h, "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Duplicate route name 'a'");
        assertThatThrownBy(() -> r.post("/a/{x}", h, "other")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("are named 'a'");
        assertThatThrownBy(() -> r.get("/c", h, "1bad")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Incorrect route name '1bad'");
        assertThatThrownBy(() -> r.get("/c", h, "a..b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.named("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no route named 'nope'; the names: [a]");
        assertThatThrownBy(() -> r.named("a").urlFor(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing part 'x'");
        assertThatThrownBy(() -> r.named("a").urlFor(Map.of("x", "1", "y", "2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no variable 'y'");
        assertThatThrownBy(() -> r.addStatic("/s", java.nio.file.Path.of("."), StaticOptions.DEFAULT.name("bad name")))
                .isInstanceOf(IllegalArgumentException.class);
        for (String refused : List.of("/b", "/c", "/s/x")) { // 404, not 405: a refused route leaves nothing behind
            assertThatThrownBy(() -> r.resolve("GET", refused)).as(refused).isInstanceOf(HTTPNotFound.class);
        }
        r.get("/c", h, "c.d-e:f_1"); // dots, dashes and colons separate identifiers
        assertThat(r.named("c.d-e:f_1").urlFor()).isEqualTo("/c");
    }
}
