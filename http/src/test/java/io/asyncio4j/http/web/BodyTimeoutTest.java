package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import io.asyncio4j.streams.Connection;
import io.asyncio4j.streams.Streams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ServerOptions#bodyTimeout()}: nginx's {@code client_body_timeout}, counted between two reads of a body.
 * Server and client share one loop in virtual time (a closed world), so the minutes below cost no real time.
 */
@Timeout(60)
class BodyTimeoutTest {
    private static final String HEAD = "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\n";

    /** The exceptions a handler's body read threw. */
    private final List<Throwable> errors = new ArrayList<>();

    @FunctionalInterface
    private interface BodyRead {
        String read(Request request) throws Exception;
    }

    /** An app whose {@code /echo} answers the body as {@code read} reads it, recording what the read throws. */
    private Application app(BodyRead read) {
        Application app = new Application();
        app.router().post("/echo", request -> Response.text(recorded(() -> read.read(request))))
                .get("/", request -> Response.text("root"));
        return app;
    }

    @FunctionalInterface
    private interface Body<T> {
        T call() throws Exception;
    }

    private <T> T recorded(Body<T> body) throws Exception {
        try {
            return body.call();
        } catch (Exception e) {
            errors.add(e);
            throw e;
        }
    }

    @FunctionalInterface
    private interface Client<T> {
        T talk(Connection c) throws Exception;
    }

    /** What a client got, and the loop's tasks left after its connection closed (a handler still running). */
    private record Outcome<T>(T result, List<Task<?>> tasksLeft) {
    }

    /**
     * Serves {@code app} with {@code options} in virtual time, runs {@code client} on a connection to it, then
     * closes that connection and waits (polling in virtual time) until the site has no connection and the loop no
     * other task.
     */
    private static <T> Outcome<T> serve(Application app, ServerOptions options, Client<T> client) {
        try (Runner runner = new Runner().virtualTime(true).closedWorld(true)) {
            return runner.run(() -> {
                Site site = Web.start(app, "127.0.0.1", 0, options).await();
                try {
                    Connection c = Streams.openConnection("127.0.0.1", site.port()).await();
                    T result = client.talk(c);
                    c.writer().close();
                    for (int i = 0; i < 1000 && (site.connectionCount() > 0 || !otherTasks().isEmpty()); i++) {
                        Asyncio.sleep(0.01).await();
                    }
                    assertThat(site.connectionCount()).as("open connections").isZero();
                    return new Outcome<>(result, otherTasks());
                } finally {
                    site.close();
                }
            });
        }
    }

    private static List<Task<?>> otherTasks() {
        List<Task<?>> tasks = new ArrayList<>(Asyncio.allTasks());
        tasks.remove(Asyncio.currentTask());
        return tasks;
    }

