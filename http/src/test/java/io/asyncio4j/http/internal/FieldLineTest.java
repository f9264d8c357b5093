package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FieldLineTest {
    private static FieldLine parse(String line) {
        FieldLine f = new FieldLine();
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        f.parse(b, b.length);
        return f;
    }

    private static void refused(String line, String reason) {
        assertThatThrownBy(() -> parse(line)).as(line).isInstanceOf(HttpParseException.class)
                .hasMessageContaining(reason).satisfies(e -> assertThat(((HttpParseException) e).status())
                        .isEqualTo(400));
    }

    @Test
    void splitsTheNameAndTheValueWithoutSurroundingWhitespace() {
        FieldLine f = parse("Content-Type: \t text/html; charset=ISO-8859-1 \t");
        assertThat(f.name()).isEqualTo("Content-Type");
        assertThat(f.value()).isEqualTo("text/html; charset=ISO-8859-1");
        assertThat(parse("X:y").value()).isEqualTo("y");
        assertThat(parse("X:").value()).isEmpty();
        assertThat(parse("X:   ").value()).isEmpty();
        assertThat(parse("x-A!#$%&'*+.^_`|~9:  a  b  ").value()).isEqualTo("a  b");
    }

    @Test
    void keepsObsTextByteForByte() {
        assertThat(parse("X: caf\u00e9 \u00ff").value()).isEqualTo("caf\u00e9 \u00ff");
    }

    @Test
    void refusesWhatRfc9112Refuses() {
        refused("No colon", "without a colon");
        refused("X : y", "whitespace before a header field's colon");
        refused("X\t: y", "whitespace before a header field's colon");
        refused(" X: y", "obsolete line folding");
        refused(": y", "an empty header field name");
        refused("X@: y", "character 0x40 in a header field name");
        refused("X\u00e9: y", "in a header field name");
        refused("X: a\u0000b", "control character 0x0");
        refused("X: a\u007f", "control character 0x7f");
        refused("X: a\rb", "control character 0xd");
    }

    @Test
    void namesCompareIgnoringCase() {
        assertThat(FieldLine.is("content-LENGTH", "Content-Length")).isTrue();
        assertThat(FieldLine.is("Content-Lengths", "Content-Length")).isFalse();
    }
}
