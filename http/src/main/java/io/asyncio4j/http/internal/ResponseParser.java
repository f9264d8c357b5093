package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

/**
 * An incremental HTTP/1.1 response parser, Jetty 12's {@code HttpParser} in its response mode (RFC 9110
 * compliance), as {@link RequestParser} is for requests. Bodies may be delimited by {@code Content-Length}, by
 * chunked coding, or by the connection's close ({@link #eof()} then completes the message); a response to HEAD
 * ({@link #reset(boolean)}) and every 1xx, 204 and 304 response has no body. One message at a time: {@link #feed}
 * stops right after a message completes. Not thread-safe.
 */
public final class ResponseParser {
    static {
        Slf4jRouting.ensure(); // before any Jetty class logs: SLF4J's records go where the library's go
    }

    /** What the parser reports: head, body pieces, complete; or an error. */
    public interface Listener {
        void onHead(ResponseHead head);

        /** A piece of the body, chunk framing removed (not decoded); the array is the listener's. */
        void onBody(byte[] data);

        void onComplete();

        /** The message is malformed, or the connection closed before it was complete ({@code early} true). */
        void onError(String reason, boolean early);
    }

    /** aiohttp's default limits: 8190-byte lines; Jetty limits the whole head. */
    public static final int MAX_HEAD = 64 * 1024;
    /** The longest chunk-size line (aiohttp's line limit). */
    public static final int MAX_LINE = 8190;

    private final Listener listener;
    private final HttpParser jetty;
    private final Handler handler = new Handler();
    private final ChunkSizeFilter chunks = new ChunkSizeFilter(MAX_LINE);
    private final ResponseHeadReader headReader = new ResponseHeadReader(MAX_HEAD);
    private boolean complete;
    private boolean failed;
    /** Events Jetty reported during parseNext, delivered after it returns (Jetty would swallow a listener's throw). */
    private boolean completePending;
    private String errorPending;
    private boolean errorEarly;
    /**
     * What a listener threw inside Jetty's parseNext, rethrown after it returns: Jetty catches every Throwable there
     * and would turn even an {@link OutOfMemoryError} into a bad message.
     */
    private Throwable thrown;
    private boolean headResponse;

    public ResponseParser(Listener listener) {
        this.listener = listener;
        this.jetty = new HttpParser(handler, MAX_HEAD, HttpCompliance.RFC9110);
        jetty.setHeaderCacheCaseSensitive(true);
    }

    /** Readies the parser for the response to a new request; {@code head}: the request was a HEAD. */
    public void reset(boolean head) {
        jetty.reset();
        chunks.stop();
        headReader.reset();
        jetty.setHeadResponse(head);
        headResponse = head;
        handler.clear();
        complete = false;
        failed = false;
        completePending = false;
        errorPending = null;
    }

    /** Parses from {@code buf}'s position; returns true once the message completed (the rest stays in buf). */
    public boolean feed(ByteBuffer buf) {
        if (!headReader.done() && !failed) {
            try {
                headReader.read(buf);
                if (!headReader.done()) {
                    return false;
                }
                ByteBuffer h = headReader.forJetty();
                while (h.hasRemaining() && !complete && !failed) {
                    int before = h.remaining();
                    jetty.parseNext(h);
                    deliver();
                    if (h.remaining() == before) {
                        break;
                    }
                }
            } catch (HttpParseException e) {
                failed = true;
                listener.onError(e.reason(), false);
                return false;
            }
        }
        while (buf.hasRemaining() && !complete && !failed) {
            int before = buf.remaining();
            if (chunks.active()) {
                try {
                    chunks.parse(buf, jetty);
                } catch (HttpParseException e) {
                    failed = true;
                    listener.onError(e.reason(), false);
                    return false;
                }
            } else {
                jetty.parseNext(buf);
            }
            deliver();
            if (before == buf.remaining() && !complete) {
                break;
            }
        }
        return complete;
    }

