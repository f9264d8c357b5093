package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Event;
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
 * Server and clients share one loop in virtual time (a closed world), so the minutes below cost no real time.
 */
@Timeout(60)
class BodyTimeoutTest {
    private static final String HEAD = "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\n";

    /** What a handler met: the exception its read threw (or null), and whether it has ended. */
    private static final class Seen {
        final List<Throwable> errors = new ArrayList<>();
        final Event ended = new Event();
    }

    /** An app whose {@code /echo} answers the body, read by {@code read}, and records what happened in {@code seen}. */
    private static Application app(Seen seen, BodyRead read) {
        Application app = new Application();
        app.router().post("/echo", request -> {
            try {
                return Response.text(read.read(request));
            } catch (Throwable e) {
                seen.errors.add(e);
                throw e;
            } finally {
                seen.ended.set();
            }
        }).get("/", request -> Response.text("root"));
        return app;
    }

    @FunctionalInterface
    private interface BodyRead {
        String read(Request request) throws Exception;
    }

    private static <T> T inVirtualTime(Coro<T> main) {
        try (Runner runner = new Runner().virtualTime(true).closedWorld(true)) {
            return runner.run(main);
        }
    }

    /** Reads everything until the server's EOF. */
    private static String readToEof(Connection c) {
        return new String(c.reader().read(-1).await(), StandardCharsets.ISO_8859_1);
    }

    /** Closes the client's end and waits (polling in virtual time) until the site has no connection left. */
    private static void closeAndSettle(Connection c, Site site) {
        c.writer().close();
        for (int i = 0; i < 1000 && site.connectionCount() > 0; i++) {
            Asyncio.sleep(0.01).await();
        }
        assertThat(site.connectionCount()).as("open connections").isZero();
    }

    /** The loop's tasks other than the current one (handlers left running would be here). */
    private static List<Task<?>> otherTasks() {
        List<Task<?>> tasks = new ArrayList<>(Asyncio.allTasks());
        tasks.remove(Asyncio.currentTask());
        return tasks;
    }

    @Test
    void aHeadWithoutItsBodyIsAnswered408AndClosedAfterTheDefaultTimeout() {
        Seen seen = new Seen();
        Object[] r = inVirtualTime(() -> {
            Site site = Web.start(app(seen, rq -> rq.text().await()), "127.0.0.1", 0).await();
            try {
                Connection c = Streams.openConnection("127.0.0.1", site.port()).await();
                double t0 = Asyncio.getRunningLoop().time();
                c.writer().write(HEAD.getBytes(StandardCharsets.ISO_8859_1));
                String answer = readToEof(c);
                double elapsed = Asyncio.getRunningLoop().time() - t0;
                closeAndSettle(c, site);
                seen.ended.waitSet().await();
                return new Object[] {answer, elapsed, otherTasks()};
            } finally {
                site.close();
            }
        });
        String answer = (String) r[0];
        assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("\r\nConnection: close\r\n");
        assertThat((double) r[1]).as("virtual seconds until the answer").isCloseTo(60.0, within(0.5));
        assertThat(seen.errors).singleElement().isInstanceOf(HTTPRequestTimeout.class);
        assertThat((List<?>) r[2]).as("tasks left").isEmpty();
    }

    @Test
    void aTricklingBodyGoesOnPastTheTimeoutAndTheConnectionStaysUsable() {
        Seen seen = new Seen();
        Object[] r = inVirtualTime(() -> {
            Site site = Web.start(app(seen, rq -> rq.text().await()), "127.0.0.1", 0,
                    ServerOptions.DEFAULT.withBodyTimeout(10)).await();
            try {
                Connection c = Streams.openConnection("127.0.0.1", site.port()).await();
                double t0 = Asyncio.getRunningLoop().time();
                c.writer().write(HEAD.getBytes(StandardCharsets.ISO_8859_1));
                for (char ch : "hello".toCharArray()) {
                    Asyncio.sleep(8).await(); // one byte every 8 s: under the 10 s timeout
                    c.writer().write(new byte[] {(byte) ch});
                }
                byte[] first = c.reader().readuntil("hello".getBytes(StandardCharsets.US_ASCII)).await();
                double elapsed = Asyncio.getRunningLoop().time() - t0;
                c.writer().write(RawClient.get("/").getBytes(StandardCharsets.ISO_8859_1));
                byte[] second = c.reader().readuntil("root".getBytes(StandardCharsets.US_ASCII)).await();
                closeAndSettle(c, site);
                return new Object[] {new String(first, StandardCharsets.ISO_8859_1),
                        new String(second, StandardCharsets.ISO_8859_1), elapsed};
            } finally {
                site.close();
            }
        });
        assertThat((String) r[0]).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nhello");
        assertThat((String) r[1]).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat((double) r[2]).as("virtual seconds for the body").isGreaterThanOrEqualTo(40.0);
        assertThat(seen.errors).isEmpty();
    }

