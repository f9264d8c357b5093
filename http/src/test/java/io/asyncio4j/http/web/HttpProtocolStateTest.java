package io.asyncio4j.http.web;

import static io.asyncio4j.http.web.HttpProtocolState.BODY;
import static io.asyncio4j.http.web.HttpProtocolState.CLOSED;
import static io.asyncio4j.http.web.HttpProtocolState.DISCARDING;
import static io.asyncio4j.http.web.HttpProtocolState.FIRST_REQUEST;
import static io.asyncio4j.http.web.HttpProtocolState.HANDLING;
import static io.asyncio4j.http.web.HttpProtocolState.HEAD;
import static io.asyncio4j.http.web.HttpProtocolState.KEEPALIVE;
import static io.asyncio4j.http.web.HttpProtocolState.LINGERING;
import static io.asyncio4j.http.web.HttpProtocolState.UPGRADED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import io.asyncio4j.net.BaseProtocol;
import io.asyncio4j.net.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The transition table of {@link HttpProtocolState}, and how {@link HttpProtocol} keeps to it. */
class HttpProtocolStateTest {
    private static final Map<HttpProtocolState, Set<HttpProtocolState>> LEGAL = Map.of(
            FIRST_REQUEST, EnumSet.of(HEAD, BODY, HANDLING, LINGERING, CLOSED),
            KEEPALIVE, EnumSet.of(HEAD, BODY, HANDLING, LINGERING, CLOSED),
            HEAD, EnumSet.of(BODY, HANDLING, LINGERING, CLOSED),
            BODY, EnumSet.of(HANDLING, DISCARDING, UPGRADED, LINGERING, CLOSED),
            HANDLING, EnumSet.of(DISCARDING, KEEPALIVE, UPGRADED, LINGERING, CLOSED),
            DISCARDING, EnumSet.of(KEEPALIVE, LINGERING, CLOSED),
            LINGERING, EnumSet.of(CLOSED),
            UPGRADED, EnumSet.of(CLOSED),
            CLOSED, EnumSet.noneOf(HttpProtocolState.class));

    @Test
    void exactlyTheTransitionsOfTheDiagramAreLegal() {
        assertThat(LEGAL.keySet()).containsExactlyInAnyOrder(HttpProtocolState.values());
        for (HttpProtocolState from : HttpProtocolState.values()) {
            for (HttpProtocolState to : HttpProtocolState.values()) {
                boolean legal = LEGAL.get(from).contains(to);
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(legal);
                if (legal) {
                    assertThat(from.to(to)).isSameAs(to);
                } else {
                    assertThatThrownBy(() -> from.to(to)).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining(from + " -> " + to);
                }
            }
        }
    }

    @Test
    void noStateMovesToItselfAndEveryStateButClosedCanEnd() {
        for (HttpProtocolState s : HttpProtocolState.values()) {
            assertThat(s.canMoveTo(s)).as(s.name()).isFalse();
            assertThat(s.canMoveTo(CLOSED)).as(s.name()).isEqualTo(s != CLOSED);
        }
    }

    @Test
    void aConnectionGoesThroughItsStatesAndRefusesAnIllegalMove() {
        List<String> log = run(() -> {
            List<String> out = new ArrayList<>();
            EventLoop loop = Asyncio.getRunningLoop();
            Application app = new Application();
            app.router().post("/", request -> Response.text(request.text().await()));
            app.freeze();
            HttpProtocol p = new HttpProtocol(new Site(app, ServerOptions.DEFAULT), loop);
            RecordingTransport t = new RecordingTransport();
            p.connectionMade(t);
            out.add(p.state().name());
            p.dataReceived(ascii("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab"));
            out.add(p.state().name());
            p.dataReceived(ascii("cde"));
            out.add(p.state().name());
            for (int i = 0; i < 10 && p.state() != KEEPALIVE; i++) {
                Asyncio.sleep(0).await();
            }
            out.add(p.state() + " answered " + t.out.toString(StandardCharsets.ISO_8859_1).endsWith("abcde"));
            p.dataReceived(ascii("GET / HTTP/1.1\r\nHo"));
            out.add(p.state().name());
            p.connectionLost(null);
            out.add(p.state().name());
            try {
                p.connectionLost(null);
            } catch (IllegalStateException e) {
                out.add(e.getMessage());
            }
            return out;
        });
        assertThat(log).containsExactly("FIRST_REQUEST", "BODY", "HANDLING", "KEEPALIVE answered true", "HEAD",
                "CLOSED", "HttpProtocol: illegal transition CLOSED -> CLOSED");
    }

    @Test
    void aRequestPipelinedBehindASkippedBodyWaitsForTheSkipToEnd() {
        List<String> log = run(() -> {
            List<String> out = new ArrayList<>();
            EventLoop loop = Asyncio.getRunningLoop();
            Application app = new Application();
            app.router().post("/skip", request -> Response.text("skipped"));     // never reads the body
            app.router().get("/next", request -> Response.text("next"));
            app.freeze();
            HttpProtocol p = new HttpProtocol(new Site(app, ServerOptions.DEFAULT), loop);
            RecordingTransport t = new RecordingTransport();
            p.connectionMade(t);
            p.dataReceived(ascii("POST /skip HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345"));
            for (int i = 0; i < 10 && p.state() != DISCARDING; i++) {
                Asyncio.sleep(0).await();
            }
            out.add(p.state().name());
            p.dataReceived(ascii("67890GET /next HTTP/1.1\r\nHost: x\r\n\r\n"));
            out.add(p.state().name());      // the skip is over; the next request waits for the loop's next turn
            for (int i = 0; i < 10 && !t.out.toString(StandardCharsets.ISO_8859_1).endsWith("next"); i++) {
                Asyncio.sleep(0).await();
            }
            Asyncio.sleep(0).await();
            String wire = t.out.toString(StandardCharsets.ISO_8859_1);
            out.add(p.state() + " " + (wire.indexOf("skipped") < wire.indexOf("\r\n\r\nnext")) + " closing "
                    + t.closing);
            return out;
        });
        assertThat(log).containsExactly("DISCARDING", "DISCARDING", "KEEPALIVE true closing false");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static <T> T run(Coro<T> main) {
        try (Runner r = new Runner()) {
            return r.run(main);
        }
    }

    /** A transport that keeps what the connection writes. */
    private static final class RecordingTransport implements Transport {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean closing;
        boolean reading = true;

        @Override
        public void write(byte[] data) {
            out.writeBytes(data);
        }

        @Override
        public void writeEof() {
        }

        @Override
        public boolean canWriteEof() {
            return true;
        }

        @Override
        public void close() {
            closing = true;
        }

        @Override
        public void abort() {
            closing = true;
        }

        @Override
        public boolean isClosing() {
            return closing;
        }

        @Override
        public void pauseReading() {
            reading = false;
        }

        @Override
        public void resumeReading() {
            reading = true;
        }

        @Override
        public boolean isReading() {
            return reading;
        }

        @Override
        public void setWriteBufferLimits(int high, int low) {
        }

        @Override
        public int getWriteBufferSize() {
            return 0;
        }

        @Override
        public Object getExtraInfo(String name) {
            return null;
        }

        @Override
        public BaseProtocol getProtocol() {
            return null;
        }

        @Override
        public void setProtocol(BaseProtocol protocol) {
        }
    }
}
