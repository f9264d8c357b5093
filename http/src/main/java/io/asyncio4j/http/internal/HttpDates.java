package io.asyncio4j.http.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * HTTP dates to and from epoch seconds: written as RFC 9110's IMF-fixdate ({@code Thu, 01 Jan 1970 00:00:00 GMT}),
 * read in the three forms RFC 9110 requires recipients to accept; and the current one for {@code Date} fields.
 * Thread-safe: the server's loops (one per worker) share the cached date.
 */
public final class HttpDates {
    /** The current second's date, formatted once per second; one immutable pair, so that no reader mixes two. */
    private record Cached(long second, String value) {
    }

    // IMF-fixdate's names are fixed English tokens, written from these tables: a DateTimeFormatter with
    // Locale.US loads the JDK's locale data for them, ~10 ms on a server's first response (docs/startup.md).
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    /** RFC 850's full day names, which only parsing reads. */
    private static final String[] DAY_NAMES =
            {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
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
     * {@code formatdate} writes; {@link java.time.format.DateTimeFormatter#RFC_1123_DATE_TIME} writes
     * {@code 1 Jan}) and the year of the era in at least four digits.
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

    /**
     * {@code epochSecond} as the Common Log Format writes a time, as aiohttp's access log does ({@code %t}):
     * {@code [05/Dec/2026:01:02:03 +0100]}, the local time at {@code offsetSeconds} from UTC with that offset in
     * hours and minutes, the year in at least four digits. From the same tables as {@link #format}, with no locale
     * data.
     *
     * @param epochSecond   seconds since 1970-01-01T00:00:00Z
     * @param offsetSeconds the local offset from UTC, in seconds (-18:00 to +18:00)
     * @return the bracketed time
     */
    public static String commonLog(long epochSecond, int offsetSeconds) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.ofTotalSeconds(offsetSeconds));
        StringBuilder b = new StringBuilder(28).append('[');
        twoDigits(b, t.getDayOfMonth()).append('/').append(MONTHS[t.getMonthValue() - 1]).append('/');
        int year = t.getYear();
        String y = Integer.toString(Math.abs(year));
        b.append(year < 0 ? "-" : "").append("0000", 0, Math.max(0, 4 - y.length())).append(y).append(':');
        twoDigits(b, t.getHour()).append(':');
        twoDigits(b, t.getMinute()).append(':');
        twoDigits(b, t.getSecond()).append(' ').append(offsetSeconds < 0 ? '-' : '+');
        int minutes = Math.abs(offsetSeconds) / 60;
        twoDigits(b, minutes / 60);
        return twoDigits(b, minutes % 60).append(']').toString();
    }

    private static StringBuilder twoDigits(StringBuilder b, int n) {
        return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    /**
     * The epoch second of an HTTP date in any of the three forms RFC 9110 section 5.6.7 requires recipients to
     * accept: IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}), the obsolete RFC 850 form
     * ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and ANSI C's asctime form ({@code Sun Nov  6 08:49:37 1994}). As
     * aiohttp's ({@code email.utils.parsedate}), it is lenient where that costs nothing: names in any case, a one-digit
     * day or hour, a missing day name, {@code UTC}/{@code UT} or a numeric offset ({@code +0100}, applied) for
     * {@code GMT}, the zone left out. A two-digit year is read as RFC 9110 says: the year of this century with those
     * digits, unless that is more than 50 years in the future, then the century before. The day name is not checked
     * against the date. Parsed by hand, with no formatter or locale data.
     *
     * @param value an HTTP date, or null
     * @return its epoch second, or null if {@code value} is null or not one (aiohttp ignores those)
     */
    public static Long parse(String value) {
        if (value == null) {
            return null;
        }
        return parse(value, LocalDateTime.ofEpochSecond(System.currentTimeMillis() / 1000, 0, ZoneOffset.UTC)
                .getYear());
    }

    /** As {@link #parse(String)}, with two-digit years read relative to {@code currentYear}. */
    static Long parse(String value, int currentYear) {
        Scanner in = new Scanner(value.trim());
        int day;
        int month;
        if (Character.isDigit(in.peek())) {                 // IMF-fixdate without its day name
            return fixdate(in, currentYear);
        }
        String name = in.word();
        if (dayIndex(name) < 0) {
            return null;
        }
        if (in.accept(',')) {
            in.spaces();
            int start = in.pos;
            in.digits(1, 2);
            boolean rfc850 = in.peek() == '-';
            in.pos = start;
            if (!rfc850) {
                return fixdate(in, currentYear);
            }
            day = in.digits(1, 2);                          // Sunday, 06-Nov-94 08:49:37 GMT
            if (!in.accept('-') || (month = monthIndex(in.word())) < 0 || !in.accept('-')) {
                return null;
            }
            return yearTimeZone(in, currentYear, month, day);
        }
        if (!in.spaces() || (month = monthIndex(in.word())) < 0 || !in.spaces()) {
            return null;                                    // Sun Nov  6 08:49:37 1994
        }
        day = in.digits(1, 2);
        int[] hms = in.spaces() ? in.time() : null;
        if (hms == null || !in.spaces()) {
            return null;
        }
        int at = in.pos;
        int year = in.digits(2, 4);
        int yearDigits = in.pos - at;
        return in.atEnd() && yearDigits != 3 ? epochSecond(year, yearDigits == 2, currentYear, month, day, hms, 0)
                : null;
    }

    /** The rest of an IMF-fixdate after its day name: {@code 06 Nov 1994 08:49:37 GMT}. */
    private static Long fixdate(Scanner in, int currentYear) {
        int day = in.digits(1, 2);
        int month;
        if (!in.spaces() || (month = monthIndex(in.word())) < 0 || !in.spaces()) {
            return null;
        }
        return yearTimeZone(in, currentYear, month, day);
    }

    /** The rest of IMF-fixdate and RFC 850 after the month: a year of two or four digits, the time, the zone. */
    private static Long yearTimeZone(Scanner in, int currentYear, int month, int day) {
        int at = in.pos;
        int year = in.digits(2, 4);
        int yearDigits = in.pos - at;
        int[] hms = in.spaces() ? in.time() : null;
        return hms == null || yearDigits == 3 ? null
                : epochSecond(year, yearDigits == 2, currentYear, month, day, hms, in.zone());
    }

    /** The epoch second of a date read, or null if it does not exist (31 Feb) or {@code offset} is invalid. */
    private static Long epochSecond(int year, boolean twoDigitYear, int currentYear, int month, int day, int[] hms,
                                    Integer offset) {
        if (year < 0 || day < 1 || offset == null) {
            return null;
        }
        if (twoDigitYear) {
            // RFC 9110 5.6.7: "more than 50 years in the future" is the most recent past year with those digits.
            year += currentYear - Math.floorMod(currentYear, 100);
            if (year > currentYear + 50) {
                year -= 100;
            } else if (year <= currentYear - 50) {
                year += 100;
            }
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;                                    // 31 Feb and the like
        }
        return days * 86_400 + hms[0] * 3600L + hms[1] * 60L + hms[2] - offset;
    }

    private static int dayIndex(String name) {
        for (int i = 0; i < DAYS.length; i++) {
            if (name.equalsIgnoreCase(DAYS[i]) || name.equalsIgnoreCase(DAY_NAMES[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The month of {@code name}, 1 to 12, or -1. */
    private static int monthIndex(String name) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (name.equalsIgnoreCase(MONTHS[i])) {
                return i + 1;
            }
        }
        return -1;
    }

    /** A cursor over a date's characters; a failed read leaves a value that makes the caller return null. */
    private static final class Scanner {
        private final String s;
        int pos;

        Scanner(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        boolean atEnd() {
            return pos == s.length();
        }

        boolean accept(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        /** Skips one space or more; whether there was one. */
        boolean spaces() {
            int start = pos;
            while (peek() == ' ') {
                pos++;
            }
            return pos > start;
        }

        /** ASCII letters, possibly none. */
        String word() {
            int start = pos;
            while (pos < s.length() && ((s.charAt(pos) | 0x20) >= 'a' && (s.charAt(pos) | 0x20) <= 'z')) {
                pos++;
            }
            return s.substring(start, pos);
        }

        /** {@code min} to {@code max} ASCII digits as a number, or -1 (the position then is not to be trusted). */
        int digits(int min, int max) {
            int n = 0;
            int count = 0;
            while (count < max && peek() >= '0' && peek() <= '9') {
                n = n * 10 + (s.charAt(pos++) - '0');
                count++;
            }
            return count >= min ? n : -1;
        }

        /** {@code H[H]:MM:SS} as hour, minute and second, or null if it is not a time of day. */
        int[] time() {
            int h = digits(1, 2);
            if (h < 0 || h > 23 || !accept(':')) {
                return null;
            }
            int m = digits(2, 2);
            if (m < 0 || m > 59 || !accept(':')) {
                return null;
            }
            int sec = digits(2, 2);
            return sec < 0 || sec > 59 ? null : new int[] {h, m, sec};
        }

        /**
         * The zone at the end, as seconds east of UTC: {@code GMT}, {@code UTC}, {@code UT} or none (0), or
         * {@code +HHMM}/{@code -HHMM}; null if anything else follows.
         */
        Integer zone() {
            if (atEnd()) {
                return 0;
            }
            if (!spaces()) {
                return null;
            }
            if (atEnd()) {
                return 0;
            }
            int offset;
            if (peek() == '+' || peek() == '-') {
                int sign = s.charAt(pos++) == '-' ? -1 : 1;
                int start = pos;
                int hhmm = digits(4, 4);
                if (hhmm < 0 || pos - start != 4 || hhmm % 100 > 59) {
                    return null;
                }
                offset = sign * (hhmm / 100 * 3600 + hhmm % 100 * 60);
            } else {
                String z = word();
                if (!z.equalsIgnoreCase("GMT") && !z.equalsIgnoreCase("UTC") && !z.equalsIgnoreCase("UT")) {
                    return null;
                }
                offset = 0;
            }
            spaces();
            return atEnd() ? offset : null;
        }
    }
}
