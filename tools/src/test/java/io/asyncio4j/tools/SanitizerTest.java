package io.asyncio4j.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a target sends is printed with every control, escape and invisible reordering character escaped. */
class SanitizerTest {
    @Test
    void plainTextIsUnchanged() {
        assertThat(Sanitizer.clean("Task-1 worker.fetch io/x/Main.java:12 ünïcödé 任务 😀"))
                .isEqualTo("Task-1 worker.fetch io/x/Main.java:12 ünïcödé 任务 😀");
    }

    @Test
    void controlsAndEscapesAreEscaped() {
        assertThat(Sanitizer.clean("\u001b[2J\u001b]0;title\u0007")).isEqualTo("\\x1b[2J\\x1b]0;title\\x07");
        assertThat(Sanitizer.clean("a\nb\rc\td\u0000e\u007f")).isEqualTo("a\\x0ab\\x0dc\\x09d\\x00e\\x7f");
        assertThat(Sanitizer.clean("\u009b31m\u0085")).isEqualTo("\\x9b31m\\x85");
    }

    @Test
    void aBackslashIsDoubledSoThatEscapesAreUnambiguous() {
        assertThat(Sanitizer.clean("\\x1b")).isEqualTo("\\\\x1b");
    }

    @Test
    void bidiControlsInvisibleCharactersAndLoneSurrogatesAreEscaped() {
        assertThat(Sanitizer.clean("abc\u202edcba\u2066\u2069\u200b")).isEqualTo("abc\\u202edcba\\u2066\\u2069\\u200b");
        assertThat(Sanitizer.clean("x\ud800y\udc00")).isEqualTo("x\\ud800y\\udc00");
        assertThat(Sanitizer.clean("line\u2028sep")).isEqualTo("line\\u2028sep");
        assertThat(Sanitizer.clean("tag\udb40\udc01")).isEqualTo("tag\\udb40\\udc01"); // U+E0001, a format character
    }
}
