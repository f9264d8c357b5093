package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.ClientSession;
import io.asyncio4j.http.ClientWebSocketResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server's access log hook: what is logged, once per answered request, and nothing when it is off. */
@Timeout(60)
class AccessLogServerTest {
    /** One call of {@link AbstractAccessLogger#log}. */
    record Entry(String method, String target, String remote, int status, long bytes, double time) {
    }

    /** Records every call; {@code enabled} as told, counting the questions. */
    static final class Recorder implements AbstractAccessLogger {
        final List<Entry> entries = new CopyOnWriteArrayList<>();
        final AtomicInteger asked = new AtomicInteger();
        volatile boolean on = true;

        @Override
        public boolean enabled() {
            asked.incrementAndGet();
            return on;
        }

        @Override
        public void log(Request request, Response response, double time) {
            entries.add(new Entry(request.method(), request.rawPath(), request.remote(), response.status(),
                    response.bodyLength(), time));
        }
    }

    private static Application app() {
        Application app = new Application().clientMaxSize(10);
        app.router()
                .get("/hello", request -> Response.text("Hello, World!"))
                .get("/slow", request -> {
                    Asyncio.sleep(0.05).await();
                    return Response.text("slow");
                })
                .get("/fail", request -> {
                    throw new IllegalStateException("handler bug");
                })
                .post("/upload", request -> Response.text(new String(request.read().await(),
                        StandardCharsets.UTF_8)))
                .get("/stream", request -> {
                    StreamResponse r = new StreamResponse();
                    r.prepare(request).await();
                    r.write("one,".getBytes(StandardCharsets.US_ASCII)).await();
                    r.write("two".getBytes(StandardCharsets.US_ASCII)).await();
                    return r;
                });
        return app;
    }

    /** Sends {@code request} (which asks the server to close) and returns every byte until the server's EOF. */
    private static byte[] wire(int port, String request) throws IOException {
        try (RawClient c = new RawClient(port)) {
            c.send(request);
            return c.in.readAllBytes();
        }
    }

    private static String closing(String method, String target) {
        return method + " " + target + " HTTP/1.1\r\nHost: t\r\nUser-Agent: test/1\r\nConnection: close\r\n\r\n";
    }

    @Test
    void aRealRequestIsLoggedOnceInTheDefaultFormatWithTheBytesOnTheWire() {
        try (LogCapture capture = new LogCapture(AccessLogger.LOGGER_NAME)) {
            byte[] got = RawClient.serve(app(), ServerOptions.DEFAULT.withAccessLog(),
                    port -> wire(port, closing("GET", "/hello?x=1")));
            List<LogRecord> records = capture.records();
            assertThat(records).hasSize(1);
            assertThat(records.get(0).getLevel()).isEqualTo(java.util.logging.Level.INFO);
            assertThat(records.get(0).getMessage()).matches("127\\.0\\.0\\.1 \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:"
                    + "\\d\\d:\\d\\d [+-]\\d{4}] \"GET /hello\\?x=1 HTTP/1\\.1\" 200 " + got.length + " \"-\" "
                    + "\"test/1\"");
        }
    }

    @Test
    void withTheDefaultOptionsNothingIsLogged() {
        try (LogCapture capture = new LogCapture(AccessLogger.LOGGER_NAME)) {
            RawClient.serve(app(), port -> wire(port, closing("GET", "/hello")));
            assertThat(capture.records()).isEmpty();
        }
    }

    @Test
    void aLoggerThatWouldDropTheLineIsAskedOncePerRequestAndNothingIsBuilt() {
        Recorder recorder = new Recorder();
        recorder.on = false;
        AccessLoggerTest.RecordingLogger quiet = new AccessLoggerTest.RecordingLogger();
        quiet.loggable = false;
        RawClient.serve(app(), ServerOptions.DEFAULT.withAccessLog(recorder), port -> {
            try (RawClient c = new RawClient(port)) {
                for (int i = 0; i < 3; i++) {
                    assertThat(c.exchange(RawClient.get("/hello")).status()).isEqualTo(200);
                }
            }
            return null;
        });
        assertThat(recorder.asked).hasValue(3);
        assertThat(recorder.entries).isEmpty();
        RawClient.serve(app(), ServerOptions.DEFAULT.withAccessLog(new AccessLogger(quiet, AccessLogger.LOG_FORMAT)),
                port -> wire(port, closing("GET", "/hello")));
        assertThat(quiet.loggableCalls).isEqualTo(1);
        assertThat(quiet.lines).isEmpty();
    }

