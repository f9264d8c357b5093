package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentDecoderTest {
    private static final byte[] TEXT = "the quick brown fox ".repeat(500).getBytes(StandardCharsets.UTF_8);

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean raw) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 1024];
        int n = d.deflate(buf);
        d.end();
        return Arrays.copyOf(buf, n);
    }

    /** Feeds {@code in} in pieces of {@code step} bytes. */
    private static byte[] decode(String encoding, byte[] in, int step) {
        ContentDecoder d = ContentDecoder.forEncoding(encoding);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; i += step) {
            d.feed(Arrays.copyOfRange(in, i, Math.min(in.length, i + step)));
            byte[] piece;
            do {
                piece = d.decode(1000);
                out.writeBytes(piece);
            } while (piece.length == 1000);
        }
        d.finish();
        return out.toByteArray();
    }

    @Test
    void decodesBrotliInAnyPiecesAndRefusesBrokenStreams() {
        byte[] br = Compressor.encode("br", TEXT);
        assertThat(br.length).isLessThan(TEXT.length / 10);
        for (int step : new int[] {1, 7, 4096, br.length}) {
            assertThat(decode("br", br, step)).isEqualTo(TEXT);
        }
        assertThatThrownBy(() -> decode("br", Arrays.copyOf(br, br.length - 3), 100))
                .isInstanceOf(ClientPayloadError.class).hasMessageContaining("br (the compressed body is truncated)");
        byte[] extra = Arrays.copyOf(br, br.length + 2);
        assertThatThrownBy(() -> decode("br", extra, extra.length)) // Brotli's decoder: "corrupt"
                .isInstanceOf(ClientPayloadError.class).hasMessageContaining("Can not decode content-encoding: br");
        assertThatThrownBy(() -> decode("br", extra, 1))
                .isInstanceOf(ClientPayloadError.class).hasMessageContaining("data after the end");
        assertThatThrownBy(() -> decode("br", "not brotli at all, not at all".getBytes(StandardCharsets.UTF_8), 5))
                .isInstanceOf(ClientPayloadError.class).hasMessageContaining("corrupt compressed data");
    }

    @Test
    void decodesBrotliRunsLongerThanItsWindow() {
        byte[] zeros = new byte[8 << 20];     // brotli4j's wrapper asks for input after 4 MiB while it has more
        assertThat(decode("br", Compressor.encode("br", zeros), 5)).isEqualTo(zeros);
    }

    @Test
    void brotliIsOfferedWhereItsNativeLibraryLoads() {
        assertThat(ContentCodings.provider("br")).as("brotli4j's linux-x86_64 library, found by ServiceLoader")
                .isInstanceOf(io.asyncio4j.http.brotli.BrotliCodingProvider.class);
        assertThat(ContentDecoder.acceptEncoding()).isEqualTo("gzip, deflate, br");
    }

    @Test
    void decodesGzipInAnyPieces() throws Exception {
        byte[] gz = gzip(TEXT);
        for (int step : new int[] {1, 3, 10, 4096, gz.length}) {
            assertThat(decode("gzip", gz, step)).isEqualTo(TEXT);
        }
        assertThat(decode("x-gzip", gz, 5)).isEqualTo(TEXT);
    }

    @Test
    void decodesGzipWithHeaderFieldsAndSeveralMembers() throws Exception {
        byte[] plain = gzip(TEXT);
        // FEXTRA (4 bytes) + FNAME + FCOMMENT + FHCRC, then the same deflate stream and trailer
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        member.write(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3});
        member.write(new byte[] {4, 0, 'a', 'b', 'c', 'd'});
        member.writeBytes("name.txt\0".getBytes(StandardCharsets.US_ASCII));
        member.writeBytes("a comment\0".getBytes(StandardCharsets.US_ASCII));
        member.write(new byte[] {0, 0});
        member.write(plain, 10, plain.length - 10);
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        two.writeBytes(member.toByteArray());
        two.writeBytes(plain);
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes(TEXT);
        want.writeBytes(TEXT);
        assertThat(decode("gzip", two.toByteArray(), 2)).isEqualTo(want.toByteArray());
    }

    @Test
    void decodesZlibAndRawDeflate() {
        assertThat(decode("deflate", deflate(TEXT, false), 7)).isEqualTo(TEXT);
        assertThat(decode("deflate", deflate(TEXT, true), 7)).isEqualTo(TEXT);
    }

    @Test
    void rejectsTruncatedCorruptAndNonGzipBodies() throws Exception {
        byte[] gz = gzip(TEXT);
        assertThatThrownBy(() -> decode("gzip", Arrays.copyOf(gz, gz.length - 3), 100))
                .isInstanceOf(ClientPayloadError.class).hasMessageContaining("truncated");
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 6] ^= 1;
        assertThatThrownBy(() -> decode("gzip", badCrc, 100)).isInstanceOf(ClientPayloadError.class)
                .hasMessageContaining("CRC");
        assertThatThrownBy(() -> decode("gzip", TEXT, 100)).isInstanceOf(ClientPayloadError.class)
                .hasMessageContaining("Can not decode content-encoding: gzip");
        assertThat(decode("gzip", new byte[0], 1)).isEmpty();
        assertThat(ContentDecoder.forEncoding("identity")).isNull();
        assertThat(ContentDecoder.forEncoding("zstd")).isNull();
    }
}
