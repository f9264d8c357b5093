package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

/**
 * An incremental HTTP/1.1 request parser: bytes in (in pieces of any size), events out to a {@link Listener}.
 * It is Jetty 12's {@code org.eclipse.jetty.http.HttpParser} in strict RFC 9110 mode (no compliance violation
 * allowed; docs/http-parser.md says why Jetty) with asyncio4j's limits added on top: the request line is read
 * and checked by {@link RequestLine} before Jetty sees it, and a chunked body passes through a
 * {@link ChunkSizeFilter}, which removes the leading zeros of chunk sizes that Jetty would refuse. It rejects, with
 * the status to answer:
 * <ul>
 *   <li>400: both {@code Content-Length} and {@code Transfer-Encoding}; two {@code Content-Length}s; a bare LF or a
 *       CR not followed by LF anywhere in the head or in chunk framing; a control character in the head (other than
 *       HTAB in a field); an invalid chunk size, one over {@link Long#MAX_VALUE}, or a chunk-size line longer than
 *       {@link Limits#maxLineSize()}; a malformed request line (parts not separated by one SP, a version not
 *       {@code HTTP/}DIGIT{@code .}DIGIT in upper case, a relative request target), field name or
 *       {@code Content-Length}; obsolete line folding; whitespace before a field's colon; a
 *       {@code Transfer-Encoding} whose last coding is not {@code chunked};</li>
 *   <li>414: a request line longer than {@link Limits#maxLineSize()} (8190 bytes);</li>
 *   <li>431: a header field line longer than {@link Limits#maxLineSize()}, more than {@link Limits#maxHeaders()}
 *       (128) fields, or a head larger than {@link Limits#maxHeadSize()} (64 KiB);</li>
 *   <li>505: a major version other than 1 ({@code HTTP/1.2} to {@code HTTP/1.9} are served as HTTP/1.1).</li>
 * </ul>
 * A rejected request ends the parser ({@link #isFailed()}); the connection must be answered and closed.
 *
 * <p>One message at a time: {@link #feed} stops right after a message completes (the rest of the buffer, a
 * pipelined request, stays in it) and the caller {@link #reset()}s the parser before feeding the next one. Not
 * thread-safe; the server uses one parser per connection on the loop's thread.
 */
public final class RequestParser {
    static {
        Slf4jRouting.ensure(); // before any Jetty class logs: SLF4J's records go where the library's go
    }

    /**
     * The parser's limits.
     *
     * @param maxLineSize the longest request line, and the longest header field line (name, colon and value), in
     *                    bytes (aiohttp's and Node's default: 8190)
     * @param maxHeaders  the most header fields a request may have (128)
     * @param maxHeadSize the largest head (request line and every field) in bytes (64 KiB)
     */
    public record Limits(int maxLineSize, int maxHeaders, int maxHeadSize) {
        /** 8190, 128, 65536. */
        public static final Limits DEFAULT = new Limits(8190, 128, 64 * 1024);

        public Limits {
            if (maxLineSize <= 0 || maxHeaders <= 0 || maxHeadSize <= 0) {
                throw new IllegalArgumentException("parser limits must be positive: " + maxLineSize + ", "
                        + maxHeaders + ", " + maxHeadSize);
            }
        }
    }

    /** What the parser reports, in this order for each request: head, body pieces, complete; or an error. */
    public interface Listener {
        /** The head is complete. */
        void onHead(RequestHead head);

        /** A piece of the body (chunk framing removed); the array is the listener's to keep. */
        void onBody(byte[] data);

        /** The request (head and whole body) is complete. */
        void onComplete();

        /** The request is rejected; nothing more comes from this parser. */
        void onError(HttpParseException error);
    }

    private final Listener listener;
    private final Limits limits;
    private final HttpParser jetty;
    private final JettyHandler handler = new JettyHandler();
    private final ChunkSizeFilter chunks;
    private final RequestLine requestLine;
    private boolean failed;
    private boolean complete;
    /** Whether some bytes of the current request arrived (Jetty skips no byte silently in strict mode). */
    private boolean started;

    public RequestParser(Listener listener) {
        this(listener, Limits.DEFAULT);
    }

