package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a response body in pieces: iterChunked, iterAny, iterLines and content().readline(). */
class ClientContentTest {
    /** Serves one body in three writes with a pause, chunked, then the same by Content-Length. */
    private static RawServer server(String body, boolean cutShort) throws Exception {
        return new RawServer(peer -> {
            while (peer.readRequest() != null) {
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                peer.write("HTTP/1.1 200 OK\r\nContent-Length: " + (b.length + (cutShort ? 10 : 0)) + "\r\n\r\n");
                int third = b.length / 3;
                peer.write(java.util.Arrays.copyOfRange(b, 0, third));
                Thread.sleep(20);
                peer.write(java.util.Arrays.copyOfRange(b, third, b.length));
                if (cutShort) {
                    return;
                }
            }
        });
    }

    @Test
    void iterChunkedGivesPiecesOfAtMostNBytesInOrder() throws Exception {
        String body = "0123456789".repeat(100);
        try (RawServer srv = server(body, false)) {
            Asyncio.run(() -> {
                try (ClientSession s = new ClientSession()) {
                    try (ClientResponse r = s.get(srv.url("/")).await()) {
                        ByteArrayOutputStream all = new ByteArrayOutputStream();
                        int pieces = 0;
                        for (byte[] chunk : r.iterChunked(64)) {
                            assertThat(chunk.length).isBetween(1, 64);
                            all.writeBytes(chunk);
                            pieces++;
                        }
                        assertThat(all.toString(StandardCharsets.UTF_8)).isEqualTo(body);
                        assertThat(pieces).isGreaterThanOrEqualTo(1000 / 64);
                    }
                    try (ClientResponse r = s.get(srv.url("/")).await()) {
                        ByteArrayOutputStream all = new ByteArrayOutputStream();
                        for (byte[] chunk : r.iterAny()) {
                            all.writeBytes(chunk);
                        }
                        assertThat(all.toString(StandardCharsets.UTF_8)).isEqualTo(body);
                    }
                    assertThatThrownBy(() -> s.get(srv.url("/")).await().iterChunked(0))
                            .isInstanceOf(IllegalArgumentException.class);
                }
                return null;
            });
        }
    }

    @Test
    void iterLinesAndReadline() throws Exception {
        try (RawServer srv = server("first\nsecond line\n\nlast", false)) {
            Asyncio.run(() -> {
                try (ClientSession s = new ClientSession()) {
                    try (ClientResponse r = s.get(srv.url("/")).await()) {
                        List<String> lines = new ArrayList<>();
                        for (byte[] line : r.iterLines()) {
                            lines.add(new String(line, StandardCharsets.UTF_8));
                        }
                        assertThat(lines).containsExactly("first\n", "second line\n", "\n", "last");
                    }
                    try (ClientResponse r = s.get(srv.url("/")).await()) {
                        assertThat(r.content().readline().await()).isEqualTo("first\n".getBytes(StandardCharsets.UTF_8));
                        assertThat(r.text().await()).isEqualTo("second line\n\nlast");
                    }
                }
                return null;
            });
        }
    }

    @Test
    void aBodyCutShortRaisesFromTheIteration() throws Exception {
        try (RawServer srv = server("x".repeat(300), true)) {
            Asyncio.run(() -> {
                try (ClientSession s = new ClientSession()) {
                    try (ClientResponse r = s.get(srv.url("/")).await()) {
                        List<byte[]> got = new ArrayList<>();
                        assertThatThrownBy(() -> {
                            for (byte[] chunk : r.iterChunked(100)) {
                                got.add(chunk);
                            }
                        }).isInstanceOf(ClientPayloadError.class);
                        assertThat(got.stream().mapToInt(b -> b.length).sum()).isEqualTo(300);
                    }
                }
                return null;
            });
        }
    }
}
