package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An incremental HTTP/1.1 request parser (RFC 9112): bytes in, in pieces of any size, events out to a
 * {@link Listener}. asyncio4j's own (docs/http-parser.md says why and lists every rule): the request line is read
 * and checked by {@link RequestLine}, each field line by a {@link LineReader} and {@link FieldLine}, a chunked body
 * by a {@link ChunkedDecoder}; this class holds the message's state and what the fields mean for it. It rejects,
 * with the status to answer:
 * <ul>
 *   <li>400: both {@code Content-Length} and {@code Transfer-Encoding}; two {@code Content-Length}s (equal or not,
 *       also {@code 3, 3}), or one that is not a plain non-negative decimal; a {@code Transfer-Encoding} whose last
 *       coding is not {@code chunked}, or with {@code chunked} twice; an HTTP/1.1 request without exactly one
 *       {@code Host}, or a {@code Host} that is not a host and port; a bare LF or a CR not followed by LF anywhere
 *       in the head or in chunk framing; a control character in the head (other than HTAB in a field); a malformed
 *       request line (parts not separated by one SP, a method that is not a token, a version not
 *       {@code HTTP/}DIGIT{@code .}DIGIT in upper case, a relative request target); a field name that is not a
 *       token; whitespace before a field's colon; a field line without a colon; obsolete line folding; an invalid
 *       chunk size, one over {@link Long#MAX_VALUE}, a malformed chunk extension, a chunk-size line longer than
 *       {@link Limits#maxLineSize()}; a malformed trailer field;</li>
 *   <li>414: a request line longer than {@link Limits#maxLineSize()} (8190 bytes);</li>
 *   <li>417: an {@code Expect} other than {@code 100-continue};</li>
 *   <li>431: a header field line longer than {@link Limits#maxLineSize()}, more than {@link Limits#maxHeaders()}
 *       (128) fields, or a head larger than {@link Limits#maxHeadSize()} (64 KiB);</li>
 *   <li>505: a major version other than 1 ({@code HTTP/1.2} to {@code HTTP/1.9} are served as HTTP/1.1).</li>
 * </ul>
 * A rejected request ends the parser ({@link #isFailed()}); the connection must be answered and closed.
 *
 * <p>One message at a time: {@link #feed} stops right after a message completes (the rest of the buffer, a
 * pipelined request, stays in it) and the caller {@link #reset()}s the parser before feeding the next one. Bytes
 * may come split anywhere, down to one at a time: the events and a rejection are the same as for the bytes whole.
 *
 * <p>Not thread-safe: the server uses one parser per connection, on the loop's thread.
 */
public final class RequestParser {
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

        /**
         * Checks the limits.
         *
         * @throws IllegalArgumentException if a limit is not positive
         */
        public Limits {
            if (maxLineSize <= 0 || maxHeaders <= 0 || maxHeadSize <= 0) {
                throw new IllegalArgumentException("parser limits must be positive: " + maxLineSize + ", "
                        + maxHeaders + ", " + maxHeadSize);
            }
        }
    }

    /** What the parser reports, in this order for each request: head, body pieces, complete; or an error. */
    public interface Listener {
        /**
         * The head is complete.
         *
         * @param head the request line, the fields and what the parser derived from them
         */
        void onHead(RequestHead head);

        /**
         * A piece of the body (chunk framing removed).
         *
         * @param data the bytes, never empty; the array is the listener's to keep
         */
        void onBody(byte[] data);

        /** The request (head and whole body) is complete. */
        void onComplete();

        /**
         * The request is rejected; nothing more comes from this parser.
         *
         * @param error the status to answer and why
         */
        void onError(HttpParseException error);
    }

    /**
     * Where the parser is in the current request. REQUEST_LINE → FIELDS when the request line is checked; FIELDS →
     * COMPLETE (no body), FIXED_BODY ({@code Content-Length} over 0) or CHUNKED_BODY at the empty line that ends the
     * head; FIXED_BODY and CHUNKED_BODY → COMPLETE when the body is whole; COMPLETE → REQUEST_LINE on
     * {@link #reset()}; any state but COMPLETE → FAILED on a rejection, for good.
     */
    private enum State {
        /** Reading the request line, empty lines before it skipped. */
        REQUEST_LINE,
        /** Reading header field lines, up to the empty line. */
        FIELDS,
        /** In a body of {@code Content-Length} bytes. */
        FIXED_BODY,
        /** In a chunked body. */
        CHUNKED_BODY,
        /** The request is complete: the parser awaits {@link #reset()}. */
        COMPLETE,
        /** A request was rejected. */
        FAILED
    }

    private final Listener listener;
    private final Limits limits;
    private final RequestLine requestLine;
    private final LineReader fieldLine;
    private final FieldLine field = new FieldLine();
    private final MessageBody body;
    private State state = State.REQUEST_LINE;
    /** Whether some bytes of the current request arrived (empty lines before it included). */
    private boolean started;
    private int headSize;
    private int fields;
    private Headers headers;
    private long contentLength;
    private boolean transferEncoding;
    private boolean chunked;
    private int hosts;
    private String connection;
    private boolean expectContinue;

    /**
     * A parser with the default limits.
     *
     * @param listener where the events go
     */
    public RequestParser(Listener listener) {
        this(listener, Limits.DEFAULT);
    }

    /**
     * A parser.
     *
     * @param listener where the events go
     * @param limits   the limits of the head
     */
    public RequestParser(Listener listener, Limits limits) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.requestLine = new RequestLine(limits.maxLineSize());
        this.fieldLine = new LineReader(limits.maxLineSize(), false, true, "the head", "a header field", 431,
                "header field line");
        this.body = new MessageBody(new ChunkedDecoder(limits.maxLineSize(), limits.maxHeadSize(),
                limits.maxHeaders()));
        clear();
    }

    /**
     * Parses bytes from {@code buf}'s position, advancing it past what was consumed. Returns when the buffer is
     * used up, when a request has completed (bytes after it stay in {@code buf}), or on a rejection.
     *
     * @param buf the bytes that arrived
     * @return true if a request completed in this call: {@link #reset()} before feeding the next one
     * @throws IllegalStateException if the previous request completed and the parser was not reset, or it failed
     */
    public boolean feed(ByteBuffer buf) {
        if (state == State.FAILED) {
            throw new IllegalStateException("the parser rejected a request; the connection must close");
        }
        if (state == State.COMPLETE) {
            throw new IllegalStateException("a request completed: reset() the parser before the next one");
        }
        try {
            while (buf.hasRemaining() && state != State.COMPLETE) {
                switch (state) {
                    case REQUEST_LINE -> requestLine(buf);
                    case FIELDS -> fieldLine(buf);
                    case FIXED_BODY, CHUNKED_BODY -> body(buf);
                    default -> throw new IllegalStateException(state.name());
                }
            }
        } catch (HttpParseException e) {
            state = State.FAILED;
            listener.onError(e);
            return false;
        }
        return state == State.COMPLETE;
    }

    private void requestLine(ByteBuffer buf) {
        int n = requestLine.read(buf);
        started |= n > 0;
        headSize += n;
        if (requestLine.done()) {
            requestLine.check();
            state = State.FIELDS;
            headers = new Headers();
        }
    }

    private void fieldLine(ByteBuffer buf) {
        int from = buf.position();
        boolean line;
        try {
            line = fieldLine.read(buf);
        } finally {
            headSize += buf.position() - from;
        }
        if (headSize > limits.maxHeadSize()) {
            throw new HttpParseException(431, "request head larger than " + limits.maxHeadSize() + " bytes");
        }
        if (!line) {
            return;
        }
        int length = fieldLine.length();
        if (length == 0) {
            headComplete();
            return;
        }
        if (++fields > limits.maxHeaders()) {
            throw new HttpParseException(431, "more than " + limits.maxHeaders() + " header fields");
        }
        field.parse(fieldLine.bytes(), length);
        fieldLine.next();
        String name = field.name();
        String value = field.value();
        meaning(name, value);
        HeadersAccess.addParsed(headers, name, value);
    }

    /** What a field means for the message: its framing, its connection, its expectation. */
    private void meaning(String name, String value) {
        switch (name.length()) {
            case 4 -> {
                if (FieldLine.is(name, "Host")) {
                    if (++hosts > 1) {
                        throw new HttpParseException(400, "Duplicate Host Header");
                    }
                    if (!Hosts.isHostField(value)) {
                        throw new HttpParseException(400, "Bad HostPort");
                    }
                }
            }
            case 6 -> {
                if (FieldLine.is(name, "Expect")) {
                    if (!value.equalsIgnoreCase("100-continue")) {
                        throw new HttpParseException(417, "unsupported expectation " + value);
                    }
                    expectContinue = true;
                }
            }
            case 10 -> {
                if (FieldLine.is(name, "Connection")) {
                    connection = connection == null ? value : connection + "," + value;
                }
            }
            case 14 -> {
                if (FieldLine.is(name, "Content-Length")) {
                    if (contentLength >= 0) {
                        throw new HttpParseException(400, "Multiple Content-Lengths");
                    }
                    contentLength = Framing.contentLength(value);
                }
            }
            case 17 -> {
                if (FieldLine.is(name, "Transfer-Encoding")) {
                    chunked = Framing.chunkedLast(value, transferEncoding && chunked);
                    transferEncoding = true;
                }
            }
            default -> {
            }
        }
    }

    private void headComplete() {
        String version = requestLine.version();
        boolean http11 = version.equals("HTTP/1.1");
        if (http11 && hosts == 0) {
            throw new HttpParseException(400, "No Host");
        }
        if (transferEncoding && contentLength >= 0) {
            throw new HttpParseException(400, "Transfer-Encoding and Content-Length");
        }
        if (transferEncoding && !chunked) {
            throw new HttpParseException(400, "Bad Transfer-Encoding, chunked not last");
        }
        boolean keepAlive = http11 ? !hasToken(connection, "close") : hasToken(connection, "keep-alive");
        long cl = chunked ? -1 : Math.max(0, contentLength);
        if (chunked) {
            state = State.CHUNKED_BODY;
            body.startChunked();
        } else if (cl > 0) {
            state = State.FIXED_BODY;
            body.startFixed(cl);
        } else {
            state = State.COMPLETE;
        }
        listener.onHead(new RequestHead(requestLine.method(), requestLine.target(), version, headers.readOnly(), cl,
                chunked, keepAlive, expectContinue && http11));
        if (state == State.COMPLETE) {
            listener.onComplete();
        }
    }

    /** Body bytes from {@code buf}: to the listener, then the message's end if the body ended. */
    private void body(ByteBuffer buf) {
        byte[] data = body.next(buf);
        if (body.done()) {
            state = State.COMPLETE;
        }
        if (data.length > 0) {
            listener.onBody(data);
        }
        if (state == State.COMPLETE) {
            listener.onComplete();
        }
    }

    /**
     * The peer closed its side. Reports an error if a request was under way (its head or body cut short);
     * a parser between requests stays quiet.
     */
    public void eof() {
        if (state == State.FAILED || state == State.COMPLETE) {
            return;
        }
        if (started) {
            state = State.FAILED;
            listener.onError(new HttpParseException(400, "the connection closed in the middle of a request"));
        }
    }

    /**
     * Makes the parser ready for the next request, after one completed.
     *
     * @throws IllegalStateException if the parser rejected a request
     */
    public void reset() {
        if (state == State.FAILED) {
            throw new IllegalStateException("the parser rejected a request; the connection must close");
        }
        clear();
    }

    private void clear() {
        state = State.REQUEST_LINE;
        requestLine.reset();
        fieldLine.next();
        body.stop();
        started = false;
        headSize = 0;
        fields = 0;
        headers = null;
        contentLength = -1;
        transferEncoding = false;
        chunked = false;
        hosts = 0;
        connection = null;
        expectContinue = false;
    }

    /**
     * Whether a request has begun (some of its bytes arrived) and its head is not complete yet.
     *
     * @return whether the parser is inside a head
     */
    public boolean inHead() {
        return started && (state == State.REQUEST_LINE || state == State.FIELDS);
    }

    /**
     * Whether the current request's head is done and its body is still arriving.
     *
     * @return whether the parser is inside a body
     */
    public boolean inBody() {
        return state == State.FIXED_BODY || state == State.CHUNKED_BODY;
    }

    /**
     * Whether the last request completed and the parser awaits {@link #reset()}.
     *
     * @return whether a request is complete
     */
    public boolean isComplete() {
        return state == State.COMPLETE;
    }

    /**
     * Whether the parser rejected a request.
     *
     * @return whether the parser failed
     */
    public boolean isFailed() {
        return state == State.FAILED;
    }

    /** Whether the comma-separated {@code list} (a Connection field's values) holds {@code token}, any case. */
    static boolean hasToken(String list, String token) {
        if (list == null) {
            return false;
        }
        int from = 0;
        int n = list.length();
        while (from <= n) {
            int comma = list.indexOf(',', from);
            int end = comma < 0 ? n : comma;
            int a = from;
            int b = end;
            while (a < b && list.charAt(a) <= ' ') {
                a++;
            }
            while (b > a && list.charAt(b - 1) <= ' ') {
                b--;
            }
            if (b - a == token.length() && list.regionMatches(true, a, token, 0, token.length())) {
                return true;
            }
            from = end + 1;
        }
        return false;
    }
}
