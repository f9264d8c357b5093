package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The response parser: framing (HEAD, 1xx, 204, 304, Content-Length, chunked, until the close), early EOFs, the head's
 * rules (status line, obs-fold, bare LF), the same events whatever the split; and its listener's exceptions and errors
 * passed on as they are.
 */
class ResponseParserTest {
    private static final byte[] RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
            .getBytes(StandardCharsets.ISO_8859_1);

    /** A listener that throws {@code failure} from onBody and records every other event. */
    private static ResponseParser.Listener throwingOnBody(Throwable failure, List<String> events) {
        return new ResponseParser.Listener() {
            @Override
            public void onHead(ResponseHead head) {
                events.add("head " + head.status());
            }

            @Override
            public void onBody(byte[] data) {
                if (failure instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) failure;
            }

            @Override
            public void onComplete() {
                events.add("complete");
            }

            @Override
            public void onError(String reason, boolean early) {
                events.add("error " + reason);
            }
        };
    }

    @Test
    void anErrorThrownByTheListenerIsRethrownNotTurnedIntoABadMessage() {
        for (Throwable failure : new Throwable[] {new OutOfMemoryError("test heap"), new StackOverflowError(),
                new IllegalStateException("listener")}) {
            List<String> events = new ArrayList<>();
            ResponseParser parser = new ResponseParser(throwingOnBody(failure, events));
            parser.reset(false);
            assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(RESPONSE))).isSameAs(failure);
            assertThat(events).containsExactly("head 200");
        }
    }

    /** Records events as text: "head STATUS REASON [fields]", "body TEXT", "complete", "error REASON early". */
    static final class Recorder implements ResponseParser.Listener {
        final List<String> events = new ArrayList<>();
        ResponseHead head;

        @Override
        public void onHead(ResponseHead h) {
            head = h;
            StringBuilder sb = new StringBuilder("head " + h.version() + " " + h.status() + " " + h.reason());
            h.headers().forEach((n, v) -> sb.append(" [").append(n).append(": ").append(v).append(']'));
            events.add(sb.toString());
        }

        @Override
        public void onBody(byte[] data) {
            assertThat(data).isNotEmpty();
            String text = new String(data, StandardCharsets.ISO_8859_1);
            if (!events.isEmpty() && events.getLast().startsWith("body ")) {
                events.set(events.size() - 1, events.getLast() + text); // pieces joined: splits do not show
            } else {
                events.add("body " + text);
            }
        }

        @Override
        public void onComplete() {
            events.add("complete");
        }

        @Override
        public void onError(String reason, boolean early) {
            events.add("error " + reason + (early ? " early" : ""));
        }
    }

    /** Feeds {@code wire} in pieces of {@code step} bytes; then EOF if {@code eof}; returns the events and the rest. */
    static List<String> parse(String wire, boolean head, boolean eof, int step) {
        Recorder r = new Recorder();
        ResponseParser p = new ResponseParser(r);
        p.reset(head);
        byte[] b = wire.getBytes(StandardCharsets.ISO_8859_1);
        int from = 0;
        boolean complete = false;
        while (from < b.length && !complete) {
            ByteBuffer buf = ByteBuffer.wrap(b, from, Math.min(step, b.length - from));
            complete = p.feed(buf);
            from = buf.position();
            if (!complete && buf.hasRemaining()) {
                break; // failed
            }
        }
        if (eof && !complete) {
            p.eof();
        }
        List<String> out = new ArrayList<>(r.events);
        out.add("rest " + wire.substring(from));
        return out;
    }

    static List<String> parse(String wire, boolean head, boolean eof) {
        List<String> whole = parse(wire, head, eof, Integer.MAX_VALUE);
        assertThat(parse(wire, head, eof, 1)).as("byte by byte: %s", wire).isEqualTo(whole);
        assertThat(parse(wire, head, eof, 7)).as("by seven: %s", wire).isEqualTo(whole);
        return whole;
    }

    static List<String> parse(String wire) {
        return parse(wire, false, true);
    }

    @Test
    void framesTheBodyByContentLengthOrChunksLeavingTheRest() {
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcNEXT")).containsExactly(
                "head HTTP/1.1 200 OK [Content-Length: 3]", "body abc", "complete", "rest NEXT");
        assertThat(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\nNEXT"))
                .containsExactly("head HTTP/1.1 200 OK [Transfer-Encoding: chunked]", "body abc", "complete",
                        "rest NEXT");
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nNEXT")).containsExactly(
                "head HTTP/1.1 200 OK [Content-Length: 0]", "complete", "rest NEXT");
    }

    @Test
    void headOneXxNoContentAndNotModifiedHaveNoBody() {
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc", true, true)).containsExactly(
                "head HTTP/1.1 200 OK [Content-Length: 3]", "complete", "rest abc");
        assertThat(parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n")).containsExactly(
                "head HTTP/1.1 100 Continue", "complete", "rest HTTP/1.1 200 OK\r\n");
        assertThat(parse("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\nframes")).containsExactly(
                "head HTTP/1.1 101 Switching Protocols [Upgrade: websocket]", "complete", "rest frames");
        assertThat(parse("HTTP/1.1 204 No Content\r\nContent-Length: 3\r\n\r\nabc")).containsExactly(
                "head HTTP/1.1 204 No Content [Content-Length: 3]", "complete", "rest abc");
        assertThat(parse("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\nabc")).containsExactly(
                "head HTTP/1.1 304 Not Modified [Transfer-Encoding: chunked]", "complete", "rest abc");
    }

    @Test
    void aBodyWithoutLengthEndsAtTheClose() {
        Recorder r = new Recorder();
        ResponseParser p = new ResponseParser(r);
        p.reset(false);
        assertThat(p.feed(ByteBuffer.wrap("HTTP/1.0 200 OK\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII))))
                .isFalse();
        assertThat(p.readUntilClose()).isTrue();
        assertThat(p.headDone()).isTrue();
        p.eof();
        assertThat(p.isComplete()).isTrue();
        assertThat(r.events).containsExactly("head HTTP/1.0 200 OK", "body abc", "complete");
        assertThat(r.head.keepAlive()).isFalse();
    }

    @Test
    void aTransferCodingOtherThanChunkedLastIsReadUntilTheClose() {
        Recorder r = new Recorder();
        ResponseParser p = new ResponseParser(r);
        p.reset(false);
        p.feed(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzz".getBytes(StandardCharsets.US_ASCII)));
        assertThat(p.transferCodings()).isEqualTo("gzip");
        assertThat(p.readUntilClose()).isTrue();
        p.eof();
        assertThat(r.events).containsExactly("head HTTP/1.1 200 OK [Transfer-Encoding: gzip]", "body zz", "complete");
        assertThat(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\nTransfer-Encoding: br\r\n\r\n"))
                .contains("complete");
    }

    @Test
    void reportsAnEarlyEnd() {
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Le")).containsExactly(
                "error the connection closed in the middle of the response's head early", "rest ");
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab")).containsExactly(
                "head HTTP/1.1 200 OK [Content-Length: 5]", "body ab",
                "error the connection closed before the response was complete early", "rest ");
        assertThat(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nab"))
                .contains("error the connection closed before the response was complete early");
    }

    @Test
    void readsTheHeadAsRfc9112Says() {
        // obs-fold joins the line before with one SP; bare LF ends lines; empty lines before the status line skipped
        assertThat(parse("\r\nHTTP/1.1 200 OK\nX: a\n  b\n\tc\nContent-Length: 0\n\n").getFirst())
                .isEqualTo("head HTTP/1.1 200 OK [X: a b c] [Content-Length: 0]");
        assertThat(parse("HTTP/1.2 200 Fine  \r\nContent-Length: 0\r\n\r\n").getFirst())
                .isEqualTo("head HTTP/1.1 200 Fine [Content-Length: 0]");
        assertThat(parse("HTTP/1.1 600\r\nContent-Length: 0\r\n\r\n").getFirst())
                .isEqualTo("head HTTP/1.1 600  [Content-Length: 0]");
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Length: 0\r\n\r\n")
                .getFirst()).contains("[Content-Type: text/plain; charset=ISO-8859-1]");
    }

    @Test
    void refusesMalformedHeads() {
        String[][] cases = {
            {"http/1.1 200 OK\r\n\r\n", "Bad status line 'http/1.1 200 OK'"},
            {"\rHTTP/1.1 200 OK\r\n\r\n", "a CR not followed by LF in the head"},
            {"HTTP/2.0 200 OK\r\n\r\n", "Bad status line"},
            {"HTTP/1.10 200 OK\r\n\r\n", "Bad status line"},
            {"HTTP/1.1 20 OK\r\n\r\n", "Bad status line"},
            {"HTTP/1.1 2000 OK\r\n\r\n", "Bad status line"},
            {"HTTP/1.1 099 OK\r\n\r\n", "Bad status line"},
            {"HTTP/1.1\r\n\r\n", "Bad status line"},
            {"HTTP/1.1 200 O\u0001K\r\n\r\n", "Bad status line"},
            {"HTTP/1.1 200 OK\r\n X: y\r\n\r\n", "whitespace before the first header field"},
            {"HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n", "a CR not followed by LF in the head"},
            {"HTTP/1.1 200 OK\r\nX : y\r\n\r\n", "whitespace before a header field's colon"},
            {"HTTP/1.1 200 OK\r\nNo colon\r\n\r\n", "a header field line without a colon"},
            {"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", "Multiple Content-Lengths"},
            {"HTTP/1.1 200 OK\r\nContent-Length: +3\r\n\r\nabc", "Invalid Content-Length Value"},
            {"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
                "Transfer-Encoding and Content-Length"},
            {"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 3\r\n\r\n",
                "Transfer-Encoding and Content-Length"},
            {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", "multiple chunked tokens"},
            {"HTTP/1.1 200 OK\r\nTransfer-Encoding:\r\n\r\n", "a Transfer-Encoding without a coding"},
            {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n", "a bare LF"},
        };
        for (String[] c : cases) {
            List<String> events = parse(c[0]);
            assertThat(events).as(c[0])
                    .anyMatch(e -> e.startsWith("error ") && e.contains(c[1]) && !e.endsWith(" early"));
        }
        String big = "HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(11000) + "\r\n";
        assertThat(parse(big).getFirst()).isEqualTo("error a response head larger than 65536 bytes");
    }
}
