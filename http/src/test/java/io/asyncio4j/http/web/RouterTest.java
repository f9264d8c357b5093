package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.internal.Urls;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The router's rules without sockets. */
class RouterTest {
    static final Handler OK = request -> Response.text("ok");

    @Test
    void refusesARouteThatCouldNeverRun() {
        Router r = new Router().get("/a", OK);
        assertThatThrownBy(() -> r.get("/a", OK)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("method GET is already registered");
        new Router().route("*", "/b", OK);
        assertThatThrownBy(() -> new Router().route("*", "/b", OK).post("/b", OK))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesMalformedPaths() {
        assertThatThrownBy(() -> new Router().get("a", OK)).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> new Router().get("/{a", OK)).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> new Router().get("/a}", OK)).hasMessageContaining("unbalanced");
        assertThatThrownBy(() -> new Router().get("/{a}/{a}", OK)).hasMessageContaining("twice");
        assertThatThrownBy(() -> new Router().get("/{1a}", OK)).hasMessageContaining("bad variable name");
        assertThatThrownBy(() -> new Router().get("/{a:(}", OK)).hasMessageContaining("bad regex");
        assertThatThrownBy(() -> new Router().route("G T", "/", OK)).hasMessageContaining("not a token");
    }

    @Test
    void resolvesInOrderAndCollectsAllowedMethods() {
        Handler first = request -> Response.text("1");
        Router r = new Router().get("/x/{v}", first).post("/x/literal", OK).get("/x/literal", OK)
                .get("/n/{d:\\d{2}}", OK);
        assertThat(r.resolve("GET", "/x/literal").handler()).isSameAs(first);
        assertThat(r.resolve("POST", "/x/literal").matchInfo()).isEqualTo(Map.of());
        assertThat(r.resolve("GET", "/n/12").matchInfo()).isEqualTo(Map.of("d", "12"));
        assertThatThrownBy(() -> r.resolve("GET", "/n/123")).isInstanceOf(HTTPNotFound.class);
        assertThatThrownBy(() -> r.resolve("DELETE", "/x/literal")).isInstanceOfSatisfying(
                HTTPMethodNotAllowed.class, e -> {
                    assertThat(e.allowedMethods()).containsExactly("GET", "HEAD", "POST");
                    assertThat(e.headers().get("Allow")).isEqualTo("GET,HEAD,POST");
                    assertThat(e.method()).isEqualTo("DELETE");
                });
        assertThat(r.routes()).containsExactly("GET /x/{v}", "POST /x/literal", "GET /x/literal", "GET /n/{d:\\d{2}}");
    }

    @Test
    void matchesLiteralPercentSigns() {
        Router r = new Router().get("/100%", OK).get("/p/{v}", OK);
        assertThat(r.resolve("GET", Urls.decodeForRouting("/100%25")).handler()).isSameAs(OK);
        assertThat(r.resolve("GET", Urls.decodeForRouting("/p/a%25b")).matchInfo()).isEqualTo(Map.of("v", "a%b"));
    }
}
