package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpParser;
import org.junit.jupiter.api.Test;

/**
 * {@link ResponseParser} against Jetty 12's {@code HttpParser} in its response mode ({@code RFC9110}), as
 * {@code RequestParserDifferentialTest} does for requests: hand-written responses (sized, chunked with extensions and
 * trailers, close-delimited, 1xx, 204, 304, several in a row) and 30,000 seeded mutations of them must give the same
 * responses (status, version, fields with names in lower case, body) and the same verdict, except for the documented
 * differences of docs/http-parser.md ("Response head", "Chunked bodies"), each in {@link #DELIBERATE}.
 */
class ResponseParserDifferentialTest {
    record Outcome(List<String> responses, boolean refused, String reason) {
        String transcript() {
            return String.join("\n", responses) + (refused ? "\nREFUSED" : "\nOK");
        }
    }

    @FunctionalInterface
    interface Rule {
        boolean test(String in, Outcome ours, Outcome jetty);
    }

    record Deliberate(String rule, Rule test) {
    }

    static final List<Deliberate> DELIBERATE = List.of(
            // "Response head": the version is case-sensitive HTTP/1.DIGIT, HTTP/1.2 read as 1.1; the status three
            // digits from 100; the reason phrase anything but control characters (HTAB and obs-text too, RFC 9112 §4,
            // which Jetty refused).
            new Deliberate("Response head: the status line's version, status and reason", (in, o, j) ->
                    prefix(o, j) && o.refused && reasonIs(o, "Bad status line")
                            || prefix(j, o) && j.refused && o.responses.size() > j.responses.size()
                            && (in.matches("(?s).*HTTP/1\\.[2-9].*") || obsTextInStatusLine(in))),
            // "Response head": obs-fold replaced by SP, as RFC 9112 §5.2 requires of a user agent.
            new Deliberate("Response head: obs-fold is unfolded", (in, o, j) ->
                    j.refused && prefix(j, o) && (in.contains("\n ") || in.contains("\n\t"))),
            // "Response head": a Transfer-Encoding not ending in chunked frames the body by the close.
            new Deliberate("Response head: a Transfer-Encoding not ending in chunked is read until the close",
                    (in, o, j) -> j.refused && prefix(j, o) && unchunked(o)),
            // "Chunked bodies": leading zeros; the exact line limits; a message complete at its last LF.
            new Deliberate("Chunked bodies: leading zeros of chunk sizes, any number", (in, o, j) ->
                    j.refused && prefix(j, o) && in.matches("(?s).*\n0{16,}.*")),
            new Deliberate("Chunked bodies and trailers: the exact limits", (in, o, j) ->
                    o.refused && prefix(o, j) && reasonIs(o, "longer than", "trailer fields",
                            "a trailer section larger than")),
            new Deliberate("End of input: a message is complete at the LF of its last line", (in, o, j) ->
                    o.refused && prefix(o, j) && reasonIs(o, "closed before the response was complete",
                            "closed in the middle of the response's head")));