    @Test
    void everyRequestOfAKeepAliveConnectionIsLoggedOnceWithARealDuration() {
        Recorder recorder = new Recorder();
        RawClient.serve(app(), ServerOptions.DEFAULT.withAccessLog(recorder), port -> {
            try (RawClient c = new RawClient(port)) {
                c.exchange(RawClient.get("/hello"));
                c.exchange(RawClient.get("/slow"));
                c.exchange("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n");
            }
            return null;
        });
        assertThat(recorder.entries).extracting(Entry::method, Entry::target, Entry::status, Entry::remote)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/hello", 200, "127.0.0.1"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/slow", 200, "127.0.0.1"),
                        org.assertj.core.groups.Tuple.tuple("HEAD", "/hello", 200, "127.0.0.1"));
        assertThat(recorder.entries.get(1).time()).as("the handler slept 50 ms").isBetween(0.045, 10.0);
        assertThat(recorder.entries.get(0).time()).isBetween(0.0, 10.0);
        assertThat(recorder.entries.get(2).bytes()).as("a HEAD answer is its head")
                .isLessThan(recorder.entries.get(0).bytes()).isPositive();
    }

    @Test
    void errorsAreLoggedWithTheStatusSent() {
        Recorder recorder = new Recorder();
        List<Integer> statuses;
        try (LogCapture quiet = new LogCapture("io.asyncio4j.http.web")) { // the 500's ERROR line
            statuses = RawClient.serve(app(), ServerOptions.DEFAULT.withAccessLog(recorder), port -> {
            List<Integer> out = new java.util.ArrayList<>();
            try (RawClient c = new RawClient(port)) {
                out.add(c.exchange(RawClient.get("/missing")).status());
                out.add(c.exchange(RawClient.get("/fail")).status());
            }
            try (RawClient c = new RawClient(port)) {
                out.add(c.exchange("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 11\r\n\r\nhello world")
                        .status());
            }
            try (RawClient c = new RawClient(port)) {
                out.add(c.exchange("GARBAGE\r\n\r\n").status());
            }
            return out;
            });
        }
        assertThat(statuses).containsExactly(404, 500, 413, 400);
        assertThat(recorder.entries).extracting(Entry::status).containsExactly(404, 500, 413, 400);
        Entry malformed = recorder.entries.get(3);
        assertThat(malformed.method()).as("no request line was read").isEmpty();
        assertThat(malformed.remote()).isEqualTo("127.0.0.1");
        assertThat(malformed.bytes()).isPositive();
        assertThat(malformed.time()).isZero();
    }

    @Test
    void aHeadThatDoesNotArriveInTimeIsLogged408() {
        Recorder recorder = new Recorder();
        int status = RawClient.serve(app(), ServerOptions.DEFAULT.withHeaderTimeout(0.2).withAccessLog(recorder),
                port -> {
                    try (RawClient c = new RawClient(port)) {
                        c.send("GET /hello HTTP/1.1\r\nHost: t\r\n"); // and never the blank line
                        return c.read().status();
                    }
                });
        assertThat(status).isEqualTo(408);
        assertThat(recorder.entries).extracting(Entry::status, Entry::method)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(408, ""));
    }

    @Test
    void streamedAndFileBodiesCountEveryByteOnTheWire(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f.txt");
        Files.writeString(file, "x".repeat(100_000));
        Application app = app();
        app.router().get("/file", request -> new FileResponse(file));
        Recorder recorder = new Recorder();
        List<byte[]> got = RawClient.serve(app, ServerOptions.DEFAULT.withAccessLog(recorder), port -> List.of(
                wire(port, closing("GET", "/stream")), wire(port, closing("GET", "/file"))));
        assertThat(new String(got.get(0), StandardCharsets.ISO_8859_1)).contains("chunked").endsWith("0\r\n\r\n");
        assertThat(recorder.entries).extracting(Entry::bytes)
                .containsExactly((long) got.get(0).length, (long) got.get(1).length);
        assertThat(got.get(1).length).isGreaterThan(100_000);
    }

    @Test
    void aWebSocketIsLogged101OnceItsHandlerReturns() {
        List<String> log = new CopyOnWriteArrayList<>();
        Recorder recorder = new Recorder();
        Application app = WebSocketServerTest.echoApp(log, io.asyncio4j.http.ws.WSOptions.DEFAULT);
        Asyncio.run(() -> {
            Site site = Web.start(app, "127.0.0.1", 0, ServerOptions.DEFAULT.withAccessLog(recorder)).await();
            try (ClientSession session = new ClientSession()) {
                ClientWebSocketResponse ws = session.wsConnect("http://127.0.0.1:" + site.port() + "/ws").await();
                ws.sendStr("hi").await();
                ws.receiveStr().await();
                assertThat(recorder.entries).as("not before the handler returns").isEmpty();
                ws.close().await();
                for (int i = 0; i < 400 && recorder.entries.isEmpty(); i++) {
                    Asyncio.sleep(0.005).await();
                }
            } finally {
                site.close();
            }
            return null;
        });
        assertThat(recorder.entries).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(101);
            assertThat(e.target()).isEqualTo("/ws");
            assertThat(e.bytes()).as("the 101 head").isBetween(100L, 1000L);
        });
    }

    @Test
    void aClientThatResetsBeforeItsAnswerIsStillLoggedOnceWithNoBytes() {
        Recorder recorder = new Recorder();
        RawClient.serve(app(), ServerOptions.DEFAULT.withAccessLog(recorder), port -> {
            try (RawClient c = new RawClient(port)) {
                c.send(RawClient.get("/slow"));
                Thread.sleep(20); // the head is in; the handler sleeps 50 ms
                c.socket.setSoLinger(true, 0); // close with a reset: the connection is lost at once
            }
            for (int i = 0; i < 400 && recorder.entries.isEmpty(); i++) {
                Thread.sleep(5);
            }
            return null;
        });
        assertThat(recorder.entries).singleElement().satisfies(e -> {
            assertThat(e.target()).isEqualTo("/slow");
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.bytes()).isZero();
        });
    }

    @Test
    void aLoggerThatThrowsIsReportedAndTheConnectionGoesOn() {
        AbstractAccessLogger failing = (request, response, time) -> {
            throw new IllegalStateException("logger bug");
        };
        try (LogCapture capture = new LogCapture("io.asyncio4j.http.web")) {
            List<Integer> statuses = RawClient.serve(app(), ServerOptions.DEFAULT.withAccessLog(failing), port -> {
                try (RawClient c = new RawClient(port)) {
                    return List.of(c.exchange(RawClient.get("/hello")).status(),
                            c.exchange(RawClient.get("/hello")).status());
                }
            });
            assertThat(statuses).containsExactly(200, 200);
            assertThat(capture.records()).filteredOn(r -> r.getLevel() == java.util.logging.Level.SEVERE)
                    .hasSize(2).allSatisfy(r -> assertThat(r.getThrown()).hasMessage("logger bug"));
        }
    }
}
