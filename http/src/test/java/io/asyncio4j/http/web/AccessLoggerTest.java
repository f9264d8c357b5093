package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.internal.HttpDates;
import io.asyncio4j.http.internal.RequestHead;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** {@link AccessLogger}'s format language, atom by atom, as aiohttp's {@code web_log.py} and its tests define it. */
class AccessLoggerTest {
    /** 2026-12-05T01:02:03.500Z. */
    private static final Instant NOW = Instant.parse("2026-12-05T01:02:03.500Z");

    /** A System.Logger that records what it is asked, loggable or not as told. */
    static final class RecordingLogger implements System.Logger {
        final List<String> lines = new ArrayList<>();
        final List<Throwable> thrown = new ArrayList<>();
        int loggableCalls;
        boolean loggable = true;

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            loggableCalls++;
            return loggable;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable t) {
            lines.add(level + " " + msg);
            thrown.add(t);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }
    }

    private static Request request(String method, String target, String version, String... headers) {
        RequestHead head = new RequestHead(method, target, version, Headers.of(headers), -1, false, true, false);
        return new Request(new Application(), head, null, new InetSocketAddress("127.0.0.2", 40000), null);
    }

    private static Request get() {
        return request("GET", "/path?q=1", "HTTP/1.1", "Referer", "http://r/", "User-Agent", "curl/8", "H1", "a");
    }

    private static Response ok() {
        Response r = Response.text("hello").header("ETag", "\"x\"");
        r.bodyLength(42);
        return r;
    }

    private static String line(String format, Request q, Response r, double time, ZoneId zone) {
        return new AccessLogger(new RecordingLogger(), format, Clock.fixed(NOW, zone)).line(q, r, time);
    }

    private static String line(String format, double time) {
        return line(format, get(), ok(), time, ZoneOffset.UTC);
    }

    @Test
    void theDefaultFormatIsApachesCombinedLog() {
        assertThat(AccessLogger.LOG_FORMAT).isEqualTo("%a %t \"%r\" %s %b \"%{Referer}i\" \"%{User-Agent}i\"");
        assertThat(line(AccessLogger.LOG_FORMAT, 0.25)).isEqualTo(
                "127.0.0.2 [05/Dec/2026:01:02:03 +0000] \"GET /path?q=1 HTTP/1.1\" 200 42 \"http://r/\" \"curl/8\"");
    }

    @Test
    void everyAtomAsAiohttpWritesIt() {
        long pid = ProcessHandle.current().pid();
        assertThat(line("%a|%P|%r|%s|%b|%T|%Tf|%D|%{H1}i|%{h1}i|%{ETag}o", 3.1415926)).isEqualTo(
                "127.0.0.2|<" + pid + ">|GET /path?q=1 HTTP/1.1|200|42|3|3.141593|3141593|a|a|\"x\"");
    }

    /** The %a text is cached across requests: equal addresses of different connections share it, others do not. */
    @Test
    void theRemoteAddressTextFollowsEachRequestsAddress() throws Exception {
        AccessLogger log = new AccessLogger(new RecordingLogger(), "%a", Clock.fixed(NOW, ZoneOffset.UTC));
        RequestHead head = new RequestHead("GET", "/", "HTTP/1.1", Headers.of(), -1, false, true, false);
        java.util.function.Function<InetSocketAddress, Request> from =
                a -> new Request(new Application(), head, null, a, null);
        java.net.InetAddress v6 = java.net.InetAddress.getByName("fe80::1");
        List<String> out = new ArrayList<>();
        for (InetSocketAddress a : List.of(new InetSocketAddress("10.0.0.1", 1), new InetSocketAddress("10.0.0.1", 2),
                new InetSocketAddress("10.0.0.2", 3), new InetSocketAddress("10.0.0.1", 4),
                new InetSocketAddress(v6, 5),
                new InetSocketAddress(java.net.Inet6Address.getByAddress(null, v6.getAddress(), 3), 6),
                new InetSocketAddress("::1", 7))) {
            out.add(log.line(from.apply(a), ok(), 0));
        }
        assertThat(out).containsExactly("10.0.0.1", "10.0.0.1", "10.0.0.2", "10.0.0.1", "fe80:0:0:0:0:0:0:1",
                "fe80:0:0:0:0:0:0:1%3", "0:0:0:0:0:0:0:1");
    }

    @Test
    void percentPercentIsAPercentSign() {
        assertThat(line("100%% %%s %%", 0)).isEqualTo("100% %s %");
    }

    @Test
    void durationsRoundAsPythonDoes() {
        assertThat(line("%T %Tf %D", 2.5)).isEqualTo("2 2.500000 2500000");     // half to even, as round()
        assertThat(line("%T %Tf %D", 3.5)).isEqualTo("4 3.500000 3500000");
        assertThat(line("%T %Tf %D", 0.0000004)).isEqualTo("0 0.000000 0");
        assertThat(line("%T %Tf %D", 12.0000016)).isEqualTo("12 12.000002 12000002");
    }

    @Test
    void startTimeIsNowLessTheDurationInTheLocalZone() {
        assertThat(line("%t", 0)).isEqualTo("[05/Dec/2026:01:02:03 +0000]");
        assertThat(line("%t", 4)).as("started 4 s ago").isEqualTo("[05/Dec/2026:01:01:59 +0000]");
        assertThat(line("%t", get(), ok(), 0, ZoneOffset.ofHoursMinutes(8, 0)))
                .isEqualTo("[05/Dec/2026:09:02:03 +0800]");
        assertThat(line("%t", get(), ok(), 0, ZoneOffset.ofHoursMinutes(-3, -30)))
                .isEqualTo("[04/Dec/2026:21:32:03 -0330]");
        assertThat(line("%t", get(), ok(), 0, ZoneId.of("Europe/Paris"))).isEqualTo("[05/Dec/2026:02:02:03 +0100]");
    }

    @Test
    void commonLogDatesComeFromTablesWithAtLeastFourYearDigits() {
        assertThat(HttpDates.commonLog(0, 0)).isEqualTo("[01/Jan/1970:00:00:00 +0000]");
        assertThat(HttpDates.commonLog(-3_944_592_000L + 1804, 8 * 3600)).isEqualTo("[01/Jan/1845:08:30:04 +0800]");
        assertThat(HttpDates.commonLog(-62_135_596_800L, 0)).isEqualTo("[01/Jan/0001:00:00:00 +0000]");
    }

    @Test
    void missingHeadersAndAnUnknownRemoteAreDashes() {
        Request noPeer = new Request(new Application(), new RequestHead("GET", "/", "HTTP/1.0", new Headers(), -1,
                false, false, false), null, null, null);
        assertThat(line("%a %{Referer}i %{X-None}o %{Content-Length}o", noPeer, new Response(), 0, ZoneOffset.UTC))
                .isEqualTo("- - - -");
    }

    @Test
    void theResponseContentTypeIsSeenAsSentEvenWhenSetAsAType() {
        assertThat(line("%{Content-Type}o", 0)).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void unknownAtomsAndMalformedHeaderAtomsAreCopiedAsAiohttpDoes() {
        assertThat(line("%X {X} %{Foo bar}i %{Foo}x %{Foo %{}i %{ETag}", 0))
                .isEqualTo("%X {X} %{Foo bar}i %{Foo}x %{Foo %{}i %{ETag}");
        assertThat(line("plain text", 0)).isEqualTo("plain text");
        assertThat(line("", 0)).isEmpty();
    }

    @Test
    void theServersOwnAnswerBeforeAHeadHasNoRequestLine() {
        Request placeholder = request("", "", "");
        Response r = Response.text("400: Bad Request").status(400);
        assertThat(line("\"%r\" %s", placeholder, r, 0, ZoneOffset.UTC)).isEqualTo("\"-\" 400");
    }

    @Test
    void badFormatsAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> new AccessLogger(new RecordingLogger(), "%a %"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lone '%'");
        assertThatThrownBy(() -> new AccessLogger(new RecordingLogger(), "%O"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("%O is not supported");
        assertThatThrownBy(() -> new AccessLogger(new RecordingLogger(), "%{HOME}e"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("%{HOME}e");
        assertThatThrownBy(() -> new AccessLogger(new RecordingLogger(), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ServerOptions.DEFAULT.withAccessLogFormat("%s %"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lone '%'");
    }

    @Test
    void logWritesOneInfoLineAndEnabledAsksTheLogger() {
        RecordingLogger logger = new RecordingLogger();
        AccessLogger log = new AccessLogger(logger, "%s %b");
        assertThat(log.enabled()).isTrue();
        log.log(get(), ok(), 0.1);
        assertThat(logger.lines).containsExactly("INFO 200 42");
        logger.loggable = false;
        assertThat(log.enabled()).isFalse();
        assertThat(log.format()).isEqualTo("%s %b");
        assertThat(log.logger()).isSameAs(logger);
    }

    @Test
    void aFailureWhileBuildingTheLineIsLoggedAsAnErrorNotThrown() {
        RecordingLogger logger = new RecordingLogger();
        new AccessLogger(logger, "%{H1}i").log(get(), ok(), 0);
        Request broken = new Request(new Application(), new RequestHead("GET", "/", "HTTP/1.1", null, -1, false,
                true, false), null, null, null);
        new AccessLogger(logger, "%{H1}i").log(broken, ok(), 0);
        assertThat(logger.lines).containsExactly("INFO a", "ERROR Error in logging");
        assertThat(logger.thrown).singleElement().isInstanceOf(NullPointerException.class);
    }

    @Test
    void theDefaultLoggerIsNamedAfterTheAccessLog() {
        assertThat(new AccessLogger().logger().getName()).isEqualTo("io.asyncio4j.http.access");
        assertThat(new AccessLogger("%s").logger().getName()).isEqualTo(AccessLogger.LOGGER_NAME);
        assertThat(new AccessLogger().format()).isEqualTo(AccessLogger.LOG_FORMAT);
    }

    @Test
    void serverOptionsCarryTheAccessLogAndKeepItThroughEveryWither() {
        assertThat(ServerOptions.DEFAULT.accessLog()).as("off by default").isNull();
        ServerOptions on = ServerOptions.DEFAULT.withAccessLog();
        assertThat(on.accessLog()).isInstanceOf(AccessLogger.class);
        assertThat(((AccessLogger) on.accessLog()).format()).isEqualTo(AccessLogger.LOG_FORMAT);
        ServerOptions kept = on.withKeepaliveTimeout(5).withHeaderTimeout(6).withBodyTimeout(7)
                .withShutdownTimeout(8).withLimits(on.limits());
        assertThat(kept.accessLog()).isSameAs(on.accessLog());
        assertThat(ServerOptions.DEFAULT.withAccessLogFormat("%s").accessLog())
                .isInstanceOfSatisfying(AccessLogger.class, a -> assertThat(a.format()).isEqualTo("%s"));
        assertThat(on.withAccessLog(null).accessLog()).isNull();
        assertThat(new ServerOptions(1, 2, on.limits(), 3, 4).accessLog()).isNull();
    }
}
