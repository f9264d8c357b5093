package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedDecoderTest {
    /** Decodes {@code body} fed {@code step} bytes at a time; returns the data, then "|" and what was left. */
    private static String decode(String body, int step) {
        ChunkedDecoder d = new ChunkedDecoder(8190, 64 * 1024, 128);
        d.start();
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int from = 0;
        while (from < b.length && !d.done()) {
            ByteBuffer buf = ByteBuffer.wrap(b, from, Math.min(step, b.length - from));
            byte[] piece;
            while ((piece = d.next(buf)) != null) {
                data.writeBytes(piece);
            }
            from = buf.position();
            if (buf.hasRemaining()) {
                break; // the body ended inside this piece: the rest is the next message's
            }
        }
        return data.toString(StandardCharsets.ISO_8859_1) + (d.done() ? "|" + body.substring(from) : "...");
    }

    private static String decode(String body) {
        String whole = decode(body, Integer.MAX_VALUE);
        assertThat(decode(body, 1)).as("byte by byte: %s", body).isEqualTo(whole);
        assertThat(decode(body, 3)).as("three at a time: %s", body).isEqualTo(whole);
        return whole;
    }

    private static void refused(String body, String reason) {
        for (int step : new int[] {1, 2, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> decode(body, step)).as("%s by %d", body, step)
                    .isInstanceOf(HttpParseException.class).hasMessageContaining(reason);
        }
    }

    @Test
    void decodesChunksAndStopsAfterTheLastOne() {
        assertThat(decode("3\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\n\r\nNEXT")).isEqualTo("abc0123456789abcdef|NEXT");
        assertThat(decode("0\r\n\r\n")).isEqualTo("|");
        assertThat(decode("A\r\n0123456789\r\n0\r\n\r\n")).isEqualTo("0123456789|");
        assertThat(decode("3\r\nabc\r\n0")).isEqualTo("abc...");
    }

    @Test
    void acceptsAnyNumberOfLeadingZeros() {
        assertThat(decode("0".repeat(40) + "3\r\nabc\r\n" + "0".repeat(30) + "\r\n\r\n")).isEqualTo("abc|");
        assertThat(decode("0".repeat(8189) + "1\r\na\r\n0\r\n\r\n")).isEqualTo("a|");
    }

    @Test
    void checksAndIgnoresExtensions() {
        for (String ext : new String[] {";a", ";a=b", " ;a=b", "; a = b", ";a=\"x y\"", ";a=\"\\\"\"", ";a;b;c",
            "\t;\ta\t=\tb", ";a=\"\u00e9\"", ";a=b ;c"}) {
            assertThat(decode("3" + ext + "\r\nabc\r\n0" + ext + "\r\n\r\n")).as(ext).isEqualTo("abc|");
        }
        for (String ext : new String[] {";", ";=b", " ", "\t", ";a=", ";a=b c", ";a=\"x", ";a\u0000", ";a=\u00e9",
            " x", ";a ", "x", ";a=\"\u0001\""}) {
            assertThatThrownBy(() -> decode("3" + ext + "\r\nabc\r\n0\r\n\r\n", Integer.MAX_VALUE)).as(ext)
                    .isInstanceOf(HttpParseException.class);
        }
    }

    @Test
    void refusesMalformedFraming() {
        refused("zz\r\nabc\r\n0\r\n\r\n", "not a hex number");
        refused("-1\r\nabc\r\n0\r\n\r\n", "not a hex number");
        refused("\r\n3\r\nabc\r\n0\r\n\r\n", "not a hex number");
        refused("3\nabc\r\n0\r\n\r\n", "a bare LF (without CR) in the chunk framing");
        refused("3\rabc\r\n0\r\n\r\n", "a CR not followed by LF in the chunk framing");
        refused("3\r\nabcX\r\n0\r\n\r\n", "chunk data longer than its chunk size");
        refused("3\r\nabc\n0\r\n\r\n", "chunk data longer than its chunk size");
        refused("3\r\nabc\r0\r\n\r\n", "a CR not followed by LF in the chunk framing");
        refused("8000000000000000\r\n", "a chunk size over 9223372036854775807 bytes");
        refused("0".repeat(9000) + "1\r\na\r\n0\r\n\r\n", "a chunk-size line longer than 8190 bytes");
        refused("1;a=" + "x".repeat(8190) + "\r\na\r\n0\r\n\r\n", "a chunk-size line longer than 8190 bytes");
    }

    @Test
    void checksAndDropsTrailerFields() {
        assertThat(decode("3\r\nabc\r\n0\r\nX-Trailer: t\r\nY: u\r\n\r\nNEXT")).isEqualTo("abc|NEXT");
        refused("0\r\nX : y\r\n\r\n", "whitespace before a header field's colon");
        refused("0\r\nX y\r\n\r\n", "without a colon");
        refused("0\r\nX: y\r\n z\r\n\r\n", "obsolete line folding");
        refused("0\r\nX: y\n\r\n", "a bare LF (without CR) in the trailer section");
        refused("0\r\nX: y\r\n\n", "a bare LF (without CR) in the trailer section");
        refused("0\r\nX: \u0001\r\n\r\n", "control character 0x1 in a trailer field");
        refused("0\r\nX: " + "y".repeat(8190) + "\r\n\r\n", "a trailer field line longer than 8190 bytes");
        refused("0\r\n" + "X: y\r\n".repeat(129) + "\r\n", "more than 128 trailer fields");
    }

    @Test
    void tellsWhereItIs() {
        ChunkedDecoder d = new ChunkedDecoder(8190, 65536, 128);
        assertThat(d.done()).isTrue();
        d.start();
        assertThat(d.done()).isFalse();
        assertThat(d.next(ByteBuffer.wrap("0\r\nX: y\r\n".getBytes(StandardCharsets.US_ASCII)))).isNull();
        assertThat(d.inTrailer()).isTrue();
        assertThat(d.next(ByteBuffer.wrap("\r\n".getBytes(StandardCharsets.US_ASCII)))).isNull();
        assertThat(d.done()).isTrue();
        d.start();
        d.stop();
        assertThat(d.done()).isTrue();
    }
}
