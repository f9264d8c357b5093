package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Without a provided coding on the class path (this module's tests do not see {@code asyncio4j-brotli}): {@code br}
 * is not offered, not decoded and not encoded, as when Brotli's native library cannot load. With
 * {@code asyncio4j-brotli}: its tests (ContentDecoderTest, ClientDecompressBombTest, BrotliCodingProviderTest).
 */
class ContentCodingsTest {
    @Test
    void withoutAProviderBrIsNeitherOfferedNorDecoded() {
        assertThat(ContentCodings.names()).isEmpty();
        assertThat(ContentCodings.provider("br")).isNull();
        assertThat(ContentDecoder.acceptEncoding()).isEqualTo("gzip, deflate");
        assertThat(ContentDecoder.forEncoding("br")).isNull();           // the body is given as it came
        assertThat(ContentDecoder.forEncoding("identity")).isNull();
        assertThat(ContentDecoder.forEncoding(" GZIP ")).isInstanceOf(ZlibDecoder.class);
    }

    @Test
    void withoutAProviderBrCannotBeEncoded() {
        assertThatThrownBy(() -> Compressor.forEncoding("br")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported content coding: br (available: gzip, deflate)")
                .hasMessageContaining("io.asyncio4j:asyncio4j-brotli");
        assertThatThrownBy(() -> Compressor.forEncoding("zstd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported content coding: zstd (available: gzip, deflate)");
        byte[] text = "hello hello hello".getBytes(StandardCharsets.UTF_8);
        assertThat(Compressor.encode("gzip", text)).isNotEmpty();
    }
}
