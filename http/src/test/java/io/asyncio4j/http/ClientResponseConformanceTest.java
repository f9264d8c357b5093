package io.asyncio4j.http;

import static io.asyncio4j.Asyncio.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The client's side of RFC 9112 conformance (issue 14, item 7), against a {@link RawServer} that writes exactly
 * the bytes given: chunk sizes with leading zeros, the status line's version, obs-fold, and a Transfer-Encoding that
 * does not end in chunked.
 */
class ClientResponseConformanceTest {
    /** A server that answers every request with {@code response}, and closes after it if {@code close}. */
    private static RawServer answering(byte[] response, boolean close) throws Exception {
        return new RawServer(peer -> {
            while (peer.readRequest() != null) {
                peer.write(response);
                if (close) {
                    return;
                }
            }
        });
    }

    private static RawServer answering(String response, boolean close) throws Exception {
        return answering(response.getBytes(StandardCharsets.ISO_8859_1), close);
    }

    /** What a GET raises against a server that answers {@code response}. */
    private static Throwable refusal(String response) throws Exception {
        try (RawServer srv = answering(response, false)) {
            return run(() -> {
                try (ClientSession s = new ClientSession()) {
                    return catchThrowable(() -> s.get(srv.url("/")).await());
                }
            });
        }
    }

    @Test
    void readsChunkSizesWithAnyNumberOfLeadingZeros() throws Exception {
        try (RawServer srv = answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "00000000000000001\r\na\r\n" + "0".repeat(40) + "5;x=y\r\nhello\r\n" + "0".repeat(20) + "\r\n\r\n",
                false)) {
            run(() -> {
                try (ClientSession s = new ClientSession()) {
                    for (int i = 0; i < 2; i++) {
                        try (ClientResponse r = s.get(srv.url("/")).await()) {
                            assertThat(r.text().await()).isEqualTo("ahello");
                        }
                    }
                }
                return null;
            });
            assertThat(srv.accepted.get()).isEqualTo(1); // the connection was reused: it stayed in step
        }
    }

    @Test
    void refusesAChunkSizeOverALongAndAChunkSizeLineTooLong() throws Exception {
        String[][] cases = {
            {"10000000000000000\r\na\r\n0\r\n\r\n", "a chunk size over 9223372036854775807 bytes"},
            {"0".repeat(9000) + "1\r\na\r\n0\r\n\r\n", "a chunk-size line longer than 8190 bytes"},
        };
        for (String[] c : cases) {
            try (RawServer srv = answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + c[0], false)) {
                run(() -> {
                    try (ClientSession s = new ClientSession()) {
                        ClientResponse r = s.get(srv.url("/")).await();
                        assertThatThrownBy(() -> r.read().await()).isInstanceOf(ClientPayloadError.class)
                                .hasMessageContaining(c[1]);
                    }
                    return null;
                });
            }
        }
    }

    @Test
    void refusesAStatusLineWhoseVersionIsNotUpperCaseHttp1() throws Exception {
        for (String line : new String[] {"http/1.1 200 OK", "Http/1.1 200 OK", "HTTP/2.0 200 OK", "HTTP/1.10 200 OK"}) {
            assertThat(refusal(line + "\r\nContent-Length: 2\r\n\r\nok"))
                    .isInstanceOfSatisfying(ClientResponseError.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("Bad status line '" + line + "'");
                    });
        }
    }

    @Test
    void readsAHigherMinorVersionOfHttp1AsHttp11() throws Exception {
        try (RawServer srv = answering("HTTP/1.2 200 OK\r\nContent-Length: 2\r\n\r\nok", false)) {
            run(() -> {
                try (ClientSession s = new ClientSession()) {
                    for (int i = 0; i < 2; i++) {
                        try (ClientResponse r = s.get(srv.url("/")).await()) {
                            assertThat(r.version()).isEqualTo("HTTP/1.1");
                            assertThat(r.text().await()).isEqualTo("ok");
                        }
                    }
                }
                return null;
            });
            assertThat(srv.accepted.get()).isEqualTo(1); // kept alive, as HTTP/1.1
        }
    }

    @Test
    void replacesObsFoldWithSpace() throws Exception {
        try (RawServer srv = answering("HTTP/1.1 200 OK\r\nX-Folded: a\r\n b\r\n\t \tc\r\nX-Next: n\r\n"
                + "Content-Length: 2\r\n\r\nok", false)) {
            run(() -> {
                try (ClientSession s = new ClientSession()) {
                    try (ClientResponse r = s.get(srv.url("/")).await()) {
                        assertThat(r.headers().get("X-Folded")).isEqualTo("a b c");
                        assertThat(r.headers().get("X-Next")).isEqualTo("n");
                        assertThat(r.text().await()).isEqualTo("ok");
                    }
                }
                return null;
            });
        }
    }

    @Test
    void refusesWhitespaceBeforeTheFirstField() throws Exception {
        assertThat(refusal("HTTP/1.1 200 OK\r\n X-A: a\r\nContent-Length: 2\r\n\r\nok"))
                .isInstanceOf(ClientResponseError.class)
                .hasMessageContaining("whitespace before the first header field");
    }

    @Test
    void readsABodyInATransferCodingOtherThanChunkedUntilTheClose() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("hello, gzip".getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        wire.writeBytes(gz.toByteArray());
        try (RawServer gzip = answering(wire.toByteArray(), true);
                RawServer unknown = answering("HTTP/1.1 200 OK\r\ntransfer-encoding: x-custom\r\n\r\nas sent", true)) {
            run(() -> {
                try (ClientSession s = new ClientSession()) {
                    for (int i = 0; i < 2; i++) {
                        try (ClientResponse r = s.get(gzip.url("/")).await()) {
                            assertThat(r.headers().get("Transfer-Encoding")).isEqualTo("gzip");
                            assertThat(r.text().await()).isEqualTo("hello, gzip");
                        }
                    }
                    try (ClientResponse r = s.get(unknown.url("/")).await()) {
                        assertThat(r.headers().get("transfer-encoding")).isEqualTo("x-custom");
                        assertThat(r.text().await()).isEqualTo("as sent");
                    }
                    assertThat(s.connector().openConnections()).isZero();
                }
                return null;
            });
            assertThat(gzip.accepted.get()).isEqualTo(2); // never reused
        }
    }

    @Test
    void refusesATransferCodingOtherThanChunkedWithAContentLength() throws Exception {
        assertThat(refusal("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabc"))
                .isInstanceOf(ClientResponseError.class).hasMessageContaining("Transfer-Encoding and Content-Length");
    }
}
