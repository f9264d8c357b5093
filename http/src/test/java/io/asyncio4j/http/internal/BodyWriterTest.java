package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.Compressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/** The one framed body writer: each framing, with and without compression. */
class BodyWriterTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Everything the writer gives for {@code pieces}, then its end. */
    private static byte[] all(BodyWriter w, String... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : pieces) {
            out.writeBytes(w.write(b(p)));
        }
        out.writeBytes(w.finish());
        return out.toByteArray();
    }

    /** The payload of a chunked body, checking its framing on the way. */
    private static byte[] unchunk(byte[] framed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (true) {
            int crlf = s(framed).indexOf("\r\n", i);
            int size = Integer.parseInt(s(framed).substring(i, crlf), 16);
            i = crlf + 2;
            if (size == 0) {
                assertThat(s(framed).substring(i)).isEqualTo("\r\n");
                return out.toByteArray();
            }
            assertThat(size).as("no empty chunk before the last").isPositive();
            out.write(framed, i, size);
            i += size;
            assertThat(s(framed).substring(i, i + 2)).isEqualTo("\r\n");
            i += 2;
        }
    }

    @Test
    void lengthSendsTheBytesAsTheyAreAndCutsAtTheLength() {
        BodyWriter w = new BodyWriter(BodyWriter.Framing.LENGTH, 8, null);
        assertThat(s(all(w, "hello", "world"))).isEqualTo("hellowor");
        assertThat(w.written()).isEqualTo(8);
        assertThat(w.shortOfLength()).isFalse();
    }

    @Test
    void lengthTellsWhenTheBodyEndedShort() {
        BodyWriter w = new BodyWriter(BodyWriter.Framing.LENGTH, 10, null);
        assertThat(s(all(w, "abc"))).isEqualTo("abc");
        assertThat(w.shortOfLength()).isTrue();
    }

    @Test
    void lengthCannotBeCompressedNorNegative() {
        assertThatThrownBy(() -> new BodyWriter(BodyWriter.Framing.LENGTH, 3, Compressor.forEncoding("gzip")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compressed");
        assertThatThrownBy(() -> new BodyWriter(BodyWriter.Framing.LENGTH, -1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chunkedFramesEachPieceSkipsEmptyOnesAndEndsWithTheLastChunk() {
        BodyWriter w = new BodyWriter(BodyWriter.Framing.CHUNKED, -1, null);
        assertThat(s(w.write(b("hello")))).isEqualTo("5\r\nhello\r\n");
        assertThat(w.write(new byte[0])).isEmpty(); // an empty chunk would end the body
        assertThat(s(w.write(b("0123456789abcdefg")))).isEqualTo("11\r\n0123456789abcdefg\r\n");
        assertThat(s(w.finish())).isEqualTo("0\r\n\r\n");
        assertThat(w.finish()).isEmpty();
        assertThatThrownBy(() -> w.write(b("late"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeDelimitedSendsTheBytesAsTheyAre() {
        BodyWriter w = new BodyWriter(BodyWriter.Framing.CLOSE, -1, null);
        assertThat(s(all(w, "a", "", "bc"))).isEqualTo("abc");
        assertThat(w.written()).isEqualTo(3);
    }

    @Test
    void noneDropsEverything() {
        BodyWriter w = new BodyWriter(BodyWriter.Framing.NONE, -1, Compressor.forEncoding("gzip"));
        assertThat(all(w, "dropped", "too")).isEmpty();
        assertThat(w.written()).isZero();
        assertThat(w.shortOfLength()).isFalse();
    }

    @Test
    void chunkedWithGzipCompressesTheWholeStream() throws Exception {
        String text = "the quick brown fox ".repeat(200);
        byte[] framed = all(new BodyWriter(BodyWriter.Framing.CHUNKED, -1, Compressor.forEncoding("gzip")),
                text.substring(0, 1000), text.substring(1000));
        byte[] gz = unchunk(framed);
        assertThat(gz.length).isLessThan(text.length());
        assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(),
                StandardCharsets.US_ASCII)).isEqualTo(text);
    }

    @Test
    void closeDelimitedWithDeflateSendsTheZlibStream() throws Exception {
        String text = "abcabcabc".repeat(100);
        BodyWriter w = new BodyWriter(BodyWriter.Framing.CLOSE, -1, Compressor.forEncoding("deflate"));
        byte[] z = all(w, text);
        assertThat(w.written()).isEqualTo(z.length);
        assertThat(new String(new InflaterInputStream(new ByteArrayInputStream(z)).readAllBytes(),
                StandardCharsets.US_ASCII)).isEqualTo(text);
    }
}
