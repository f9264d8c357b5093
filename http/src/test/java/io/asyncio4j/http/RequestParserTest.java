package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.internal.HttpParseException;
import io.asyncio4j.http.internal.RequestHead;
import io.asyncio4j.http.internal.RequestParser;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestParserTest {
    /** Records the parser's events; {@link #parse} feeds a whole byte stream, resetting after each request. */
    static final class Recorder implements RequestParser.Listener {
        final List<RequestHead> heads = new ArrayList<>();
        final List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpParseException error;

        @Override
        public void onHead(RequestHead head) {
            heads.add(head);
        }

        @Override
        public void onBody(byte[] data) {
            body.writeBytes(data);
        }

        @Override
        public void onComplete() {
            bodies.add(body.toByteArray());
            body = new ByteArrayOutputStream();
        }

        @Override
        public void onError(HttpParseException e) {
            error = e;
        }

        String body(int i) {
            return new String(bodies.get(i), StandardCharsets.ISO_8859_1);
        }
    }

    static Recorder parse(String wire) {
        return parse(wire.getBytes(StandardCharsets.ISO_8859_1), new int[0]);
    }

    /** Feeds {@code wire} cut at the given offsets (each piece in its own buffer, as reads would deliver it). */
    static Recorder parse(byte[] wire, int[] cuts) {
        Recorder r = new Recorder();
        feed(new RequestParser(r), wire, cuts);
        return r;
    }

    /**
     * Feeds {@code wire} to {@code p} in pieces cut at {@code cuts}, resetting after each request, as the server
     * does; then EOF, unless the parser failed.
     */
    static void feed(RequestParser p, byte[] wire, int[] cuts) {
        ByteBuffer pending = ByteBuffer.allocate(0);
        int from = 0;
        int[] ends = java.util.Arrays.copyOf(cuts, cuts.length + 1);
        ends[cuts.length] = wire.length;
        for (int end : ends) {
            ByteBuffer next = ByteBuffer.allocate(pending.remaining() + end - from);
            next.put(pending).put(wire, from, end - from).flip();
            pending = next;
            from = end;
            while (pending.hasRemaining() && !p.isFailed() && p.feed(pending)) {
                p.reset();
            }
            if (p.isFailed()) {
                return;
            }
        }
        p.eof();
    }

    static void assertRejected(String wire, int status) {
        Recorder r = parse(wire);
        assertThat(r.error).as("rejection of %s", wire.replace("\r", "\\r").replace("\n", "\\n")).isNotNull();
        assertThat(r.error.status()).as(r.error.reason()).isEqualTo(status);
        assertThat(r.error.reason()).doesNotContain("No Host");
    }

    @Test
    void parsesARequestWithHeadersAndABody() {
        Recorder r = parse("POST /a%20b?x=1&x=2 HTTP/1.1\r\nHost: h\r\nX-Multi: 1\r\nx-multi: 2\r\n"
                + "Content-Length: 5\r\n\r\nhello");
        assertThat(r.error).isNull();
        RequestHead h = r.heads.get(0);
        assertThat(h.method()).isEqualTo("POST");
        assertThat(h.target()).isEqualTo("/a%20b?x=1&x=2");
        assertThat(h.version()).isEqualTo("HTTP/1.1");
        assertThat(h.headers().getAll("X-MULTI")).containsExactly("1", "2");
        assertThat(h.contentLength()).isEqualTo(5);
        assertThat(h.keepAlive()).isTrue();
        assertThat(r.body(0)).isEqualTo("hello");
    }

    @Test
    void decodesAChunkedBodyWithExtensionsAndTrailers() {
        Recorder r = parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
        assertThat(r.error).isNull();
        assertThat(r.heads.get(0).chunked()).isTrue();
        assertThat(r.body(0)).isEqualTo("hello world");
    }

    @Test
    void parsesPipelinedRequestsInOrder() {
        Recorder r = parse("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                + "GET /3 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        assertThat(r.error).isNull();
        assertThat(r.heads).extracting(RequestHead::target).containsExactly("/1", "/2", "/3");
        assertThat(r.body(1)).isEqualTo("abc");
        assertThat(r.heads.get(2).keepAlive()).isFalse();
    }

    @Test
    void http10KeepsAliveOnlyWhenAsked() {
        assertThat(parse("GET / HTTP/1.0\r\nHost: h\r\n\r\n").heads.get(0).keepAlive()).isFalse();
        assertThat(parse("GET / HTTP/1.0\r\nHost: h\r\nConnection: keep-alive\r\n\r\n").heads.get(0).keepAlive()).isTrue();
    }

    @Test
    void seesExpectContinue() {
        RequestHead h = parse("PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx").heads.get(0);
        assertThat(h.expectContinue()).isTrue();
    }

    /** The same pipelined stream, cut at every byte boundary (and at every pair), parses to the same requests. */
    @Test
    void parsesTheSameWhenSplitAtEveryByteBoundary() {
        byte[] wire = ("POST /up?q=1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n"
                + "PUT /p HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nwxyz"
                + "GET /last HTTP/1.1\r\nHost: h\r\nA: b\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 1; cut < wire.length; cut++) {
            checkSplit(wire, new int[] {cut});
        }
        for (int a = 1; a < wire.length; a += 7) {
            for (int b = a + 1; b < wire.length; b += 5) {
                checkSplit(wire, new int[] {a, b});
            }
        }
        int[] everyByte = new int[wire.length - 1];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        checkSplit(wire, everyByte);
    }

    private static void checkSplit(byte[] wire, int[] cuts) {
        Recorder r = parse(wire, cuts);
        String at = java.util.Arrays.toString(cuts);
        assertThat(r.error).as(at).isNull();
        assertThat(r.heads).as(at).extracting(RequestHead::target).containsExactly("/up?q=1", "/p", "/last");
        assertThat(r.body(0)).as(at).isEqualTo("abc0123456789abcdef");
        assertThat(r.body(1)).as(at).isEqualTo("wxyz");
        assertThat(r.body(2)).as(at).isEmpty();
        assertThat(r.heads.get(2).headers().get("a")).as(at).isEqualTo("b");
    }

    @Test
    void rejectsContentLengthWithTransferEncoding() {
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n", 400);
    }

    @Test
    void rejectsDuplicateContentLengths() {
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 400);
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400);
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 3\r\n\r\nabc", 400);
    }

    @Test
    void rejectsInvalidContentLengths() {
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", 400);
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1x\r\n\r\n", 400);
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400);
    }

    @Test
    void rejectsBareLineFeeds() {
        assertRejected("GET / HTTP/1.1\nHost: x\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: x\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nHost: x\r\n\n", 400);
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n", 400);
    }

    @Test
    void rejectsBareCarriageReturns() {
        assertRejected("GET / HTTP/1.1\rHost: x\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: x\ry\r\n\r\n", 400);
        assertRejected("GET /\r HTTP/1.1\r\nHost: h\r\n\r\n", 400);
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\rabc\r\n0\r\n\r\n", 400);
    }

    /** Found by the fuzzer when Jetty parsed for us: its fast path let DEL through in a request line that came whole. */
    @Test
    void rejectsControlCharactersWhereverTheBytesAreSplit() {
        String[] wires = {"GET /a\u007fb HTTP/1.1\r\nHost: h\r\n\r\n", "GET /a\u0001 HTTP/1.1\r\nHost: h\r\n\r\n",
            "GET /\ta HTTP/1.1\r\nHost: h\r\n\r\n", "GET / HTTP/1.1\r\nHost: h\r\nX: a\u0000b\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nX: a\u007f\r\n\r\n"};
        for (String w : wires) {
            byte[] b = w.getBytes(StandardCharsets.ISO_8859_1);
            for (int cut = 0; cut < b.length; cut++) {
                Recorder r = parse(b, cut == 0 ? new int[0] : new int[] {cut});
                assertThat(r.heads).as(w + " cut at " + cut).isEmpty();
                assertThat(r.error.status()).as(w + " cut at " + cut).isEqualTo(400);
            }
        }
        assertThat(parse("GET / HTTP/1.1\r\nHost: h\r\nX: a\tb \u00e9\r\n\r\n").error).isNull();
    }

    @Test
    void rejectsHeaderLinesOver8190Bytes() {
        String ok = "x".repeat(8190 - "X-Long: ".length());
        assertThat(parse("GET / HTTP/1.1\r\nHost: h\r\nX-Long: " + ok + "\r\n\r\n").error).isNull();
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX-Long: " + ok + "x\r\n\r\n", 431);
    }

    @Test
    void rejectsRequestLinesOver8190Bytes() {
        String path = "/" + "a".repeat(8190 - "GET / HTTP/1.1".length());
        assertThat(parse("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n").error).isNull();
        assertRejected("GET " + path + "a HTTP/1.1\r\nHost: h\r\n\r\n", 414);
    }

    @Test
    void rejectsHeadsOverTheTotalLimit() {
        StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\nHost: h\r\n");
        for (int i = 0; i < 20; i++) {
            sb.append("X-").append(i).append(": ").append("v".repeat(4000)).append("\r\n");
        }
        assertRejected(sb.append("\r\n").toString(), 431);
    }

    @Test
    void rejectsMoreThan128Headers() {
        StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\nHost: h\r\n");
        for (int i = 1; i < 128; i++) { // with Host: 128 fields
            sb.append("X-").append(i).append(": v\r\n");
        }
        assertThat(parse(sb + "\r\n").error).isNull();
        assertRejected(sb.append("X-128: v\r\n\r\n").toString(), 431);
    }

    @Test
    void rejectsInvalidChunkSizes() {
        String head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertRejected(head + "zz\r\nabc\r\n0\r\n\r\n", 400);
        assertRejected(head + "-1\r\nabc\r\n0\r\n\r\n", 400);
        assertRejected(head + "fffffffffffffffffff\r\nabc\r\n0\r\n\r\n", 400);
        assertRejected(head + "3\r\nabcX\r\n0\r\n\r\n", 400);
    }

    @Test
    void rejectsOtherMalformedHeads() {
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX-A : x\r\n\r\n", 400);          // space before the colon
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n", 400);       // obsolete line folding
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nNo colon\r\n\r\n", 400);
        assertRejected("G(T / HTTP/1.1\r\nHost: h\r\n\r\n", 400);
        assertRejected("GET / HTTP/2.0\r\n\r\n", 505);
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", 400);
    }

    @Test
    void rejectsHttp11WithoutOneHost() {
        assertThat(parse("GET / HTTP/1.1\r\nX: y\r\n\r\n").error.reason()).contains("No Host");
        assertThat(parse("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").error.status()).isEqualTo(400);
    }

    @Test
    void reportsARequestCutShort() {
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc", 400);
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX:", 400);
        assertThat(parse("").error).isNull();
        assertThat(parse("GET / HTTP/1.1\r\nHost: h\r\n\r\n").error).isNull();
    }

    @Test
    void dropsLeadingZerosOfChunkSizesWhereverTheBytesAreSplit() {
        byte[] wire = ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "00000000000000000000003;e=1\r\nabc\r\n0000000000000000000\r\n\r\n"
                + "GET /2 HTTP/1.2\r\nHost: h\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 0; cut <= wire.length; cut++) {
            Recorder r = parse(wire, new int[] {cut});
            assertThat(r.error).as("cut at %d", cut).isNull();
            assertThat(r.body(0)).as("cut at %d", cut).isEqualTo("abc");
            assertThat(r.heads.get(1).version()).as("cut at %d", cut).isEqualTo("HTTP/1.1");
        }
    }

    @Test
    void checksTheRequestLineWhole() {
        assertRejected("GET / http/1.1\r\nHost: h\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1 \r\nHost: h\r\n\r\n", 400);
        assertRejected("GET foo HTTP/1.1\r\nHost: h\r\n\r\n", 400);
        assertRejected("GET / HTTP/3.0\r\nHost: h\r\n\r\n", 505);
        assertThat(parse("\r\n\r\nGET / HTTP/1.0\r\n\r\n").heads.get(0).version()).isEqualTo("HTTP/1.0");
        assertThat(parse("GET https://h/x HTTP/1.1\r\nHost: h\r\n\r\n").heads.get(0).target())
                .isEqualTo("https://h/x");
    }

    @Test
    void checksHostAsJettyDid() {
        assertThat(parse("GET / HTTP/1.1\r\nHost: h, h\r\n\r\n").error.reason()).isEqualTo("Bad HostPort");
        assertThat(parse("GET / HTTP/1.1\r\nHost: h:0\r\n\r\n").error.reason()).isEqualTo("Bad HostPort");
        assertThat(parse("GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n").error.reason())
                .isEqualTo("Duplicate Host Header");
        assertThat(parse("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n").error.status()).isEqualTo(400);
        assertThat(parse("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n").error).isNull();
        assertThat(parse("GET / HTTP/1.1\r\nHost:\r\n\r\n").error).isNull();
        assertThat(parse("GET / HTTP/1.0\r\n\r\n").error).isNull();
        assertRejected("CONNECT h\u00e9:443 HTTP/1.1\r\nHost: h\r\n\r\n", 400);
        assertThat(parse("CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n").heads.get(0).target()).isEqualTo("h:443");
    }

    @Test
    void answersAnUnknownExpectationWith417() {
        assertRejected("PUT / HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\nContent-Length: 1\r\n\r\nx", 417);
        assertThat(parse("PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nx")
                .heads.get(0).expectContinue()).isTrue();
        assertThat(parse("PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx")
                .heads.get(0).expectContinue()).isFalse();
    }

    @Test
    void readsTransferCodingsAsAList() {
        String body = "\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
        assertThat(parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked" + body).body(0))
                .isEqualTo("hello");
        assertThat(parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: Chunked" + body)
                .body(0)).isEqualTo("hello");
        assertThat(parse("POST / HTTP/1.0\r\nTransfer-Encoding: chunked" + body).body(0)).isEqualTo("hello");
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked" + body, 400);
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked"
                + body, 400);
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip" + body, 400);
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:" + body, 400);
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: g\"zip, chunked" + body, 400);
    }

    @Test
    void rejectsMalformedChunkExtensionsAndTrailers() {
        String head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertThat(parse(head + "3 ; a = b ;c=\"x y\"\r\nabc\r\n0\r\nX: y\r\n\r\n").body(0)).isEqualTo("abc");
        assertRejected(head + "3;\r\nabc\r\n0\r\n\r\n", 400);
        assertRejected(head + "3 x\r\nabc\r\n0\r\n\r\n", 400);
        assertRejected(head + "3\t\r\nabc\r\n0\r\n\r\n", 400);
        assertRejected(head + "3\r\nabc\r\n0\r\nX : y\r\n\r\n", 400);
        assertRejected(head + "3\r\nabc\r\n0\r\nX: y\n\r\n", 400);
    }

    @Test
    void keepsNamesAndValuesAsSent() {
        RequestHead h = parse("GET / HTTP/1.1\r\nhost: h\r\nCONTENT-TYPE: text/html; charset=ISO-8859-1\r\n"
                + "X: \u00e9\r\n\r\n").heads.get(0);
        assertThat(h.headers().names()).containsExactly("host", "CONTENT-TYPE", "X");
        assertThat(h.headers().get("content-type")).isEqualTo("text/html; charset=ISO-8859-1");
        assertThat(h.headers().get("x")).isEqualTo("\u00e9");
        assertThat(parse("GET /caf\u00c3\u00a9 HTTP/1.1\r\nHost: h\r\n\r\n").heads.get(0).target())
                .isEqualTo("/caf\u00e9"); // the target's bytes read as UTF-8
    }

    @Test
    void tellsWhereItIsInTheMessage() {
        Recorder r = new Recorder();
        RequestParser p = new RequestParser(r);
        assertThat(p.inHead()).isFalse();
        p.feed(ByteBuffer.wrap("POST / HTTP/1.1\r\nHost: h\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(p.inHead()).isTrue();
        p.feed(ByteBuffer.wrap("Content-Length: 2\r\n\r\na".getBytes(StandardCharsets.US_ASCII)));
        assertThat(p.inHead()).isFalse();
        assertThat(p.inBody()).isTrue();
        ByteBuffer rest = ByteBuffer.wrap("bGET".getBytes(StandardCharsets.US_ASCII));
        assertThat(p.feed(rest)).isTrue();
        assertThat(rest.remaining()).isEqualTo(3);
        assertThat(p.isComplete()).isTrue();
        assertThat(p.inBody()).isFalse();
        assertThatThrownBy(() -> p.feed(rest)).isInstanceOf(IllegalStateException.class);
        p.reset();
        p.feed(rest);
        assertThat(p.inHead()).isTrue();
        p.eof();
        assertThat(p.isFailed()).isTrue();
        assertThat(r.error.reason()).isEqualTo("the connection closed in the middle of a request");
        assertThatThrownBy(p::reset).isInstanceOf(IllegalStateException.class);
    }
}
