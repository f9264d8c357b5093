package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.internal.HttpParseException;
import io.asyncio4j.http.internal.JettyRecorder;
import io.asyncio4j.http.internal.RequestHead;
import io.asyncio4j.http.internal.RequestParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpParser;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestParser} against Jetty 12's {@code HttpParser} in strict {@code RFC9110} mode, the parser it
 * replaced (docs/http-parser.md, "How it is verified"): the same inputs, the fuzz corpus and mutations of it and of
 * hand-written requests (split points, bytes inserted, deleted and replaced, case flips, duplicated lines, lines
 * around the 8190-byte limit, chunk framing variants), must give the same transcript: the same requests (method,
 * target, version, fields, body) in the same order, then the same verdict (accepted, or refused). Field names are
 * compared in lower case (Jetty spells the fields it knows its own way; ours keeps the name as sent).
 *
 * <p>Where the two differ on purpose, the difference is one of {@link #DELIBERATE}, each naming its rule in
 * docs/http-parser.md; any other difference fails the test with the input.
 */
class RequestParserDifferentialTest {
    /** A parse: the requests read, then "ok" or "refused" (Jetty's refusal by its status, earlyEOF or stall). */
    record Outcome(List<String> requests, boolean refused, String reason) {
        String transcript() {
            return String.join("\n", requests) + (refused ? "\nREFUSED" : "\nOK");
        }
    }

    /**
     * The documented differences: when the outcomes differ and one of these holds, the difference is the rule's.
     * Each is tested on (input, ours, Jetty's).
     */
    record Deliberate(String rule, TriPredicate test) {
    }

    @FunctionalInterface
    interface TriPredicate {
        boolean test(byte[] input, Outcome ours, Outcome jetty);
    }

    static final List<Deliberate> DELIBERATE = List.of(
            // "Request line": one SP each; a case-sensitive version; HTTP/1.2-1.9 served as 1.1 (Jetty: 505); a
            // target in one of the four forms of RFC 9112 §3.2 (Jetty let relative targets and GET * through); every
            // control character refused (Jetty's fast path let DEL through in a request line that came whole).
            new Deliberate("Request line: method SP request-target SP HTTP-version, checked whole", (in, o, j) ->
                    o.refused && prefix(o, j) && reasonIs(o, "malformed request line",
                            "malformed HTTP version", "a request target that is neither", "asterisk-form",
                            "in the request line", "a method that is not a token", "a CONNECT request target")),
            new Deliberate("Request line: HTTP/1.2 to HTTP/1.9 are served as HTTP/1.1", (in, o, j) ->
                    j.refused && j.reason.startsWith("505") && contains(in, "HTTP/1.") && prefix(j, o)
                            && o.requests.size() > j.requests.size()),
            // "Head": every line of the head ends with CRLF and holds no control character (HTAB in fields only);
            // Jetty's RFC9110 mode takes a bare LF as a line ending and skips some control characters.
            new Deliberate("Head: a bare LF, a CR not followed by LF, a control character: 400", (in, o, j) ->
                    o.refused && prefix(o, j) && reasonIs(o, "a bare LF (without CR) in the head",
                            "a CR not followed by LF in the head", "control character")),
            // "Limits": 8190 bytes per line and 128 fields, exact (Jetty limits the whole head only).
            new Deliberate("Limits: a request line over 8190 bytes is 414, a field line over 8190 bytes or over 128 "
                    + "fields is 431; a trailer field line over 8190 bytes is 400", (in, o, j) -> o.refused
                    && prefix(o, j) && reasonIs(o, "request line longer than", "header field line longer than",
                    "more than 128 header fields", "a trailer field line longer than", "trailer fields",
                    "a trailer section larger than")),
            // "Chunked bodies": any number of leading zeros (Jetty refuses more than 16 digits); a size over
            // 2^63-1 and a chunk-size line over 8190 bytes refused with their own reasons.
            new Deliberate("Chunked bodies: leading zeros of chunk sizes, any number", (in, o, j) ->
                    j.refused && hasLongChunkSize(in) && prefix(j, o) && o.requests.size() > j.requests.size()),
            new Deliberate("Chunked bodies: a chunk size over 2^63-1, a chunk-size line over 8190 bytes",
                    (in, o, j) -> o.refused && prefix(o, j) && reasonIs(o, "a chunk size over", "a chunk-size line longer than")),
            // "Fields": an Expect other than 100-continue is 417 (Jetty passes it on).
            new Deliberate("Fields: an Expect other than 100-continue is 417", (in, o, j) ->
                    o.refused && prefix(o, j) && reasonIs(o, "unsupported expectation")),
            // "Fields": each transfer coding is a token with parameters (RFC 9110 §10.1.4); Jetty takes any
            // characters between the commas.
            new Deliberate("Fields: a Transfer-Encoding's codings are tokens", (in, o, j) ->
                    o.refused && prefix(o, j) && reasonIs(o, "a coding that is not a token")),
            // "End of input": empty lines before a request line begin it, so an EOF after them is a request cut
            // short (as before the parser was ours), where Jetty skips them and sees a quiet EOF; and a message is
            // complete at the LF of its last line, where Jetty completes a trailer section at its CR.
            new Deliberate("End of input: an EOF after empty lines, or before the last LF, is a request cut short",
                    (in, o, j) -> o.refused && prefix(o, j)
                            && reasonIs(o, "the connection closed in the middle of a request") && endsWithEol(in)));

    /** Whether the requests {@code a} read are the first ones {@code b} read ({@code b} may have read more). */
    private static boolean prefix(Outcome a, Outcome b) {
        return b.requests.size() >= a.requests.size() && b.requests.subList(0, a.requests.size()).equals(a.requests);
    }

    private static boolean reasonIs(Outcome o, String... prefixes) {
        for (String p : prefixes) {
            if (o.reason != null && o.reason.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(byte[] in, String s) {
        return new String(in, StandardCharsets.ISO_8859_1).contains(s);
    }

    private static boolean endsWithEol(byte[] in) {
        return in.length > 0 && (in[in.length - 1] == '\n' || in[in.length - 1] == '\r');
    }

    /** Whether the input holds a run of more than 16 hex digits after a line break (a padded chunk size). */
    private static boolean hasLongChunkSize(byte[] in) {
        int run = 0;
        boolean atLineStart = false;
        for (byte b : in) {
            if (b == '\n') {
                atLineStart = true;
                run = 0;
            } else if (atLineStart && HexFormat.isHexDigit(b)) {
                if (++run > 16) {
                    return true;
                }
            } else {
                atLineStart = false;
            }
        }
        return false;
    }

    // ---- the two parsers ----

    /** Ours, fed {@code wire} cut at {@code cuts}, reset after each request, then EOF (as the server does). */
    static Outcome ours(byte[] wire, int[] cuts) {
        List<String> requests = new ArrayList<>();
        String[] error = {null};
        StringBuilder[] current = {null};
        ByteArrayOutputStream[] body = {new ByteArrayOutputStream()};
        RequestParser p = new RequestParser(new RequestParser.Listener() {
            @Override
            public void onHead(RequestHead h) {
                StringBuilder sb = new StringBuilder(h.method() + " " + h.target() + " " + h.version());
                for (Map.Entry<String, String> f : h.headers()) {
                    sb.append(" | ").append(f.getKey().toLowerCase(Locale.ROOT)).append(": ").append(f.getValue());
                }
                current[0] = sb;
                body[0] = new ByteArrayOutputStream();
            }

            @Override
            public void onBody(byte[] data) {
                body[0].writeBytes(data);
            }

            @Override
            public void onComplete() {
                requests.add(current[0] + " || " + body[0].toString(StandardCharsets.ISO_8859_1));
            }

            @Override
            public void onError(HttpParseException e) {
                error[0] = e.status() + " " + e.reason();
            }
        });
        RequestParserTest.feed(p, wire, cuts);
        return new Outcome(requests, error[0] != null, error[0]);
    }

    /** Jetty's {@code HttpParser} (RFC9110, no violation allowed), fed whole, reset after each request, then EOF. */
    static Outcome jetty(byte[] wire) {
        JettyRecorder.Requests handler = new JettyRecorder.Requests();
        HttpParser jetty = new HttpParser(handler, 64 * 1024, HttpCompliance.RFC9110);
        jetty.setHeaderCacheCaseSensitive(true);
        ByteBuffer buf = ByteBuffer.wrap(wire);
        while (handler.error == null) {
            int before = buf.remaining();
            boolean complete = jetty.parseNext(buf);
            if (complete) {
                jetty.reset();
                if (!buf.hasRemaining()) {
                    break;
                }
            } else if (buf.remaining() == before || !buf.hasRemaining()) {
                if (buf.hasRemaining()) {
                    handler.error = "stalled"; // Jetty stopped consuming without a verdict: it refused the bytes
                } else if (!jetty.isStart()) {
                    jetty.atEOF();
                    jetty.parseNext(ByteBuffer.allocate(0));
                    if (handler.error == null) {
                        handler.error = "stalled at EOF";
                    }
                }
                break;
            }
        }
        return new Outcome(handler.messages, handler.error != null, handler.error);
    }

    // ---- the inputs ----

    private static final String[] SEEDS = {
        "GET / HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET /a%20b?x=1&x=2 HTTP/1.1\r\nHost: example.org:8080\r\nAccept: */*\r\nX-Multi: 1\r\nx-multi: 2\r\n"
                + "Connection: keep-alive\r\n\r\n",
        "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n\r\nhello",
        "POST /up?q=1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n10;e=1;f=\"q \\\" x\"\r\n"
                + "0123456789abcdef\r\n0\r\nX-Trailer: t\r\n\r\n",
        "PUT /p HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\nwxyzGET /last HTTP/1.1\r\n"
                + "Host: h\r\nA: b\r\n\r\n",
        "GET / HTTP/1.0\r\n\r\nGET /2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\nCONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n",
        "GET http://h/x HTTP/1.1\r\nHost: h\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\nCookie: a=b; c=d\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "DELETE /x HTTP/1.1\r\nHost: [::1]:8080\r\nContent-Length: 0\r\n\r\n",
    };

    /** Bytes that matter to the grammar, for insertions and replacements. */
    private static final byte[] INTERESTING = "\r\n \t:;=\",\\0aZ1f/?*%\u0000\u007f\u00ff\u0080Hh-.@[]"
            .getBytes(StandardCharsets.ISO_8859_1);

    static List<byte[]> corpus() {
        List<byte[]> out = new ArrayList<>();
        Path dir = Path.of("src/test/resources/io/asyncio4j/http/RequestParserFuzzTestInputs/neverMisbehaves");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                byte[] b = Files.readAllBytes(f);
                out.add(b);
                if (b.length > 4) {
                    out.add(Arrays.copyOf(b, b.length - 4)); // without the int Jazzer takes from the end
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String s : SEEDS) {
            out.add(s.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    /** One random mutation of {@code in}. */
    static byte[] mutate(byte[] in, Random r) {
        if (in.length == 0) {
            return new byte[] {INTERESTING[r.nextInt(INTERESTING.length)]};
        }
        int at = r.nextInt(in.length);
        switch (r.nextInt(9)) {
            case 0 -> {     // insert a byte
                return splice(in, at, 0, new byte[] {INTERESTING[r.nextInt(INTERESTING.length)]});
            }
            case 1 -> {     // delete a byte
                return splice(in, at, 1, new byte[0]);
            }
            case 2 -> {     // replace a byte
                return splice(in, at, 1, new byte[] {INTERESTING[r.nextInt(INTERESTING.length)]});
            }
            case 3 -> {     // a random byte anywhere
                return splice(in, at, r.nextBoolean() ? 1 : 0, new byte[] {(byte) r.nextInt(256)});
            }
            case 4 -> {     // flip the case of a letter
                byte[] out = in.clone();
                for (int i = 0; i < out.length; i++) {
                    int k = (at + i) % out.length;
                    if (Character.isLetter(out[k] & 0xff) && out[k] > 0) {
                        out[k] ^= 0x20;
                        break;
                    }
                }
                return out;
            }
            case 5 -> {     // duplicate a line
                int start = lineStart(in, at);
                int end = lineEnd(in, at);
                return splice(in, end, 0, Arrays.copyOfRange(in, start, end));
            }
            case 6 -> {     // make a line about 8190 bytes long (just under, at, or just over)
                int start = lineStart(in, at);
                int end = lineEnd(in, at);
                int content = end - start - 2;
                int pad = 8190 - content + r.nextInt(4) - 1;
                if (pad <= 0 || content < 0) {
                    return in;
                }
                byte[] filler = new byte[pad];
                Arrays.fill(filler, (byte) (r.nextBoolean() ? 'a' : '0'));
                int where = start + Math.max(0, Math.min(content, new String(in, start, Math.max(0, content),
                        StandardCharsets.ISO_8859_1).indexOf(':') + 2));
                return splice(in, where, 0, filler);
            }
            case 7 -> {     // chunk framing: a chunked request with varied framing
                return chunked(r);
            }
            default -> {    // two mutations
                return mutate(mutate(in, r), r);
            }
        }
    }

    /** A chunked request whose framing varies: sizes with zeros and either case, extensions, trailers, endings. */
    static byte[] chunked(Random r) {
        String[] exts = {"", ";a", ";a=b", " ;a=b", "; a = b", ";a=\"x y\"", ";a=\"\\\"\"", ";", ";=b", " ", "\t",
            ";a=", ";a=b c", ";a=\"unterminated", ";a\u0000", ";a=\u00e9", ";a=\"\u00e9\"", ";a;b;c"};
        String[] trailers = {"", "X: y\r\n", "X : y\r\n", "X y\r\n", "X: y\r\n z\r\n", "X: \u0001\r\n", "X: y\n",
            "Content-Length: 5\r\n", ":\r\n"};
        String[] endings = {"\r\n", "\r\n", "\r\n", "\n", "\r", " \r\n"};
        StringBuilder sb = new StringBuilder("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n");
        int chunks = r.nextInt(3);
        for (int i = 0; i < chunks; i++) {
            int size = 1 + r.nextInt(20);
            String hex = Integer.toHexString(size);
            hex = r.nextBoolean() ? hex.toUpperCase(Locale.ROOT) : hex;
            sb.append("0".repeat(r.nextInt(4) == 0 ? r.nextInt(20) : 0)).append(hex)
                    .append(exts[r.nextInt(exts.length)]).append(endings[r.nextInt(endings.length)])
                    .append("x".repeat(size + (r.nextInt(10) == 0 ? 1 : 0)))
                    .append(endings[r.nextInt(endings.length)]);
        }
        sb.append("0".repeat(1 + (r.nextInt(4) == 0 ? r.nextInt(20) : 0))).append(exts[r.nextInt(exts.length)])
                .append(endings[r.nextInt(endings.length)]).append(trailers[r.nextInt(trailers.length)])
                .append(endings[r.nextInt(endings.length)]);
        if (r.nextBoolean()) {
            sb.append("GET /next HTTP/1.1\r\nHost: h\r\n\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int lineStart(byte[] in, int at) {
        int i = Math.min(at, in.length - 1);
        while (i > 0 && in[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    private static int lineEnd(byte[] in, int at) {
        int i = at;
        while (i < in.length && in[i] != '\n') {
            i++;
        }
        return Math.min(in.length, i + 1);
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        int cut = Math.min(remove, in.length - at);
        byte[] out = new byte[in.length - cut + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + cut, out, at + insert.length, in.length - at - cut);
        return out;
    }

    // ---- the comparison ----

    /** Compares the two parsers on {@code input}; returns the deliberate difference's rule, "" if none was needed. */
    static String compare(byte[] input) {
        Outcome ours = ours(input, new int[0]);
        Outcome jetty = jetty(input);
        if (ours.transcript().equals(jetty.transcript())) {
            return "";
        }
        for (Deliberate d : DELIBERATE) {
            if (d.test().test(input, ours, jetty)) {
                return d.rule();
            }
        }
        throw new AssertionError("the parsers differ on " + show(input) + "\nours:  " + ours.transcript()
                + " (" + ours.reason + ")\njetty: " + jetty.transcript() + " (" + jetty.reason + ")");
    }

    static String show(byte[] input) {
        String s = new String(input, StandardCharsets.ISO_8859_1);
        s = s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " bytes)" : s;
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            sb.append(c == '\r' ? "\\r" : c == '\n' ? "\\n" : c < 0x20 || c >= 0x7f ? String.format("\\x%02x", (int) c)
                    : String.valueOf(c));
        }
        return sb.append('"').toString();
    }

    @Test
    void agreesWithJettyOnTheCorpusAndItsMutationsExceptWhereDocumented() {
        Random r = new Random(16);
        Map<String, Integer> differences = new LinkedHashMap<>();
        int inputs = 0;
        List<byte[]> corpus = corpus();
        for (byte[] seed : corpus) {
            differences.merge(compare(seed), 1, Integer::sum);
            inputs++;
        }
        for (int i = 0; i < 40_000; i++) {
            byte[] seed = corpus.get(r.nextInt(corpus.size()));
            byte[] input = mutate(seed, r);
            differences.merge(compare(input), 1, Integer::sum);
            inputs++;
            // ours the same whatever the split
            int cut = input.length < 2 ? 0 : 1 + r.nextInt(input.length - 1);
            if (cut > 0) {
                assertThat(ours(input, new int[] {cut}).transcript()).as("%s cut at %d", show(input), cut)
                        .isEqualTo(ours(input, new int[0]).transcript());
            }
        }
        System.out.println("RequestParserDifferentialTest: " + inputs + " inputs; " + differences);
        assertThat(inputs).isGreaterThan(40_000);
        assertThat(differences.get("")).isGreaterThan(inputs / 2);
    }

    @Test
    void everyDeliberateDifferenceHasAnExample() {
        String[][] examples = {
            {"GET  / HTTP/1.1\r\nHost: h\r\n\r\n", DELIBERATE.get(0).rule()},
            {"GET / HTTP/1.2\r\nHost: h\r\n\r\n", DELIBERATE.get(1).rule()},
            {"GET / HTTP/1.1\r\nHost: h\r\nX: a\n\n", DELIBERATE.get(2).rule()},
            {"GET / HTTP/1.1\r\nHost: h\r\nX: " + "a".repeat(8190) + "\r\n\r\n", DELIBERATE.get(3).rule()},
            {"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + "0".repeat(20) + "3\r\nabc\r\n0\r\n\r\n",
                DELIBERATE.get(4).rule()},
            {"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;a=" + "x".repeat(8190)
                + "\r\nx\r\n0\r\n\r\n",
                DELIBERATE.get(5).rule()},
            {"GET / HTTP/1.1\r\nHost: h\r\nExpect: x\r\n\r\n", DELIBERATE.get(6).rule()},
            {"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: ?, chunked\r\n\r\n0\r\n\r\n",
                DELIBERATE.get(7).rule()},
            {"GET / HTTP/1.1\r\nHost: h\r\n\r\n\r\n", DELIBERATE.get(8).rule()},
        };
        for (String[] e : examples) {
            assertThat(compare(e[0].getBytes(StandardCharsets.ISO_8859_1))).as(e[0]).isEqualTo(e[1]);
        }
        assertThat(examples.length).isEqualTo(DELIBERATE.size());
    }
}
