package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that goes away (a reset or a close in the middle of a body or of a streamed answer) is no server error:
 * one DEBUG line without a stack trace, as aiohttp's "Ignored premature client disconnection"; a handler's own
 * failure is still an ERROR with its trace.
 */
@Timeout(60)
class ClientGoneLoggingTest {
    private static final int EACH = 5;

    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = new LogCapture("io.asyncio4j");
    }

    @AfterEach
    void restoreLogs() {
        logs.close();
    }

    /** {@code /upload} reads the body; {@code /stream} streams up to 64 MiB; {@code /boom} fails. */
    private static Application app(int[] ended) {
        Application app = new Application();
        app.router().post("/upload", request -> {
            try {
                return Response.text(request.read().await().length + " bytes");
            } finally {
                ended[0]++;
            }
        }).get("/stream", request -> {
            try {
                StreamResponse resp = new StreamResponse();
                resp.prepare(request).await();
                byte[] chunk = new byte[16 * 1024];
                for (int i = 0; i < 4096; i++) {
                    resp.write(chunk).await();
                }
                return resp;
            } finally {
                ended[0]++;
            }
        }).get("/boom", request -> {
            throw new IllegalStateException("a real bug");
        });
        return app;
    }

    /** Sends a head and part of its body, then resets ({@code reset}) or closes the connection. */
    private static void abortMidBody(int port, boolean reset) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n"
                    + "x".repeat(1000)).getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            if (reset) {
                s.setSoLinger(true, 0);
            }
        }
    }

    /** Asks for the stream, reads its head and some of its body, then resets or closes the connection. */
    private static void abortMidResponse(int port, boolean reset) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(RawClient.get("/stream").getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            assertThat(new String(in.readNBytes(15), StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200 OK");
            in.readNBytes(64 * 1024);
            if (reset) {
                s.setSoLinger(true, 0);
            }
        }
    }

    @Test
    void clientsGoingAwayMidBodyOrMidResponseLogNothingAboveDebugAndNoTrace() {
        int[] ended = {0};
        Application app = app(ended);
        int[] remaining = Asyncio.run(() -> {
            Site site = Web.start(app, "127.0.0.1", 0).await();
            try {
                int port = site.port();
                Asyncio.toThread(() -> {
                    for (int i = 0; i < EACH; i++) {
                        abortMidBody(port, true);
                        abortMidBody(port, false);
                        abortMidResponse(port, true);
                        abortMidResponse(port, false);
                    }
                    return null;
                }).await();
                for (int i = 0; i < 1000 && (ended[0] < 4 * EACH || site.connectionCount() > 0); i++) {
                    Asyncio.sleep(0.01).await();
                }
                return new int[] {ended[0], site.connectionCount()};
            } finally {
                site.close();
            }
        });
        assertThat(remaining).as("handlers ended, connections left").containsExactly(4 * EACH, 0);
        List<LogRecord> logged = logs.records();
        assertThat(logged).as("records at WARNING or above")
                .noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
        assertThat(logged).as("records with a stack trace").noneMatch(r -> r.getThrown() != null);
        assertThat(logged).as("debug lines for the resets")
                .anyMatch(r -> r.getLevel() == Level.FINE && r.getMessage().contains("went away during POST /upload"))
                .anyMatch(r -> r.getLevel() == Level.FINE && r.getMessage().contains("went away during GET /stream"));
    }

    @Test
    void aHandlerThatThrowsIsStillAnErrorWithItsTrace() {
        RawClient.Resp r = RawClient.serve(app(new int[1]), port -> {
            try (RawClient c = new RawClient(port)) {
                return c.exchange(RawClient.get("/boom"));
            }
        });
        assertThat(r.status()).isEqualTo(500);
        LogRecord rec = logs.records().stream().filter(x -> x.getThrown() != null).findFirst().orElseThrow();
        assertThat(rec.getLevel()).isEqualTo(Level.SEVERE);
        assertThat(rec.getMessage()).contains("Error handling request GET /boom");
        assertThat(rec.getThrown()).isInstanceOf(IllegalStateException.class).hasMessage("a real bug");
        assertThat(rec.getThrown().getStackTrace()).isNotEmpty();
    }
}