    public RequestParser(Listener listener, Limits limits) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.jetty = new HttpParser(handler, limits.maxHeadSize(), HttpCompliance.RFC9110);
        this.chunks = new ChunkSizeFilter(limits.maxLineSize());
        this.requestLine = new RequestLine(limits.maxLineSize());
        // Jetty's cache of common fields matches values case-insensitively and would hand back its own spelling
        // ("charset=iso-8859-1" for "charset=ISO-8859-1"): values must reach the application as sent.
        jetty.setHeaderCacheCaseSensitive(true);
    }

    /**
     * Parses bytes from {@code buf}'s position, advancing it past what was consumed. Returns when the buffer is
     * used up, when a request has completed (bytes after it stay in {@code buf}), or on a rejection.
     *
     * @return true if a request completed in this call: {@link #reset()} before feeding the next one
     * @throws IllegalStateException if the previous request completed and the parser was not reset, or it failed
     */
    public boolean feed(ByteBuffer buf) {
        if (failed) {
            throw new IllegalStateException("the parser rejected a request; the connection must close");
        }
        if (complete) {
            throw new IllegalStateException("a request completed: reset() the parser before the next one");
        }
        if (!requestLine.done()) {
            try {
                started |= requestLine.read(buf) > 0;
                if (!requestLine.done()) {
                    return false;
                }
                parse(requestLine.forJetty());
            } catch (HttpParseException e) {
                fail(e);
            }
            if (failed) {
                return false;
            }
        }
        if (!headScanned) {
            HttpParseException violation = scanHead(buf);
            if (violation != null) {
                // Jetty first parses the bytes before the violation: an error it finds there wins, so the answer
                // does not depend on how the bytes were split into reads.
                ByteBuffer before = buf.duplicate();
                before.limit(buf.position() + violationAt);
                parse(before);
                buf.position(before.position());
                fail(violation);
                return false;
            }
        }
        parse(buf);
        return complete;
    }

    private void parse(ByteBuffer buf) {
        while (buf.hasRemaining() && !complete && !failed) {
            int before = buf.remaining();
            if (chunks.active()) {
                try {
                    chunks.parse(buf, jetty);
                } catch (HttpParseException e) {
                    fail(e);
                    return;
                }
            } else {
                jetty.parseNext(buf);
            }
            int consumed = before - buf.remaining();
            if (consumed == 0) {
                break;
            }
            scanned = Math.max(0, scanned - consumed);
            started = true;
        }
    }

    /**
     * The peer closed its side. Reports an error if a request was under way (its head or body cut short);
     * a parser between requests stays quiet.
     */
    public void eof() {
        if (failed || complete) {
            return;
        }
        if (started) {
            fail(new HttpParseException(400, "the connection closed in the middle of a request"));
        }
    }

    /** Makes the parser ready for the next request, after one completed. */
    public void reset() {
        if (failed) {
            throw new IllegalStateException("the parser rejected a request; the connection must close");
        }
        jetty.reset();
        chunks.stop();
        requestLine.reset();
        handler.clear();
        complete = false;
        started = false;
        headScanned = false;
        scanned = 0;
        lineLength = 0;
        lines = 1;
        afterCr = false;
    }

    /** Whether a request has begun (some of its bytes arrived) and its head is not complete yet. */
    public boolean inHead() {
        return started && !handler.headDone && !failed;
    }

    /** Whether the current request's head is done and its body is still arriving. */
    public boolean inBody() {
        return handler.headDone && !complete && !failed;
    }

    /** Whether the last request completed and the parser awaits {@link #reset()}. */
    public boolean isComplete() {
        return complete;
    }

    /** Whether the parser rejected a request. */
    public boolean isFailed() {
        return failed;
    }

    // ---- the head scan: line endings and line lengths, byte by byte, before Jetty sees the bytes ----

    /** Whether this request's head has been scanned to its end (the empty line). */
    private boolean headScanned;
    /** Bytes scanned beyond the buffer's position (not consumed by Jetty yet). */
    private int scanned;
    private int lineLength;
    /** Lines of the head seen, the request line included (read by {@link RequestLine} before the scan). */
    private int lines = 1;
    private boolean afterCr;
    /** Where the last violation the scan found is, from the buffer's position. */
    private int violationAt;

    /**
     * Checks the field lines' bytes in {@code buf} (from where the last call stopped) for a bare LF, a CR not
     * followed by LF, control characters (HTAB only), over-long lines and too many lines, up to the empty line that
     * ends the head (the request line was checked by {@link RequestLine}). Jetty limits only the whole head; this scan
     * makes the limits exact. Returns the first violation (its offset from the buffer's position in
     * {@link #violationAt}), or null.
     */
    private HttpParseException scanHead(ByteBuffer buf) {
        int end = buf.limit();
        for (int i = buf.position() + scanned; i < end; i++) {
            byte b = buf.get(i);
            scanned++;
            violationAt = i - buf.position();
            if (afterCr) {
                if (b != '\n') {
                    return new HttpParseException(400, "a CR not followed by LF in the head");
                }
                afterCr = false;
                if (lineLength == 0) {
                    headScanned = true;
                    return null;
                }
                if (lineLength > 0) {
                    lines++;
                }
                lineLength = 0;
            } else if (b == '\r') {
                afterCr = true;
            } else if (b == '\n') {
                return new HttpParseException(400, "a bare LF (without CR) in the head");
            } else if (b == 0x7f || (b >= 0 && b < 0x20 && b != '\t')) {
                // RFC 9110 allows no control character in a field but HTAB
                return new HttpParseException(400, "control character 0x" + Integer.toHexString(b)
                        + " in a header field");
            } else if (++lineLength > limits.maxLineSize()) {
                return new HttpParseException(431, "header field line longer than " + limits.maxLineSize()
                        + " bytes");
            } else if (lines > limits.maxHeaders() && lineLength == 1) {
                return new HttpParseException(431, "more than " + limits.maxHeaders() + " header fields");
            }
        }
        return null;
    }

    private void fail(HttpParseException e) {
        if (!failed) {
            failed = true;
            listener.onError(e);
        }
    }

    private static HttpParseException translate(HttpException e) {
        int code = e.getCode();
        String reason = e.getReason() == null ? "Bad Request" : e.getReason();
        // Jetty answers 400 for an over-long head unless it can tell it is the URI; our limits are finer.
        return new HttpParseException(code, reason);
    }

    private final class JettyHandler implements HttpParser.RequestHandler {
        boolean headDone;
        String method;
        String target;
        String version;
        Headers headers;
        long contentLength;
        boolean chunked;
        boolean transferEncoding;
        String connection;
        boolean expectContinue;

        void clear() {
            headDone = false;
            method = null;
            target = null;
            version = null;
            headers = null;
            contentLength = -1;
            chunked = false;
            transferEncoding = false;
            connection = null;
            expectContinue = false;
        }

        JettyHandler() {
            clear();
        }

        @Override
        public void startRequest(String m, String uri, HttpVersion v) {
            if (v != HttpVersion.HTTP_1_1 && v != HttpVersion.HTTP_1_0) {
                throw new HttpException.RuntimeException(505, "unsupported HTTP version " + v);
            }
            method = m;
            target = uri;
            version = v.asString();
            headers = new Headers();
        }

        @Override
        public void parsedHeader(HttpField field) {
            String name = field.getName();
            String value = field.getValue() == null ? "" : field.getValue();
            HttpHeader known = field.getHeader();
            if (known == HttpHeader.CONTENT_LENGTH) {
                contentLength = field.getLongValue();
            } else if (known == HttpHeader.TRANSFER_ENCODING) {
                transferEncoding = true;
            } else if (known == HttpHeader.CONNECTION) {
                connection = connection == null ? value : connection + "," + value;
            } else if (known == HttpHeader.EXPECT) {
                if (!value.equalsIgnoreCase("100-continue")) {
                    throw new HttpException.RuntimeException(417, "unsupported expectation " + value);
                }
                expectContinue = true;
            }
            HeadersAccess.addParsed(headers, name, value); // Jetty and the head scan checked it
        }

        @Override
        public boolean headerComplete() {
            headDone = true;
            chunked = jetty.isChunking();
            if (transferEncoding && !chunked) {
                throw new HttpException.RuntimeException(501, "a transfer coding other than chunked last");
            }
            boolean http11 = version.equals("HTTP/1.1");
            boolean keepAlive = http11 ? !hasToken(connection, "close") : hasToken(connection, "keep-alive");
            long cl = chunked ? -1 : Math.max(0, contentLength);
            listener.onHead(new RequestHead(method, target, version, headers.readOnly(), cl, chunked, keepAlive,
                    expectContinue && http11));
            if (chunked) {
                chunks.start();
                return true; // the body's bytes go through the filter
            }
            return false;
        }

        @Override
        public boolean content(ByteBuffer item) {
            byte[] data = new byte[item.remaining()];
            item.get(data);
            if (data.length > 0) {
                listener.onBody(data);
            }
            return false;
        }

        @Override
        public boolean contentComplete() {
            return false;
        }

        @Override
        public boolean messageComplete() {
            complete = true;
            listener.onComplete();
            return true;
        }

        @Override
        public void earlyEOF() {
            fail(new HttpParseException(400, "the connection closed in the middle of a request"));
        }

        @Override
        public void badMessage(HttpException failure) {
            fail(translate(failure));
        }
    }

    /** Whether the comma-separated {@code list} (a Connection field's values) holds {@code token}, any case. */
    static boolean hasToken(String list, String token) {
        if (list == null) {
            return false;
        }
        for (String t : list.split(",")) {
            if (t.trim().toLowerCase(Locale.ROOT).equals(token)) {
                return true;
            }
        }
        return false;
    }
}
