package io.asyncio4j.http.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** HTTP dates (RFC 9110 IMF-fixdate, {@code Thu, 01 Jan 1970 00:00:00 GMT}) to and from epoch seconds. */
public final class HttpDates {
    private HttpDates() {
    }

    /** {@code epochSecond} as an HTTP date. */
    public static String format(long epochSecond) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond),
                ZoneOffset.UTC));
    }

    /** The epoch second of an HTTP date, or null if {@code value} is null or not one (aiohttp ignores those). */
    public static Long parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