    private static void send(Connection c, String s) {
        c.writer().write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads everything until the server's EOF. */
    private static String readToEof(Connection c) {
        return new String(c.reader().read(-1).await(), StandardCharsets.ISO_8859_1);
    }

    private static String readUntil(Connection c, String end) {
        return new String(c.reader().readuntil(end.getBytes(StandardCharsets.ISO_8859_1)).await(),
                StandardCharsets.ISO_8859_1);
    }

    private static double now() {
        return Asyncio.getRunningLoop().time();
    }

    /** A client's answer and the virtual seconds it took. */
    private record Timed(String answer, double seconds) {
    }

    @Test
    void aHeadWithoutItsBodyIsAnswered408AndClosedAfterTheDefaultTimeout() {
        Outcome<Timed> r = serve(app(rq -> rq.text().await()), ServerOptions.DEFAULT, c -> {
            double t0 = now();
            send(c, HEAD);
            return new Timed(readToEof(c), now() - t0);
        });
        assertThat(r.result().answer()).startsWith("HTTP/1.1 408 Request Timeout\r\n")
                .contains("\r\nConnection: close\r\n");
        assertThat(r.result().seconds()).as("virtual seconds until the answer").isCloseTo(60.0, within(0.5));
        assertThat(errors).singleElement().isInstanceOf(HTTPRequestTimeout.class);
        assertThat(r.tasksLeft()).as("tasks left").isEmpty();
    }

    @Test
    void aTricklingBodyGoesOnPastTheTimeoutAndTheConnectionStaysUsable() {
        Outcome<List<Object>> r = serve(app(rq -> rq.text().await()), ServerOptions.DEFAULT.withBodyTimeout(10), c -> {
            double t0 = now();
            send(c, HEAD);
            for (char ch : "hello".toCharArray()) {
                Asyncio.sleep(8).await(); // one byte every 8 s: under the 10 s timeout
                send(c, String.valueOf(ch));
            }
            String first = readUntil(c, "hello");
            double seconds = now() - t0;
            send(c, RawClient.get("/"));
            return List.of(first, readUntil(c, "root"), seconds);
        });
        assertThat((String) r.result().get(0)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nhello");
        assertThat((String) r.result().get(1)).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat((double) r.result().get(2)).as("virtual seconds for the body").isGreaterThanOrEqualTo(40.0);
        assertThat(errors).isEmpty();
    }

    @Test
    void oneByteThenSilenceIsAnswered408OneTimeoutAfterTheByte() {
        Outcome<Timed> r = serve(app(rq -> rq.text().await()), ServerOptions.DEFAULT.withBodyTimeout(10), c -> {
            double t0 = now();
            send(c, HEAD);
            Asyncio.sleep(7).await();
            send(c, "h");
            return new Timed(readToEof(c), now() - t0);
        });
        assertThat(r.result().answer()).startsWith("HTTP/1.1 408 Request Timeout\r\n");
        assertThat(r.result().seconds()).as("virtual seconds: the byte at 7, then 10 s").isCloseTo(17.0, within(0.5));
        assertThat(errors).singleElement().isInstanceOf(HTTPRequestTimeout.class);
    }

    @Test
    void aHandlerAwaitingReadOrPostSeesHTTPRequestTimeoutAndEnds() {
        BodyRead[] reads = {
            rq -> new String(rq.read().await(), StandardCharsets.UTF_8),
            rq -> String.valueOf(rq.post().await()),
            rq -> new String(rq.content().read(-1).await(), StandardCharsets.UTF_8),
        };
        for (BodyRead read : reads) {
            errors.clear();
            Outcome<String> r = serve(app(read), ServerOptions.DEFAULT.withBodyTimeout(5), c -> {
                send(c, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 9\r\n\r\na=1");
                return readToEof(c);
            });
            assertThat(r.result()).startsWith("HTTP/1.1 408 Request Timeout\r\n");
            assertThat(errors).singleElement().isInstanceOf(HTTPRequestTimeout.class)
                    .extracting(Throwable::getMessage).asString().contains("no bytes of the request body for 5.0 s");
            assertThat(r.tasksLeft()).as("tasks left").isEmpty();
        }
    }

    @Test
    void aResponseAlreadyStartedIsClosedWithoutA408() {
        Application app = new Application();
        app.router().post("/stream", request -> {
            StreamResponse resp = new StreamResponse();
            resp.prepare(request).await();
            resp.write("partial".getBytes(StandardCharsets.US_ASCII)).await();
            recorded(() -> request.read().await());
            return resp;
        });
        Outcome<String> r = serve(app, ServerOptions.DEFAULT.withBodyTimeout(5), c -> {
            send(c, "POST /stream HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\n");
            return readToEof(c);
        });
        assertThat(r.result()).startsWith("HTTP/1.1 200 OK\r\n").contains("partial").doesNotContain("408")
                .doesNotEndWith("0\r\n\r\n"); // cut: no last chunk
        assertThat(errors).singleElement().isInstanceOf(HTTPRequestTimeout.class);
        assertThat(r.tasksLeft()).as("tasks left").isEmpty();
    }

    @Test
    void timeTheServerSpendsWithReadingPausedDoesNotCount() {
        int size = 4 * 1024 * 1024; // far more than the body's buffer (128 KiB) and the sockets hold: reading pauses
        Application app = new Application();
        app.router().post("/slow", request -> {
            Asyncio.sleep(100).await(); // ten body timeouts without reading
            long n = 0;
            for (byte[] b; (b = request.content().read(65536).await()).length > 0; ) {
                n += b.length;
            }
            return Response.text(String.valueOf(n));
        });
        Outcome<String> r = serve(app, ServerOptions.DEFAULT.withBodyTimeout(10), c -> {
            send(c, "POST /slow HTTP/1.1\r\nHost: t\r\nContent-Length: " + size + "\r\n\r\n");
            c.writer().write(new byte[size]);
            c.writer().drain().await();
            return readUntil(c, String.valueOf(size));
        });
        assertThat(r.result()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n" + size);
    }

    /** What one of many clients got: its answer, and the virtual seconds from its last byte to the server's EOF. */
    private record Answer(String kind, String text, double at) {
    }

    /**
     * Issue 19's scenario: 1,000 connections that each send a whole head with a {@code Content-Length} and then
     * nothing (900), or one byte a minute (100, under a 30 s body timeout), besides 10 steady uploads that send a
     * byte every 20 s. Every stalled one is answered 408 and closed one timeout after its last byte, its handler
     * ends, and once the clients have gone the server holds no connection and the loop no task; the steady ones
     * finish with 200. The connections are opened one after another before any client sends: 1,000 connects at once
     * would overflow the listen backlog (100), and the kernel's SYN retries take real time, which a closed world in
     * virtual time does not wait for.
     */
    @Test
    void aThousandStalledBodiesAreAll408AndClosedWithNoHandlerLeft() {
        int silent = 900;
        int trickling = 100;
        int steady = 10;
        try (Runner runner = new Runner().virtualTime(true).closedWorld(true)) {
            runner.run(() -> {
                Site site = Web.start(app(rq -> rq.text().await()), "127.0.0.1", 0,
                        ServerOptions.DEFAULT.withBodyTimeout(30)).await();
                try {
                    List<Connection> connections = new ArrayList<>();
                    for (int i = 0; i < silent + trickling + steady; i++) {
                        connections.add(Streams.openConnection("127.0.0.1", site.port()).await());
                    }
                    List<Task<Answer>> clients = new ArrayList<>();
                    for (int i = 0; i < silent + trickling + steady; i++) {
                        String kind = i < silent ? "silent" : i < silent + trickling ? "trickling" : "steady";
                        Connection c = connections.get(i);
                        clients.add(Asyncio.createTask(() -> {
                            double t0 = now();
                            try {
                                switch (kind) {
                                    case "silent" -> send(c, HEAD);
                                    case "trickling" -> {
                                        // 100 bytes, one a minute: the first with the head, the next never in time
                                        send(c, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nx");
                                        t0 = now();
                                        Task<Void> more = Asyncio.createTask(() -> {
                                            for (int b = 0; b < 99; b++) {
                                                Asyncio.sleep(60).await();
                                                send(c, "x");
                                            }
                                            return null;
                                        });
                                        String got = readToEof(c);
                                        more.cancel();
                                        return new Answer(kind, got, now() - t0);
                                    }
                                    default -> {
                                        send(c, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n"
                                                + "Connection: close\r\n\r\n");
                                        for (char ch : "abc".toCharArray()) {
                                            Asyncio.sleep(20).await();
                                            send(c, String.valueOf(ch));
                                        }
                                    }
                                }
                                return new Answer(kind, readToEof(c), now() - t0);
                            } finally {
                                c.writer().close();
                            }
                        }));
                    }
                    List<Answer> answers = Asyncio.gather(clients).await();
                    for (int i = 0; i < 1000 && (site.connectionCount() > 0 || !otherTasks().isEmpty()); i++) {
                        Asyncio.sleep(0.01).await();
                    }
                    assertThat(answers).filteredOn(a -> !a.kind().equals("steady")).hasSize(silent + trickling)
                            .allSatisfy(a -> {
                                assertThat(a.text()).startsWith("HTTP/1.1 408 Request Timeout\r\n")
                                        .contains("\r\nConnection: close\r\n");
                                assertThat(a.at()).as("virtual seconds until answered and closed")
                                        .isCloseTo(30.0, within(1.0));
                            });
                    assertThat(answers).filteredOn(a -> a.kind().equals("steady")).hasSize(steady)
                            .allSatisfy(a -> assertThat(a.text()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("abc"));
                    assertThat(errors).hasSize(silent + trickling)
                            .allSatisfy(e -> assertThat(e).isInstanceOf(HTTPRequestTimeout.class));
                    assertThat(site.connectionCount()).as("open connections").isZero();
                    assertThat(otherTasks()).as("tasks left (handlers, clients)").isEmpty();
                } finally {
                    site.close();
                }
                return null;
            });
        }
    }

    @Test
    void theOptionDefaultsTo60SecondsAndMustBePositive() {
        assertThat(ServerOptions.DEFAULT.bodyTimeout()).isEqualTo(60.0);
        assertThat(ServerOptions.DEFAULT.withBodyTimeout(5).bodyTimeout()).isEqualTo(5.0);
        assertThat(ServerOptions.DEFAULT.withBodyTimeout(5).headerTimeout()).isEqualTo(30.0);
        assertThatThrownBy(() -> ServerOptions.DEFAULT.withBodyTimeout(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("body 0.0");
        assertThatThrownBy(() -> ServerOptions.DEFAULT.withBodyTimeout(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