    /** The connection closed: completes a body delimited by the close, else reports an early end. */
    public void eof() {
        if (complete || failed) {
            return;
        }
        if (!handler.headDone) {
            // Jetty's response mode trips its own assertion (a 5xx-coded HttpException) on EOF in the head
            failed = true;
            listener.onError("the connection closed in the middle of the response's head", true);
            return;
        }
        jetty.atEOF();
        jetty.parseNext(ByteBuffer.allocate(0));
        deliver();
        if (!complete && !failed) {
            failed = true;
            listener.onError("the connection closed before the response was complete", true);
        }
    }

    private void deliver() {
        if (thrown != null) {
            Throwable e = thrown;
            thrown = null;
            if (e instanceof Error err) {
                throw err;
            }
            throw (RuntimeException) e;
        }
        if (completePending) {
            completePending = false;
            listener.onComplete();
        }
        if (errorPending != null) {
            String e = errorPending;
            errorPending = null;
            listener.onError(e, errorEarly);
        }
    }

    public boolean isComplete() {
        return complete;
    }

    public boolean headDone() {
        return handler.headDone;
    }

    /**
     * The codings of a {@code Transfer-Encoding} that does not end in chunked (the body then ends at the close and
     * is encoded with them), or null.
     */
    public String transferCodings() {
        return headReader.transferCodings();
    }

    /** Whether the body is delimited by the connection's close. */
    public boolean readUntilClose() {
        return handler.untilClose;
    }

    private final class Handler implements HttpParser.ResponseHandler {
        boolean headDone;
        /** RFC 9112 section 6.3: the body ends when the connection closes. */
        boolean untilClose;
        HttpVersion version;
        int status;
        String reason;
        Headers headers;
        String connection;

        void clear() {
            headDone = false;
            untilClose = false;
            version = null;
            status = 0;
            reason = null;
            headers = null;
            connection = null;
        }

        @Override
        public void startResponse(HttpVersion v, int s, String r) {
            if (v != HttpVersion.HTTP_1_1 && v != HttpVersion.HTTP_1_0) {
                throw new HttpException.RuntimeException(400, "unsupported HTTP version " + v);
            }
            version = v;
            status = s;
            reason = r == null ? "" : r;
            headers = new Headers();
        }

        @Override
        public void parsedHeader(HttpField field) {
            String value = field.getValue() == null ? "" : field.getValue();
            if (field.getHeader() == HttpHeader.CONNECTION) {
                connection = connection == null ? value : connection + "," + value;
            }
            headers.add(headReader.receivedName(field.getName()), value);
        }

        @Override
        public boolean headerComplete() {
            headDone = true;
            boolean body = !headResponse && status >= 200 && status != 204 && status != 304;
            untilClose = body && !jetty.isChunking() && !headers.contains("Content-Length");
            boolean http11 = version == HttpVersion.HTTP_1_1;
            boolean keepAlive = http11 ? !RequestParser.hasToken(connection, "close")
                    : RequestParser.hasToken(connection, "keep-alive");
            try {
                listener.onHead(new ResponseHead(version.asString(), status, reason, headers.readOnly(), keepAlive));
            } catch (RuntimeException | Error e) {
                thrown = e;
                return true;
            }
            if (body && jetty.isChunking()) {
                chunks.start();
                return true; // the body's bytes go through the filter
            }
            return false;
        }

        @Override
        public boolean content(ByteBuffer item) {
            if (item.hasRemaining()) {
                byte[] data = new byte[item.remaining()];
                item.get(data);
                try {
                    listener.onBody(data);
                } catch (RuntimeException | Error e) {
                    thrown = e;
                    return true;
                }
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
            completePending = true;
            return true;
        }

        @Override
        public void earlyEOF() {
            if (!failed && !complete) {
                failed = true;
                errorPending = "the connection closed before the response was complete";
                errorEarly = true;
            }
        }

        @Override
        public void badMessage(HttpException failure) {
            if (!failed) {
                failed = true;
                errorPending = failure.getReason() == null ? "malformed response" : failure.getReason();
                errorEarly = false;
            }
        }
    }
}
