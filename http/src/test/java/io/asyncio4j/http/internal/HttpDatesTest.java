package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link HttpDates}: IMF-fixdate both ways, and the current date of the {@code Date} field. */
class HttpDatesTest {
    @Test
    void formatsAndParsesImfFixdate() {
        assertThat(HttpDates.format(0)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
        assertThat(HttpDates.format(784111777)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(784111777L);
        assertThat(HttpDates.parse(" Sun, 6 Nov 1994 08:49:37 GMT ")).isEqualTo(784111777L);
        assertThat(HttpDates.parse("yesterday")).isNull();
        assertThat(HttpDates.parse(null)).isNull();
    }

    @Test
    void nowIsTheCurrentSecond() {
        long before = System.currentTimeMillis() / 1000;
        Long now = HttpDates.parse(HttpDates.now());
        long after = System.currentTimeMillis() / 1000;
        assertThat(now).isBetween(before, after);
        assertThat(HttpDates.now()).endsWith(" GMT");
    }
}
