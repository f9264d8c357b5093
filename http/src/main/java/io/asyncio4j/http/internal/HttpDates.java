package io.asyncio4j.http.internal;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * HTTP dates (RFC 9110 IMF-fixdate, {@code Thu, 01 Jan 1970 00:00:00 GMT}) to and from epoch seconds, and the
 * current one for {@code Date} fields. Thread-safe: the server's loops (one per worker) share the cached date.
 */
public final class HttpDates {
    /** The current second's date, formatted once per second; one immutable pair, so that no reader mixes two. */
    private record Cached(long second, String value) {
    }

    // IMF-fixdate's names are fixed English tokens, written from these tables: a DateTimeFormatter with
    // Locale.US loads the JDK's locale data for them, ~10 ms on a server's first response (docs/startup.md).
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

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
     * {@code epochSecond} as an HTTP date: RFC 9110's IMF-fixdate, with a two-digit day ({@code 01 Jan}, as Python's
     * {@code formatdate} writes; {@link DateTimeFormatter#RFC_1123_DATE_TIME} writes {@code 1 Jan}) and the year of
     * the era in at least four digits.
     *
     * @param epochSecond seconds since 1970-01-01T00:00:00Z
     * @return the date
     */
    public static String format(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        int year = t.getYear() >= 1 ? t.getYear() : 1 - t.getYear();
        StringBuilder b = new StringBuilder(29).append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
        twoDigits(b, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
        String y = Integer.toString(year);
        b.append("0000", 0, Math.max(0, 4 - y.length())).append(y).append(' ');
        twoDigits(b, t.getHour()).append(':');
        twoDigits(b, t.getMinute()).append(':');
        return twoDigits(b, t.getSecond()).append(" GMT").toString();
    }

    private static StringBuilder twoDigits(StringBuilder b, int n) {
        return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
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
