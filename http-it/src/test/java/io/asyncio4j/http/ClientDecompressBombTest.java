package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.streams.StreamReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Decompression bombs: a body of a megabyte that inflates to a gibibyte. {@code read()} stops at
 * {@code maxDecompressSize} with a {@link ClientPayloadError}; a stream of it is decoded only as it is read, so
 * what is buffered stays within the reader's water marks whatever the total. The bombs are compressed zeros, made
 * once per JVM; a {@link RawServer} sends them with their {@code Content-Encoding}.
 */
class ClientDecompressBombTest {
    private static final long GIB = 1L << 30;
    private static final int MIB = 1 << 20;
    /** What a reader may hold: twice its limit before it pauses, plus the decoded piece that passed the mark. */
    private static final long BUFFER_BOUND = 2L * StreamReader.DEFAULT_LIMIT + DecodedBody.PIECE;
    private static final Map<String, byte[]> BOMBS = new ConcurrentHashMap<>();

    /** {@code size} zero bytes compressed with {@code encoding}, made in pieces (never all in memory). */
    private static byte[] zeros(String encoding, long size) {
        return BOMBS.computeIfAbsent(encoding + ":" + size, k -> {
            Compressor c = Compressor.forEncoding(encoding);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] piece = new byte[MIB];
            for (long left = size; left > 0; left -= MIB) {
                out.writeBytes(c.compress(left >= MIB ? piece : new byte[(int) left]));
            }
            out.writeBytes(c.finish());
            return out.toByteArray();
        });
    }

    /** A server that answers every request with {@code body} as {@code encoding}, then keeps the connection. */
    private static RawServer serving(String encoding, byte[] body) throws IOException {
        return new RawServer(peer -> {
            while (peer.readRequest() != null) {
                peer.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Encoding: "
                        + encoding + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                peer.write(body);
            }
        });
    }

    private static void readStopsAtTheDefaultLimit(String encoding, long size) throws IOException {
        byte[] bomb = zeros(encoding, size);
        try (RawServer server = serving(encoding, bomb)) {
            Peers.inSession(ClientSession.builder(), s -> {
                try (ClientResponse r = s.get(server.url("/bomb")).await()) {
                    assertThatThrownBy(() -> r.read().await()).isInstanceOf(ClientPayloadError.class)
                            .hasMessageContaining("exceeds the configured limit of 33554432 bytes")
                            .hasMessageContaining("maxDecompressSize")
                            .hasMessageContaining("Content-Encoding: " + encoding);
                    // what was decoded: the limit, the reader's buffer and one piece, not the gibibyte
                    assertThat(r.decodedSoFar()).isBetween(ClientSession.DEFAULT_MAX_DECOMPRESS_SIZE,
                            ClientSession.DEFAULT_MAX_DECOMPRESS_SIZE + BUFFER_BOUND + StreamReader.DEFAULT_LIMIT);
                }
            });
        }
    }

    private static void streamsWithBoundedMemory(String encoding, long size) throws IOException {
        byte[] bomb = zeros(encoding, size);
        try (RawServer server = serving(encoding, bomb)) {
            Peers.inSession(ClientSession.builder(), s -> {
                try (ClientResponse r = s.get(server.url("/bomb")).await()) {
                    long consumed = 0;
                    long mostBuffered = 0;
                    for (byte[] piece : r.iterChunked(64 * 1024)) {
                        consumed += piece.length;
                        mostBuffered = Math.max(mostBuffered, r.decodedSoFar() - consumed);
                    }
                    assertThat(consumed).isEqualTo(size);
                    assertThat(r.decodedSoFar()).isEqualTo(size);
                    assertThat(mostBuffered).as("decoded bytes waiting in the reader").isLessThanOrEqualTo(BUFFER_BOUND);
                }
            });
        }
    }

    @Test
    void readingAGzipBombWholeStopsAtThe32MiBDefault() throws IOException {
        readStopsAtTheDefaultLimit("gzip", GIB);
    }

    @Test
    void readingADeflateBombWholeStopsAtThe32MiBDefault() throws IOException {
        readStopsAtTheDefaultLimit("deflate", GIB);
    }

    @Test
    void readingABrotliBombWholeStopsAtThe32MiBDefault() throws IOException {
        readStopsAtTheDefaultLimit("br", 64L * MIB);
    }

    @Test
    void streamingAGzipBombIn64KiBPiecesKeepsTheBufferBounded() throws IOException {
        streamsWithBoundedMemory("gzip", GIB);
    }

    @Test
    void streamingADeflateBombIn64KiBPiecesKeepsTheBufferBounded() throws IOException {
        streamsWithBoundedMemory("deflate", GIB);
    }

    @Test
    void streamingABrotliBombIn64KiBPiecesKeepsTheBufferBounded() throws IOException {
        streamsWithBoundedMemory("br", 64L * MIB);
    }

    @Test
    void aBodyAtTheLimitIsReadAndOneByteMoreIsRefused() throws IOException {
        byte[] atLimit = zeros("gzip", MIB);
        byte[] over = zeros("gzip", MIB + 1);
        try (RawServer exact = serving("gzip", atLimit); RawServer past = serving("gzip", over)) {
            Peers.inSession(ClientSession.builder().maxDecompressSize(MIB), s -> {
                try (ClientResponse r = s.get(exact.url("/")).await()) {
                    assertThat(r.read().await()).hasSize(MIB).containsOnly(0);
                }
                try (ClientResponse r = s.get(past.url("/")).await()) {
                    assertThatThrownBy(() -> r.read().await()).isInstanceOf(ClientPayloadError.class)
                            .hasMessageContaining("limit of 1048576 bytes").hasMessageContaining("gzip");
                }
                // a request's own limit replaces the session's; 0 is none
                RequestOptions larger = RequestOptions.builder().maxDecompressSize(2 * MIB).build();
                try (ClientResponse r = s.get(past.url("/"), larger).await()) {
                    assertThat(r.read().await()).hasSize(MIB + 1);
                }
                RequestOptions none = RequestOptions.builder().maxDecompressSize(0).build();
                try (ClientResponse r = s.get(past.url("/"), none).await()) {
                    assertThat(r.text().await()).hasSize(MIB + 1);
                }
            });
        }
    }

    @Test
    void aSmallerConfiguredLimitIsHonouredByTextAndJson() throws IOException {
        byte[] json = Compressor.encode("deflate", ("[" + "0,".repeat(10_000) + "0]").getBytes(StandardCharsets.UTF_8));
        try (RawServer server = serving("deflate", json)) {
            Peers.inSession(ClientSession.builder().maxDecompressSize(10_000), s -> {
                try (ClientResponse r = s.get(server.url("/")).await()) {
                    assertThatThrownBy(() -> r.text().await()).isInstanceOf(ClientPayloadError.class)
                            .hasMessageContaining("limit of 10000 bytes").hasMessageContaining("deflate");
                }
                try (ClientResponse r = s.get(server.url("/")).await()) {
                    assertThatThrownBy(() -> r.json(Object.class, false).await())
                            .isInstanceOf(ClientPayloadError.class).hasMessageContaining("limit of 10000 bytes");
                }
                RequestOptions enough = RequestOptions.builder().maxDecompressSize(20_003).build();
                try (ClientResponse r = s.get(server.url("/"), enough).await()) {
                    assertThat(r.json(java.util.List.class, false).await()).hasSize(10_001);
                }
            });
        }
    }

    @Test
    void aBodyThatArrivedWholeIsDecodedAfterItsConnectionWentBackToThePool() throws IOException {
        byte[] gz = zeros("gzip", 4 * MIB);         // some KB: head and body arrive in one read
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + gz.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] response = java.util.Arrays.copyOf(head, head.length + gz.length);
        System.arraycopy(gz, 0, response, head.length, gz.length);
        try (RawServer server = new RawServer(peer -> {
            while (peer.readRequest() != null) {
                peer.write(response);
            }
        })) {
            Peers.inSession(ClientSession.builder(), s -> {
                ClientResponse first = s.get(server.url("/1")).await();
                assertThat(first.content().read(1000).await()).hasSize(1000);
                // all compressed bytes are in: the connection serves the next request while the first decodes on
                try (ClientResponse second = s.get(server.url("/2")).await()) {
                    assertThat(second.read().await()).hasSize(4 * MIB);
                }
                assertThat(server.accepted).hasValue(1);
                assertThat(first.read().await()).hasSize(4 * MIB - 1000).containsOnly(0);
                first.close();
                ClientResponse third = s.get(server.url("/3")).await();
                third.content().read(1000).await();
                third.close();                               // released before it was decoded: the decoder is freed
                assertThatThrownBy(() -> third.read().await()).isInstanceOf(ClientConnectionError.class)
                        .hasMessageContaining("released before its body was decoded");
                assertThat(third.decodedSoFar()).isLessThan(MIB);
            });
        }
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> ClientSession.builder().maxDecompressSize(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDecompressSize must be >= 0");
        assertThatThrownBy(() -> RequestOptions.builder().maxDecompressSize(-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not -5");
    }
}