    /** Whether one of ours' responses has a Transfer-Encoding whose last coding is not chunked. */
    private static boolean unchunked(Outcome o) {
        for (String r : o.responses) {
            for (String part : r.substring(0, r.indexOf(" || ")).split(" \\| ")) {
                if (part.startsWith("transfer-encoding: ")) {
                    String[] codings = part.substring(19).split(",");
                    if (!codings[codings.length - 1].strip().equalsIgnoreCase("chunked")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether a status line of the input holds HTAB or obs-text (0x80 to 0xFF), which a reason phrase may hold. */
    private static boolean obsTextInStatusLine(String in) {
        for (String line : in.split("\n")) {
            if (line.contains("HTTP/") && line.chars().anyMatch(c -> c >= 0x80 || c == '\t')) {
                return true;
            }
        }
        return false;
    }

    private static boolean prefix(Outcome a, Outcome b) {
        return b.responses.size() >= a.responses.size()
                && b.responses.subList(0, a.responses.size()).equals(a.responses);
    }

    private static boolean reasonIs(Outcome o, String... parts) {
        for (String p : parts) {
            if (o.reason != null && o.reason.contains(p)) {
                return true;
            }
        }
        return false;
    }

    static Outcome ours(byte[] wire, boolean head) {
        List<String> responses = new ArrayList<>();
        String[] error = {null};
        StringBuilder[] current = {null};
        ByteArrayOutputStream[] body = {new ByteArrayOutputStream()};
        ResponseParser p = new ResponseParser(new ResponseParser.Listener() {
            @Override
            public void onHead(ResponseHead h) {
                StringBuilder sb = new StringBuilder(h.version() + " " + h.status());
                h.headers().forEach((n, v) -> sb.append(" | ").append(n.toLowerCase(Locale.ROOT)).append(": ")
                        .append(v));
                current[0] = sb;
                body[0] = new ByteArrayOutputStream();
            }

            @Override
            public void onBody(byte[] data) {
                body[0].writeBytes(data);
            }

            @Override
            public void onComplete() {
                responses.add(current[0] + " || " + body[0].toString(StandardCharsets.ISO_8859_1));
            }

            @Override
            public void onError(String reason, boolean early) {
                error[0] = reason;
            }
        });
        p.reset(head);
        ByteBuffer buf = ByteBuffer.wrap(wire);
        boolean midMessage = false;
        while (buf.hasRemaining() && error[0] == null) {
            if (p.feed(buf)) {
                p.reset(head);
                midMessage = false;
            } else {
                midMessage = true;
                if (buf.hasRemaining()) {
                    break;
                }
            }
        }
        if (error[0] == null && midMessage) {
            p.eof();
        }
        return new Outcome(responses, error[0] != null, error[0]);
    }

    static Outcome jetty(byte[] wire, boolean head) {
        JettyRecorder.Responses handler = new JettyRecorder.Responses();
        HttpParser jetty = new HttpParser(handler, 64 * 1024, HttpCompliance.RFC9110);
        jetty.setHeaderCacheCaseSensitive(true);
        jetty.setHeadResponse(head);
        ByteBuffer buf = ByteBuffer.wrap(wire);
        while (handler.error == null) {
            int before = buf.remaining();
            boolean complete;
            try {
                complete = jetty.parseNext(buf);
            } catch (AssertionError | RuntimeException e) {
                handler.error = "Jetty's assertion: " + e; // its response mode asserts on some malformed heads
                break;
            }
            if (complete) {
                jetty.reset();
                jetty.setHeadResponse(head);
                if (!buf.hasRemaining()) {
                    break;
                }
            } else if (buf.remaining() == before || !buf.hasRemaining()) {
                if (buf.hasRemaining()) {
                    handler.error = "stalled";
                } else if (!jetty.isStart()) {
                    jetty.atEOF();
                    try {
                        jetty.parseNext(ByteBuffer.allocate(0));
                    } catch (AssertionError | RuntimeException e) {
                        handler.error = "EOF in the head"; // Jetty's response mode trips its own assertion there
                    }
                    if (handler.error == null && !jetty.isStart() && !jetty.isComplete()) {
                        handler.error = "stalled at EOF";
                    }
                }
                break;
            }
        }
        return new Outcome(handler.messages, handler.error != null, handler.error);
    }

    static final String[] SEEDS = {
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Length: 5\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;a=b\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\n"
                + "X-T: 1\r\n\r\n",
        "HTTP/1.0 200 OK\r\nServer: x\r\n\r\nuntil the close",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nX: y\r\n\r\nHTTP/1.1 304 Not Modified\r\n"
                + "ETag: \"a\"\r\n\r\n",
        "HTTP/1.1 301 Moved Permanently\r\nLocation: /x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 404 Not Found\r\nContent-Length: 1\r\n\r\nx",
        "HTTP/1.1 200 OK\r\nSet-Cookie: a=b; Path=/\r\nSet-Cookie: c=d\r\nContent-Length: 0\r\n\r\n",
    };

    private static final byte[] INTERESTING = "\r\n \t:;=\",\\0aZ1f/?%\u0000\u007f\u00ff\u0080Hh-."
            .getBytes(StandardCharsets.ISO_8859_1);

    static String mutate(String in, Random r) {
        if (in.isEmpty()) {
            return "x";
        }
        int at = r.nextInt(in.length());
        char c = (char) (INTERESTING[r.nextInt(INTERESTING.length)] & 0xff);
        return switch (r.nextInt(7)) {
            case 0 -> in.substring(0, at) + c + in.substring(at);
            case 1 -> in.substring(0, at) + in.substring(at + 1);
            case 2 -> in.substring(0, at) + c + in.substring(at + 1);
            case 3 -> in.substring(0, at) + (char) r.nextInt(256) + in.substring(at);
            case 4 -> {
                char k = in.charAt(at);
                yield Character.isLetter(k) && k < 0x80 ? in.substring(0, at) + (char) (k ^ 0x20) + in.substring(at + 1)
                        : in;
            }
            case 5 -> {
                int s = in.lastIndexOf('\n', at) + 1;
                int e = in.indexOf('\n', at);
                e = e < 0 ? in.length() : e + 1;
                yield in.substring(0, e) + in.substring(s, e) + in.substring(e);
            }
            default -> mutate(mutate(in, r), r);
        };
    }

    static String compare(String input, boolean head) {
        byte[] b = input.getBytes(StandardCharsets.ISO_8859_1);
        Outcome ours = ours(b, head);
        Outcome jetty = jetty(b, head);
        if (ours.transcript().equals(jetty.transcript())) {
            return "";
        }
        for (Deliberate d : DELIBERATE) {
            if (d.test().test(input, ours, jetty)) {
                return d.rule();
            }
        }
        throw new AssertionError("the parsers differ on " + show(input) + " (HEAD " + head + ")\nours:  "
                + ours.transcript() + " (" + ours.reason + ")\njetty: " + jetty.transcript() + " (" + jetty.reason
                + ")");
    }

    static String show(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : (s.length() > 300 ? s.substring(0, 300) + "..." : s).toCharArray()) {
            sb.append(c == '\r' ? "\\r" : c == '\n' ? "\\n" : c < 0x20 || c >= 0x7f
                    ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.append('"').toString();
    }

    @Test
    void agreesWithJettyOnResponsesAndTheirMutationsExceptWhereDocumented() {
        Random r = new Random(16);
        Map<String, Integer> differences = new LinkedHashMap<>();
        int inputs = 0;
        for (String seed : SEEDS) {
            differences.merge(compare(seed, false), 1, Integer::sum);
            differences.merge(compare(seed, true), 1, Integer::sum);
            inputs += 2;
        }
        for (int i = 0; i < 30_000; i++) {
            String input = mutate(SEEDS[r.nextInt(SEEDS.length)], r);
            differences.merge(compare(input, i % 10 == 0), 1, Integer::sum);
            inputs++;
        }
        System.out.println("ResponseParserDifferentialTest: " + inputs + " inputs; " + differences);
        assertThat(differences.get("")).isGreaterThan(inputs / 2);
    }

    @Test
    void everyDeliberateDifferenceHasAnExample() {
        String[] examples = {
            "http/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX: a\r\n b\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzz",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "0".repeat(20) + "3\r\nabc\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;a=" + "x".repeat(8190) + "\r\nx\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n\r\n",
        };
        assertThat(examples).hasSize(DELIBERATE.size());
        for (int i = 0; i < examples.length; i++) {
            assertThat(compare(examples[i], false)).as(examples[i]).isEqualTo(DELIBERATE.get(i).rule());
        }
    }
}
