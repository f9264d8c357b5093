package io.asyncio4j.http.web;

import io.asyncio4j.http.internal.HttpDates;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * aiohttp's {@code AccessLogger}: one line per answered request, in aiohttp's (Apache's) format language, logged at
 * {@code INFO} on a {@link System.Logger}, by default the one named {@value #LOGGER_NAME} (aiohttp's
 * {@code aiohttp.access}). The format is compiled once, when the logger is made, into a list of appenders; each
 * request's line is built by running them.
 *
 * <table class="striped">
 * <caption>Atoms</caption>
 * <tr><th>Atom</th><th>Meaning</th></tr>
 * <tr><td>{@code %%}</td><td>the percent sign</td></tr>
 * <tr><td>{@code %a}</td><td>the client's IP address ({@link Request#remote()}; the proxy's behind a reverse
 *     proxy), {@code -} if unknown (a Unix domain socket)</td></tr>
 * <tr><td>{@code %t}</td><td>when the request started (its head arrived), local time:
 *     {@code [05/Dec/2026:01:02:03 +0000]}</td></tr>
 * <tr><td>{@code %P}</td><td>the process id, as {@code <4242>}</td></tr>
 * <tr><td>{@code %r}</td><td>the request line: {@code GET /path?q=1 HTTP/1.1} (the target as sent);
 *     {@code -} for an answer made before a request line was read</td></tr>
 * <tr><td>{@code %s}</td><td>the response's status</td></tr>
 * <tr><td>{@code %b}</td><td>the bytes sent for the response, its head included ({@link Response#bodyLength()},
 *     aiohttp's {@code body_length})</td></tr>
 * <tr><td>{@code %T}</td><td>the time taken, in whole seconds (rounded half to even, as Python's
 *     {@code round})</td></tr>
 * <tr><td>{@code %Tf}</td><td>the time taken, in seconds with six decimals ({@code 0.001234})</td></tr>
 * <tr><td>{@code %D}</td><td>the time taken, in microseconds</td></tr>
 * <tr><td>{@code %{NAME}i}</td><td>the request's header {@code NAME} (any case; the first value), {@code -} if
 *     absent</td></tr>
 * <tr><td>{@code %{NAME}o}</td><td>the response's header {@code NAME}, as its {@link Response#headers()} hold it
 *     ({@code Content-Type} also as set with {@link Response#contentType(String)}); {@code -} if absent, which the
 *     fields the server adds while writing the head ({@code Content-Length}, {@code Date}, {@code Server},
 *     {@code Connection}) are</td></tr>
 * </table>
 *
 * <p>{@code NAME} is letters, digits, {@code -} and {@code _}. As in aiohttp, anything else is copied as it is: an
 * unknown atom ({@code %X}), a <code>%{</code> that does not start a well-formed {@code %{NAME}i} or {@code %{NAME}o}.
 * Refused with {@link IllegalArgumentException}: a {@code %} that ends the format (aiohttp fails on it when
 * logging), {@code %O} and {@code %{NAME}e} (aiohttp's pattern accepts both but has nothing to write for them, and
 * its constructor fails). One difference: aiohttp's pattern reads {@code %%P} as a percent sign and then
 * {@code %P}; here, as in Apache and as aiohttp documents, {@code %%} is a percent sign and {@code P} is text.
 *
 * <p><b>Off by default.</b> aiohttp logs every request unless told not to, through a Python logger that stays silent
 * until the application configures logging. A {@code System.Logger} is not silent: backed by
 * {@code java.util.logging}, its default console handler would print every line on standard error. So a server has
 * no access log unless its {@link ServerOptions} ask for one ({@link ServerOptions#withAccessLog()}), and then the
 * application decides where the lines go by configuring the logger {@value #LOGGER_NAME}.
 *
 * <p><b>Cost.</b> The server asks {@link #enabled()} ({@code isLoggable(INFO)}) once per request: when the logger
 * would drop the line, nothing is timed or built. Otherwise the line is built in one {@code StringBuilder} sized by
 * the last line, with the {@code %t} text cached per second and the {@code %a} text per client address.
 *
 * <p>Thread-safe: immutable but for two caches of immutable pairs, the {@code %t} text of the current second and the
 * {@code %a} text of the last client address.
 * {@link #log} runs on the server loop's thread; an exception while building the line is logged at {@code ERROR}
 * ("Error in logging", as aiohttp) on the same logger, not thrown.
 */
public final class AccessLogger implements AbstractAccessLogger {
    /** aiohttp's default format, Apache's combined log format: {@value}. */
    public static final String LOG_FORMAT = "%a %t \"%r\" %s %b \"%{Referer}i\" \"%{User-Agent}i\"";

    /** The name of the default logger: {@value}. */
    public static final String LOGGER_NAME = "io.asyncio4j.http.access";

    /** One piece of a line: a literal, or one atom's value for a request. */
    @FunctionalInterface
    private interface Appender {
        void append(StringBuilder b, Request request, Response response, double time);
    }

    /** The {@code %t} text of one second, cached: one immutable pair, so that no reader mixes two. */
    private record Stamp(long second, String text) {
    }

    /** The {@code %a} text of the last client address seen: requests of one connection share the address object. */
    private record Remote(java.net.InetAddress address, String text) {
    }

    private final System.Logger logger;
    private final String format;
    private final Appender[] appenders;
    private final Clock clock;
    private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, "");
    /** Racy by design: a stale or missed entry is only formatted again (its fields are final, so never torn). */
    private Remote remote = new Remote(null, "-");
    /** The length of the last line built: the next builder's capacity (a racy hint, any value works). */
    private int sizeHint = 128;

    /**
     * The default logger ({@value #LOGGER_NAME}) with the default format ({@link #LOG_FORMAT}).
     */
    public AccessLogger() {
        this(System.getLogger(LOGGER_NAME), LOG_FORMAT);
    }

    /**
     * The default logger ({@value #LOGGER_NAME}) with {@code format}.
     *
     * @param format the format; not null
     * @throws IllegalArgumentException if the format is bad (see the class comment), naming the problem
     * @throws NullPointerException     if {@code format} is null
     */
    public AccessLogger(String format) {
        this(System.getLogger(LOGGER_NAME), format);
    }

    /**
     * aiohttp's {@code AccessLogger(logger, log_format)}.
     *
     * @param logger the logger the lines go to, at {@code INFO}; not null
     * @param format the format; not null
     * @throws IllegalArgumentException if the format is bad (see the class comment), naming the problem
     * @throws NullPointerException     if an argument is null
     */
    public AccessLogger(System.Logger logger, String format) {
        this(logger, format, Clock.systemDefaultZone());
    }

    /** With {@code clock} for {@code %t} (its time and its zone's offset): tests. */
    AccessLogger(System.Logger logger, String format, Clock clock) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.format = Objects.requireNonNull(format, "format");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.appenders = compile(format);
    }

    /** {@return the logger the lines go to} */
    public System.Logger logger() {
        return logger;
    }

    /** {@return the format, as given} */
    public String format() {
        return format;
    }

    /**
     * Whether the logger would record a line at {@code INFO} now.
     *
     * @return {@code logger().isLoggable(INFO)}
     */
    @Override
    public boolean enabled() {
        return logger.isLoggable(Level.INFO);
    }

    /**
     * Logs the line for {@code request} at {@code INFO}; an exception while building it is logged at {@code ERROR}
     * instead.
     *
     * @param request  the request
     * @param response the response sent
     * @param time     seconds the request took
     */
    @Override
    public void log(Request request, Response response, double time) {
        String line;
        try {
            line = line(request, response, time);
        } catch (RuntimeException e) {
            logger.log(Level.ERROR, "Error in logging", e);
            return;
        }
        logger.log(Level.INFO, line);
    }

    /** The line for {@code request}, as {@link #log} writes it. */
    String line(Request request, Response response, double time) {
        StringBuilder b = new StringBuilder(sizeHint);
        for (Appender a : appenders) {
            a.append(b, request, response, time);
        }
        sizeHint = b.length() + 16;
        return b.toString();
    }

    // ---- compiling ----

    private Appender[] compile(String f) {
        List<Appender> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        int n = f.length();
        while (i < n) {
            char c = f.charAt(i);
            if (c != '%') {
                text.append(c);
                i++;
                continue;
            }
            if (i + 1 >= n) {
                throw new IllegalArgumentException("access log format ends with a lone '%' (write %% for a percent"
                        + " sign): " + f);
            }
            char a = f.charAt(i + 1);
            Appender atom = null;
            int next = i + 2;
            switch (a) {
                case '%' -> {
                    text.append('%');
                    i = next;
                    continue;
                }
                case 'a' -> atom = this::remote;
                case 't' -> atom = this::startTime;
                case 'P' -> {
                    String pid = "<" + ProcessHandle.current().pid() + ">";
                    atom = (b, q, r, t) -> b.append(pid);
                }
                case 'r' -> atom = AccessLogger::requestLine;
                case 's' -> atom = (b, q, r, t) -> b.append(r.status());
                case 'b' -> atom = (b, q, r, t) -> b.append(r.bodyLength());
                case 'T' -> {
                    if (next < n && f.charAt(next) == 'f') {
                        next++;
                        atom = AccessLogger::secondsWithFraction;
                    } else {
                        atom = (b, q, r, t) -> b.append((long) Math.rint(t));
                    }
                }
                case 'D' -> atom = (b, q, r, t) -> b.append((long) Math.rint(t * 1_000_000));
                case 'O' -> throw new IllegalArgumentException("access log format: %O is not supported (aiohttp's"
                        + " pattern accepts it but writes nothing for it; %b is the bytes sent): " + f);
                case '{' -> {
                    int close = f.indexOf('}', i + 2);
                    if (close > i + 2 && close + 1 < n && validName(f, i + 2, close)) {
                        String name = f.substring(i + 2, close);
                        char kind = f.charAt(close + 1);
                        if (kind == 'e') {
                            throw new IllegalArgumentException("access log format: %{" + name + "}e (an environment"
                                    + " variable) is not supported (aiohttp documents it but rejects it): " + f);
                        }
                        if (kind == 'i') {
                            atom = (b, q, r, t) -> orDash(b, q.headers().get(name));
                        } else if (kind == 'o') {
                            atom = (b, q, r, t) -> orDash(b, responseHeader(r, name));
                        }
                        next = close + 2;
                    }
                }
                default -> {
                }
            }
            if (atom == null) {
                text.append('%'); // not an atom: copied as it is, as aiohttp does
                i++;
                continue;
            }
            flush(text, out);
            out.add(atom);
            i = next;
        }
        flush(text, out);
        return out.toArray(Appender[]::new);
    }

    private static void flush(StringBuilder text, List<Appender> out) {
        if (!text.isEmpty()) {
            String s = text.toString();
            out.add((b, q, r, t) -> b.append(s));
            text.setLength(0);
        }
    }

    /** aiohttp's header names in a format: {@code [A-Za-z0-9\-_]+}. */
    private static boolean validName(String f, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = f.charAt(k);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    // ---- atoms ----

    private static void orDash(StringBuilder b, String value) {
        b.append(value != null ? value : "-");
    }

    /**
     * {@link Request#remote()}, formatted once per run of requests from one address rather than once per request.
     * Equal addresses, not the same object: each connection has its own, and the requests of many connections from
     * one address (a reverse proxy's, a browser's several) interleave.
     */
    private void remote(StringBuilder b, Request q, Response r, double t) {
        java.net.InetSocketAddress a = q.remoteAddress();
        if (a == null) {
            b.append('-');
            return;
        }
        Remote c = remote;
        if (!sameText(a.getAddress(), c.address())) {
            c = new Remote(a.getAddress(), q.remote());
            remote = c;
        }
        b.append(c.text());
    }

    /** Whether {@code x} prints as {@code y} does: equal, and for IPv6 with the same scope (part of the text). */
    private static boolean sameText(java.net.InetAddress x, java.net.InetAddress y) {
        return x.equals(y) && (!(x instanceof java.net.Inet6Address x6)
                || x6.getScopeId() == ((java.net.Inet6Address) y).getScopeId()
                && java.util.Objects.equals(x6.getScopedInterface(), ((java.net.Inet6Address) y).getScopedInterface()));
    }

    private static void requestLine(StringBuilder b, Request q, Response r, double t) {
        if (q.method().isEmpty()) {
            b.append('-'); // an answer made before a request line was read
            return;
        }
        b.append(q.method()).append(' ').append(q.rawPath()).append(' ').append(q.version());
    }

    private static String responseHeader(Response r, String name) {
        String v = r.headers().get(name);
        if (v == null && name.equalsIgnoreCase("Content-Type")) {
            v = r.contentTypeHeader();
        }
        return v;
    }

    /** Python's {@code "%06f" % t}: six decimals. */
    private static void secondsWithFraction(StringBuilder b, Request q, Response r, double t) {
        long micros = Math.round(Math.abs(t) * 1_000_000);
        if (t < 0) {
            b.append('-');
        }
        b.append(micros / 1_000_000).append('.');
        String frac = Long.toString(micros % 1_000_000);
        b.append("000000", 0, 6 - frac.length()).append(frac);
    }

    /** When the request started: now less its time, in the clock's zone, the text cached per second. */
    private void startTime(StringBuilder b, Request q, Response r, double t) {
        long second = Math.floorDiv(clock.millis() - Math.round(t * 1000), 1000);
        Stamp s = stamp;
        if (s.second() != second) {
            int offset = clock.getZone().getRules().getOffset(Instant.ofEpochSecond(second)).getTotalSeconds();
            s = new Stamp(second, HttpDates.commonLog(second, offset));
            stamp = s;
        }
        b.append(s.text());
    }
}
