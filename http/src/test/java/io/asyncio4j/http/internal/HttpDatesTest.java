package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpDates}: IMF-fixdate written, the three forms of RFC 9110 read, and the current date of the {@code Date}
 * field.
 */
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
    void parsesTheThreeFormsRfc9110RequiresRecipientsToAccept() {
        // The example of RFC 9110 section 5.6.7 in its three forms; aiohttp's parse_http_date gives 784111777 for each.
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(784111777L);
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(784111777L);
        assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994")).isEqualTo(784111777L);
        assertThat(HttpDates.parse("Sun Nov 6 08:49:37 1994")).isEqualTo(784111777L);
        assertThat(HttpDates.parse("Sun Nov 16 08:49:37 1994")).isEqualTo(784111777L + 10 * 86400);
        // aiohttp's leniency: case, a missing day name, the zone's spelling, a one-digit hour, a two-digit year
        assertThat(HttpDates.parse("sun, 06 nov 1994 08:49:37 gmt")).isEqualTo(784111777L);
        assertThat(HttpDates.parse("06 Nov 1994 08:49:37 GMT")).isEqualTo(784111777L);
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 UTC")).isEqualTo(784111777L);
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37")).isEqualTo(784111777L);
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 8:49:37 GMT")).isEqualTo(784111777L);
        assertThat(HttpDates.parse("Sun, 06 Nov 94 08:49:37 GMT")).isEqualTo(784111777L);
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 09:49:37 +0100")).isEqualTo(784111777L);
        assertThat(HttpDates.parse("Thursday, 01-Jan-1970 00:00:00 GMT")).isEqualTo(0L);
        for (String bad : new String[] {"", "yesterday", "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
                "Sun, 06 Nov 1994 08:60:37 GMT", "Sun, 06 Nov 1994 08:49:37 CET", "Sun, 06 Foo 1994 08:49:37 GMT",
                "Sun, 06 Nov 1994", "Sun, 06 Nov 994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT x",
                "Sun Nov  6 08:49:37 1994 GMT", "Sun Nov  6 08:49 1994", "Funday, 06-Nov-94 08:49:37 GMT",
                "Sun, 00 Nov 1994 08:49:37 GMT", "\"67ab43-d\"", "Sun, 06 Nov 1994 08:49:37 +01"}) {
            assertThat(HttpDates.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void aTwoDigitYearMoreThanFiftyYearsAheadIsInThePastCentury() {
        // RFC 9110 5.6.7, in 2026: 76 is 2076 (50 years ahead), 77 would be 2077 (51): 1977
        long y2076 = LocalDate.of(2076, 1, 1).toEpochDay() * 86400;
        long y1977 = LocalDate.of(1977, 1, 1).toEpochDay() * 86400;
        assertThat(HttpDates.parse("Wednesday, 01-Jan-76 00:00:00 GMT", 2026)).isEqualTo(y2076);
        assertThat(HttpDates.parse("Saturday, 01-Jan-77 00:00:00 GMT", 2026)).isEqualTo(y1977);
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT", 2026)).isEqualTo(784111777L);
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT", 2050)).isEqualTo(
                LocalDate.of(2094, 11, 6).toEpochDay() * 86400 + 8 * 3600 + 49 * 60 + 37);
        // late in a century, small digits are the next one (not more than 50 years ahead)
        assertThat(HttpDates.parse("Saturday, 01-Jan-01 00:00:00 GMT", 2090)).isEqualTo(
                LocalDate.of(2101, 1, 1).toEpochDay() * 86400);
        // four digits are taken as they are
        assertThat(HttpDates.parse("Sunday, 06-Nov-2094 08:49:37 GMT", 2026)).isEqualTo(
                LocalDate.of(2094, 11, 6).toEpochDay() * 86400 + 8 * 3600 + 49 * 60 + 37);
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
