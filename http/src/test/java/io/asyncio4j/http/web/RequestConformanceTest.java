package io.asyncio4j.http.web;

import static io.asyncio4j.http.web.ConnectionTest.echo;
import static io.asyncio4j.http.web.RawClient.get;
import static io.asyncio4j.http.web.RawClient.serve;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's side of RFC 9112 conformance (issue 14, item 7), through a raw socket: chunk sizes with leading
 * zeros, the request line's version (case, higher minor versions, other major versions) and request-target forms,
 * and a Transfer-Encoding that does not end in chunked.
 */
class RequestConformanceTest {
    /** Sends {@code request} on a new connection; the response, and whether the server closed after it. */
    private static Object[] answer(String request) {
        return serve(echo(), port -> {
            try (RawClient c = new RawClient(port)) {
                RawClient.Resp resp = c.exchange(request);
                return new Object[] {resp, c.closedByServer()};
            }
        });
    }

    private static void assertRefused(String request, int status, String reason) {
        Object[] r = answer(request);
        RawClient.Resp resp = (RawClient.Resp) r[0];
        String what = request.substring(0, Math.min(60, request.length())).replace("\r\n", "|");
        assertThat(resp.status()).as(what).isEqualTo(status);
        assertThat(resp.text()).as(what).contains(reason);
        assertThat(resp.headers().get("Connection")).as(what).isEqualTo("close");
        assertThat(r[1]).as(what).isEqualTo(true);
    }

    private static String chunked(String body) {
        return "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + body;
    }

    @Test
    void acceptsChunkSizesWithAnyNumberOfLeadingZeros() {
        List<RawClient.Resp> rs = serve(echo(), port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange(chunked("00000000000000001\r\na\r\n" + "0".repeat(40) + "5;x=y\r\nhello\r\n"
                                + "00000000000000000000\r\n\r\n")),
                        c.exchange(chunked("0000000000000000000000000000000000000000\r\n\r\n")),
                        c.exchange(get("/")));
            }
        });
        assertThat(rs.get(0).status()).isEqualTo(200);
        assertThat(rs.get(0).text()).isEqualTo("ahello");
        assertThat(rs.get(1).status()).isEqualTo(200);
        assertThat(rs.get(1).text()).isEmpty();
        assertThat(rs.get(2).text()).isEqualTo("root"); // the connection stayed in step
    }

    @Test
    void refusesAChunkSizeOverALongAndAChunkSizeLineTooLong() {
        assertRefused(chunked("0000008000000000000000\r\na\r\n0\r\n\r\n"), 400, "chunk size over 9223372036854775807");
        assertRefused(chunked("10000000000000000\r\na\r\n0\r\n\r\n"), 400, "chunk size over 9223372036854775807");
        assertRefused(chunked("0".repeat(9000) + "1\r\na\r\n0\r\n\r\n"), 400, "chunk-size line longer than 8190");
    }

    /** {@code GET /} with {@code version}. */
    private static String getWith(String version) {
        return "GET / " + version + "\r\nHost: t\r\n\r\n";
    }

    @Test
    void refusesAVersionNotInUpperCase() {
        for (String v : List.of("http/1.1", "Http/1.1", "HTTP/1.10")) {
            assertRefused(getWith(v), 400, "malformed HTTP version '" + v + "'");
        }
    }

    @Test
    void servesAHigherMinorVersionOfHttp1AsHttp11() {
        List<RawClient.Resp> rs = serve(echo(), port -> {
            List<RawClient.Resp> out = new ArrayList<>();
            try (RawClient c = new RawClient(port)) {
                out.add(c.exchange(getWith("HTTP/1.2")));
                out.add(c.exchange(getWith("HTTP/1.9"))); // kept alive, as HTTP/1.1
            }
            return out;
        });
        for (RawClient.Resp r : rs) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.version()).isEqualTo("HTTP/1.1");
            assertThat(r.text()).isEqualTo("root");
        }
    }

    @Test
    void answers505ToAnotherMajorVersion() {
        for (String v : List.of("HTTP/2.0", "HTTP/3.0", "HTTP/0.9")) {
            assertRefused(getWith(v), 505, "unsupported HTTP version " + v);
        }
    }

    @Test
    void refusesARelativeRequestTarget() {
        assertRefused("GET foo HTTP/1.1\r\nHost: t\r\n\r\n", 400, "neither origin-form");
        assertRefused("GET ./ HTTP/1.1\r\nHost: t\r\n\r\n", 400, "neither origin-form");
        assertRefused("GET * HTTP/1.1\r\nHost: t\r\n\r\n", 400, "asterisk-form request target * is for OPTIONS");
        assertRefused("GET  / HTTP/1.1\r\nHost: t\r\n\r\n", 400, "malformed request line");
    }

    @Test
    void acceptsTheOtherRequestTargetForms() {
        for (String line : List.of("GET http://t/ HTTP/1.1", "OPTIONS * HTTP/1.1", "CONNECT t:443 HTTP/1.1")) {
            Object[] r = answer(line + "\r\nHost: t\r\nConnection: close\r\n\r\n");
            assertThat(((RawClient.Resp) r[0]).status()).as(line).isNotEqualTo(400);
        }
    }

    @Test
    void refusesATransferEncodingNotEndingInChunked() {
        assertRefused("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\nabc", 400, "chunked");
    }
}
