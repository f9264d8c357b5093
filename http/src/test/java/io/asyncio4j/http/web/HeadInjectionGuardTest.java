package io.asyncio4j.http.web;

import static io.asyncio4j.http.web.RawClient.get;
import static io.asyncio4j.http.web.RawClient.serve;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * The server end of the head writer's injection guard: a response head holding NUL (which {@link Response#reason}
 * lets through) never reaches the wire; the client gets a 500 instead and the connection goes on.
 */
class HeadInjectionGuardTest {
    @Test
    void aWholeResponseWithABadReasonBecomesA500() {
        Application app = new Application();
        app.router().get("/bad", request -> Response.text("never sent").reason("O\u0000K"))
                .get("/", request -> Response.text("fine"));
        List<RawClient.Resp> rs;
        List<LogRecord> records;
        try (LogCapture logs = new LogCapture("io.asyncio4j.http.web")) {
            rs = serve(app, port -> {
                try (RawClient c = new RawClient(port)) {
                    return List.of(c.exchange(get("/bad")), c.exchange(get("/")));
                }
            });
            records = logs.records();
        }
        assertThat(rs.get(0).status()).isEqualTo(500);
        assertThat(rs.get(0).text()).isEqualTo("500: Internal Server Error");
        assertThat(rs.get(1).text()).isEqualTo("fine");
        assertThat(records).anySatisfy(r -> assertThat(r.getThrown()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason phrase"));
    }

    @Test
    void aStreamedResponseWithABadReasonFailsItsPrepareBeforeAnythingIsSent() {
        Application app = new Application();
        app.router().get("/bad", request -> {
            StreamResponse s = new StreamResponse();
            s.reason("O\u0000K");
            try {
                s.prepare(request).await();
            } catch (IllegalArgumentException e) {
                return Response.text("refused: " + s.prepared() + " " + e.getMessage().contains("NUL"));
            }
            s.write("never".getBytes(StandardCharsets.US_ASCII)).await();
            return s;
        });
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange(get("/bad")));
            }
        });
        assertThat(rs.get(0).status()).isEqualTo(200);
        assertThat(rs.get(0).text()).isEqualTo("refused: false true");
    }

    @Test
    void theHeadOfAResponseGoesThroughTheGuardForEveryField() {
        Response r = Response.text("x");
        r.setCookie("a", "b");
        byte[] head = HttpProtocol.head(r, 1, false, false, false, false, null);
        assertThat(new String(head, StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200 OK\r\n")
                .contains("Set-Cookie: a=b; Path=/\r\n").contains("Content-Length: 1\r\n").endsWith("\r\n\r\n");
    }
}
