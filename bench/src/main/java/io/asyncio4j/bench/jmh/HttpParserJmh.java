package io.asyncio4j.bench.jmh;

import io.asyncio4j.http.internal.HttpParseException;
import io.asyncio4j.http.internal.RequestHead;
import io.asyncio4j.http.internal.RequestParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The HTTP/1.1 request parser (docs/http-parser.md): nanoseconds to parse one request, head and body, into the
 * events the server consumes. {@code RequestParser} is asyncio4j's own parser, its events into {@code Headers} and a
 * {@code RequestHead}; the {@code jettyRaw} benchmarks are Jetty's {@code HttpParser} (RFC9110 mode, which the
 * library used before issue 16) alone with an empty handler, for comparison.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar HttpParserJmh
 * java -jar bench/target/benchmarks.jar HttpParserJmh -f 1 -wi 2 -w 1s -i 3 -r 1s     # a quick look
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HttpParserJmh {
    /** What wrk sends for the hello-world benchmark. */
    static final byte[] SMALL = ("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    /** A browser's GET: 10 fields, 500 bytes. */
    static final byte[] BROWSER = ("GET /api/items/12345?expand=owner&page=2 HTTP/1.1\r\n"
            + "Host: www.example.org\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Connection: keep-alive\r\n"
            + "Cookie: session=0123456789abcdef0123456789abcdef; theme=dark\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n"
            + "Cache-Control: max-age=0\r\n"
            + "Referer: https://www.example.org/items\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    /** A chunked POST with a 1 KiB body in 4 chunks. */
    static final byte[] CHUNKED = chunked();

    static final int PIPELINE = 16;
    static final byte[] PIPELINED = repeat(SMALL, PIPELINE);

    private final Sink sink = new Sink();
    private final RequestParser parser = new RequestParser(sink);
    private final HttpParser jetty = new HttpParser(new Empty(), 64 * 1024, HttpCompliance.RFC9110);

    static byte[] chunked() {
        StringBuilder sb = new StringBuilder("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 4; i++) {
            sb.append("100\r\n").append("x".repeat(256)).append("\r\n");
        }
        return sb.append("0\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] repeat(byte[] b, int n) {
        byte[] out = new byte[b.length * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(b, 0, out, i * b.length, b.length);
        }
        return out;
    }

    private int parseAll(byte[] wire, Blackhole bh) {
        ByteBuffer buf = ByteBuffer.wrap(wire);
        int n = 0;
        while (buf.hasRemaining()) {
            if (parser.feed(buf)) {
                parser.reset();
                n++;
            } else {
                break;
            }
        }
        bh.consume(sink.last);
        return n;
    }

    @Benchmark
    public int small(Blackhole bh) {
        return parseAll(SMALL, bh);
    }

    @Benchmark
    public int browser(Blackhole bh) {
        return parseAll(BROWSER, bh);
    }

    @Benchmark
    public int chunkedPost(Blackhole bh) {
        return parseAll(CHUNKED, bh);
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public int pipelinedSmall(Blackhole bh) {
        return parseAll(PIPELINED, bh);
    }

    @Benchmark
    public boolean jettyRawBrowser() {
        return jettyRaw(BROWSER);
    }

    @Benchmark
    public boolean jettyRawSmall() {
        return jettyRaw(SMALL);
    }

    @Benchmark
    public boolean jettyRawChunkedPost() {
        return jettyRaw(CHUNKED);
    }

    private boolean jettyRaw(byte[] wire) {
        ByteBuffer buf = ByteBuffer.wrap(wire);
        boolean done = false;
        while (buf.hasRemaining() && !done) {
            int before = buf.remaining();
            done = jetty.parseNext(buf);
            if (buf.remaining() == before) {
                break;
            }
        }
        jetty.reset();
        return done;
    }

    static final class Sink implements RequestParser.Listener {
        RequestHead last;

        @Override
        public void onHead(RequestHead head) {
            last = head;
        }

        @Override
        public void onBody(byte[] data) {
        }

        @Override
        public void onComplete() {
        }

        @Override
        public void onError(HttpParseException error) {
            throw error;
        }
    }

    static final class Empty implements HttpParser.RequestHandler {
        @Override
        public void startRequest(String method, String uri, HttpVersion version) {
        }

        @Override
        public void parsedHeader(HttpField field) {
        }

        @Override
        public boolean headerComplete() {
            return false;
        }

        @Override
        public boolean content(ByteBuffer item) {
            item.position(item.limit());
            return false;
        }

        @Override
        public boolean contentComplete() {
            return false;
        }

        @Override
        public boolean messageComplete() {
            return true;
        }

        @Override
        public void earlyEOF() {
        }
    }
}
