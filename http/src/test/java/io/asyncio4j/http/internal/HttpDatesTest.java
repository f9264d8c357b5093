package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
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
    void formatMatchesTheJdkFormatterOfTheSamePattern() {
        // The formatter the tables replace (it loads the JDK's locale data): the same text for any second.
        DateTimeFormatter jdk = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
        SplittableRandom random = new SplittableRandom(16);
        long[] edges = {0, -1, 1, 951782400L /* 2000-02-29 */, 4107542399L /* 2100-02-28T23:59:59 */,
                253402300799L /* 9999-12-31T23:59:59 */, -62135596800L /* 0001 */,
                -62135596801L /* the last second of 1 BCE */, -62198755200L /* 2 BCE */};
        for (long s : edges) {
            assertThat(HttpDates.format(s)).as("second %d", s)
                    .isEqualTo(jdk.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(s), ZoneOffset.UTC)));
        }
        // Past 9999 the JDK writes "+10000"; the year's digits alone are written here (no such file time exists).
        assertThat(HttpDates.format(253402300800L)).isEqualTo("Sat, 01 Jan 10000 00:00:00 GMT");
        for (int i = 0; i < 20_000; i++) {
            long s = random.nextLong(-70_000_000_000L, 253_402_300_800L);
            assertThat(HttpDates.format(s)).as("second %d", s)
                    .isEqualTo(jdk.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(s), ZoneOffset.UTC)));
        }
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
