package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FramingTest {
    @Test
    void contentLengthIsAPlainNonNegativeDecimal() {
        assertThat(Framing.contentLength("0")).isZero();
        assertThat(Framing.contentLength("03")).isEqualTo(3);
        assertThat(Framing.contentLength("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        for (String bad : new String[] {"", "+3", "-1", "3, 3", "3,3", "1x", "0x10", "3 3", "9223372036854775808",
            "99999999999999999999999"}) {
            assertThatThrownBy(() -> Framing.contentLength(bad)).as(bad).isInstanceOf(HttpParseException.class)
                    .hasMessage("Invalid Content-Length Value");
        }
    }

    @Test
    void chunkedMayComeOnceAndLast() {
        assertThat(Framing.chunkedLast("chunked", false)).isTrue();
        assertThat(Framing.chunkedLast("Chunked", false)).isTrue();
        assertThat(Framing.chunkedLast("gzip, chunked", false)).isTrue();
        assertThat(Framing.chunkedLast("gzip,,chunked", false)).isTrue();
        assertThat(Framing.chunkedLast("gzip", false)).isFalse();
        assertThat(Framing.chunkedLast("", false)).isFalse();
        assertThat(Framing.chunkedLast("chunked;q=1", false)).isFalse();
        assertThatThrownBy(() -> Framing.chunkedLast("chunked, chunked", false))
                .hasMessage("Bad Transfer-Encoding, multiple chunked tokens");
        assertThatThrownBy(() -> Framing.chunkedLast("chunked, gzip", false))
                .hasMessage("Bad Transfer-Encoding, chunked not last");
        assertThatThrownBy(() -> Framing.chunkedLast("chunked", true))
                .hasMessage("Bad Transfer-Encoding, chunked not last");
        assertThatThrownBy(() -> Framing.chunkedLast("gzip", true))
                .hasMessage("Bad Transfer-Encoding, chunked not last");
        assertThatThrownBy(() -> Framing.chunkedLast("g\"ip, chunked", false))
                .hasMessageContaining("a coding that is not a token");
    }

    @Test
    void codingsAreTokensWithParameters() {
        assertThat(Framing.isCoding("gzip", 0, 4)).isTrue();
        String p = "x ; a=b ;c=\"d;e\"";
        assertThat(Framing.isCoding(p, 0, p.length())).isTrue();
        for (String bad : new String[] {"?", "x;", "x;a", "x;a=", "x;a=\"b", "x y"}) {
            assertThat(Framing.isCoding(bad, 0, bad.length())).as(bad).isFalse();
        }
    }
}