    @Test
    void oneByteThenSilenceIsAnswered408OneTimeoutAfterTheByte() {
        Seen seen = new Seen();
        Object[] r = inVirtualTime(() -> {
            Site site = Web.start(app(seen, rq -> rq.text().await()), "127.0.0.1", 0,
                    ServerOptions.DEFAULT.withBodyTimeout(10)).await();
            try {
                Connection c = Streams.openConnection("127.0.0.1", site.port()).await();
                double t0 = Asyncio.getRunningLoop().time();
                c.writer().write(HEAD.getBytes(StandardCharsets.ISO_8859_1));
                Asyncio.sleep(7).await();
                c.writer().write(new byte[] {'h'});
                String answer = readToEof(c);
                double elapsed = Asyncio.getRunningLoop().time() - t0;
                closeAndSettle(c, site);
                return new Object[] {answer, elapsed};
            } finally {
                site.close();
            }
        });
        assertThat((String) r[0]).startsWith("HTTP/1.1 408 Request Timeout\r\n");
        assertThat((double) r[1]).as("virtual seconds: the byte at 7, then 10 s").isCloseTo(17.0, within(0.5));
        assertThat(seen.errors).singleElement().isInstanceOf(HTTPRequestTimeout.class);
    }

    @Test
    void aHandlerAwaitingReadOrPostSeesHTTPRequestTimeoutAndEnds() {
        BodyRead[] reads = {
            rq -> new String(rq.read().await(), StandardCharsets.UTF_8),
            rq -> String.valueOf(rq.post().await()),
            rq -> new String(rq.content().read(-1).await(), StandardCharsets.UTF_8),
        };
        for (BodyRead read : reads) {
            Seen seen = new Seen();
            Object[] r = inVirtualTime(() -> {
                Site site = Web.start(app(seen, read), "127.0.0.1", 0, ServerOptions.DEFAULT.withBodyTimeout(5))
                        .await();
                try {
                    Connection c = Streams.openConnection("127.0.0.1", site.port()).await();
                    c.writer().write(("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: "
                            + "application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\na=1")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    String answer = readToEof(c);
                    closeAndSettle(c, site);
                    seen.ended.waitSet().await();
                    return new Object[] {answer, otherTasks()};
                } finally {
                    site.close();
                }
            });
            assertThat((String) r[0]).startsWith("HTTP/1.1 408 Request Timeout\r\n");
            assertThat(seen.errors).singleElement().isInstanceOf(HTTPRequestTimeout.class)
                    .extracting(Throwable::getMessage).asString().contains("no bytes of the request body for 5.0 s");
            assertThat((List<?>) r[1]).as("tasks left").isEmpty();
        }
    }

    @Test
    void aResponseAlreadyStartedIsClosedWithoutA408() {
        Seen seen = new Seen();
        Application app = new Application();
        app.router().post("/stream", request -> {
            StreamResponse resp = new StreamResponse();
            resp.prepare(request).await();
            resp.write("partial".getBytes(StandardCharsets.US_ASCII)).await();
            try {
                request.read().await();
            } catch (Throwable e) {
                seen.errors.add(e);
                throw e;
            } finally {
                seen.ended.set();
            }
            return resp;
        });
        Object[] r = inVirtualTime(() -> {
            Site site = Web.start(app, "127.0.0.1", 0, ServerOptions.DEFAULT.withBodyTimeout(5)).await();
            try {
                Connection c = Streams.openConnection("127.0.0.1", site.port()).await();
                c.writer().write("POST /stream HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                String answer = readToEof(c);
                closeAndSettle(c, site);
                seen.ended.waitSet().await();
                return new Object[] {answer, otherTasks()};
            } finally {
                site.close();
            }
        });
        assertThat((String) r[0]).startsWith("HTTP/1.1 200 OK\r\n").contains("partial").doesNotContain("408")
                .doesNotEndWith("0\r\n\r\n"); // cut: no last chunk
        assertThat(seen.errors).singleElement().isInstanceOf(HTTPRequestTimeout.class);
        assertThat((List<?>) r[1]).as("tasks left").isEmpty();
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
        String answer = inVirtualTime(() -> {
            Site site = Web.start(app, "127.0.0.1", 0, ServerOptions.DEFAULT.withBodyTimeout(10)).await();
            try {
                Connection c = Streams.openConnection("127.0.0.1", site.port()).await();
                c.writer().write(("POST /slow HTTP/1.1\r\nHost: t\r\nContent-Length: " + size + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                c.writer().write(new byte[size]);
                c.writer().drain().await();
                String a = new String(c.reader().readuntil(String.valueOf(size).getBytes(StandardCharsets.US_ASCII))
                        .await(), StandardCharsets.ISO_8859_1);
                closeAndSettle(c, site);
                return a;
            } finally {
                site.close();
            }
        });
        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n" + size);
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
