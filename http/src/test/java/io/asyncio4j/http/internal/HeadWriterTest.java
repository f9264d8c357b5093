package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.Headers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one head writer: request and response heads, and the injection guard (aiohttp's {@code _safe_header}). */
class HeadWriterTest {
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void writesARequestHeadWithItsFieldsInOrder() {
        Headers h = Headers.of("Host", "example.com", "Accept", "*/*", "Accept", "text/plain");
        assertThat(text(HeadWriter.request("GET", "/a?b=1").fields(h).toBytes())).isEqualTo(
                "GET /a?b=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\nAccept: text/plain\r\n\r\n");
    }

    @Test
    void writesAResponseHeadWithNumbersAndABodyInOneArray() {
        byte[] bytes = HeadWriter.response(200, "OK").field("Content-Length", 5).field("X-A", "1")
                .toBytes("hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(text(bytes)).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\n\r\nhello");
    }

    @Test
    void encodesInUtf8AsAiohttpDoes() {
        byte[] bytes = HeadWriter.response(200, "OK").field("X-Name", "é").toBytes();
        assertThat(bytes).containsSequence((byte) 0xC3, (byte) 0xA9);
    }

    @Test
    void anEmptyReasonIsAllowed() {
        assertThat(text(HeadWriter.response(599, "").toBytes())).isEqualTo("HTTP/1.1 599 \r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\u0000b", "x\r\nSet-Cookie: evil=1"})
    void theGuardRefusesCrLfAndNulInAValueNamingTheHeader(String value) {
        // both ends write their fields through field(): a request's and a response's are refused alike
        assertThatThrownBy(() -> HeadWriter.request("GET", "/").field("X-Trace", value))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header X-Trace");
        assertThatThrownBy(() -> HeadWriter.response(200, "OK").field("Location", value))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header Location");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-A\r", "X\nA", "X\u0000A", "X-A: b", ""})
    void theGuardRefusesABadNameNamingIt(String name) {
        assertThatThrownBy(() -> HeadWriter.response(200, "OK").field(name, "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header name");
    }

    @Test
    void theGuardSaysWhichCharacterItFound() {
        assertThatThrownBy(() -> HeadWriter.response(200, "OK").field("X-A", "1\r\n2"))
                .hasMessage("header X-A: the value \"1\\r\\n2\" holds CR: it could inject a header or a message");
        assertThatThrownBy(() -> HeadWriter.response(200, "OK").field("X-A", "1\u00002"))
                .hasMessageContaining("holds NUL");
    }

    @Test
    void theGuardCoversTheStartLineOfBothEnds() {
        assertThatThrownBy(() -> HeadWriter.request("GET", "/a HTTP/1.1\r\nHost: evil\r\n\r\nGET /b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request target");
        assertThatThrownBy(() -> HeadWriter.request("GET", "/a b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds a space");
        assertThatThrownBy(() -> HeadWriter.request("GE\nT", "/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("method");
        assertThatThrownBy(() -> HeadWriter.response(200, "OK\r\nSet-Cookie: a=b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason phrase");
        assertThatThrownBy(() -> HeadWriter.response(200, "O\u0000K"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds NUL");
        assertThatThrownBy(() -> HeadWriter.response(42, "OK"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("three digits");
    }
}
