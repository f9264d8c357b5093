package io.asyncio4j.http.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * HTTP dates (RFC 9110 IMF-fixdate, {@code Thu, 01 Jan 1970 00:00:00 GMT}) to and from epoch seconds, and the
 * current one for {@code Date} fields. Thread-safe: the server's loops (one per worker) share the cached date.
 */
public final class HttpDates {
    /** The current second's date, formatted once per second; one immutable pair, so that no reader mixes two. */
    private record Cached(long second, String value) {
    }

    /**
     * RFC 9110's IMF-fixdate: a two-digit day ({@link DateTimeFormatter#RFC_1123_DATE_TIME} writes {@code 1 Jan};
     * IMF-fixdate and Python's {@code formatdate} write {@code 01 Jan}).
     */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private static volatile Cached current = new Cached(Long.MIN_VALUE, "");

    private HttpDates() {
    }

    /**
     * The current time as an HTTP date (the {@code Date} field of a response), formatted at most once per second.
     *
     * @return the date
     */
    public static String now() {
        long second = System.currentTimeMillis() / 1000;
        Cached c = current;
        if (c.second() != second) {
            c = new Cached(second, format(second));
            current = c;
        }
        return c.value();
    }

    /**
     * {@code epochSecond} as an HTTP date.
     *
     * @param epochSecond seconds since 1970-01-01T00:00:00Z
     * @return the date
     */
    public static String format(long epochSecond) {
        return IMF_FIXDATE.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    /**
     * The epoch second of an HTTP date.
     *
     * @param value an HTTP date, or null
     * @return its epoch second, or null if {@code value} is null or not one (aiohttp ignores those)
     */
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
