package io.asyncio4j.http.internal;

import java.nio.ByteBuffer;

/**
 * An incremental HTTP/1.1 response parser (RFC 9112), the client's counterpart of {@link RequestParser}: the head
 * is collected and parsed by a {@link ResponseHeadReader}, a chunked body decoded by a {@link ChunkedDecoder}. The
 * body is framed as RFC 9112 §6.3 says: none for a response to HEAD ({@link #reset(boolean)}) and for every 1xx, 204
 * and 304 response; chunked; {@code Content-Length} bytes; or everything up to the connection's close
 * ({@link #eof()} then completes the message). One message at a time: {@link #feed} stops right after a message
 * completes (the rest stays in the buffer). What the listener throws passes through {@link #feed} unchanged.
 *
 * <p>Not thread-safe: one parser per connection, on the loop's thread.
 */
public final class ResponseParser {
    /** What the parser reports: head, body pieces, complete; or an error. */
    public interface Listener {
        /**
         * The head is complete.
         *
         * @param head the status line and the fields
         */
        void onHead(ResponseHead head);

        /**
         * A piece of the body, chunk framing removed (not decoded).
         *
         * @param data the bytes, never empty; the array is the listener's
         */
        void onBody(byte[] data);

        /** The response is complete. */
        void onComplete();

        /**
         * The message is malformed, or the connection closed before it was complete.
         *
         * @param reason what is wrong
         * @param early  whether the connection closed before the message was complete
         */
        void onError(String reason, boolean early);
    }

    /** The largest head (aiohttp's limits are per line; this bounds the whole head). */
    public static final int MAX_HEAD = 64 * 1024;
    /** The longest chunk-size line and trailer field line (aiohttp's line limit). */
    public static final int MAX_LINE = 8190;

    /**
     * Where the parser is in the current response. HEAD → COMPLETE (no body), FIXED_BODY, CHUNKED_BODY or
     * UNTIL_CLOSE when the head is parsed; FIXED_BODY and CHUNKED_BODY → COMPLETE when the body is whole,
     * UNTIL_CLOSE → COMPLETE on {@link #eof()}; HEAD, FIXED_BODY, CHUNKED_BODY → FAILED on a malformed message or an
     * early {@link #eof()}; any state → HEAD on {@link #reset(boolean)}.
     */
    private enum State {
        /** Collecting the head. */
        HEAD,
        /** In a body of {@code Content-Length} bytes. */
        FIXED_BODY,
        /** In a chunked body. */
        CHUNKED_BODY,
        /** In a body that ends when the connection closes. */
        UNTIL_CLOSE,
        /** The response is complete. */
        COMPLETE,
        /** The response was malformed or cut short. */
        FAILED
    }

    private final Listener listener;
    private final MessageBody body = new MessageBody(new ChunkedDecoder(MAX_LINE, MAX_HEAD, 128));
    private final ResponseHeadReader headReader = new ResponseHeadReader(MAX_HEAD);
    private State state = State.HEAD;
    private boolean headDone;
    private boolean headResponse;

    /**
     * A parser; {@link #reset(boolean)} it before the first response.
     *
     * @param listener where the events go
     */
    public ResponseParser(Listener listener) {
        this.listener = listener;
    }

    /**
     * Readies the parser for the response to a new request.
     *
     * @param head whether the request was a HEAD (its response has no body)
     */
    public void reset(boolean head) {
        state = State.HEAD;
        headReader.reset();
        body.stop();
        headResponse = head;
        headDone = false;
    }

    /**
     * Parses from {@code buf}'s position, advancing it past what was consumed.
     *
     * @param buf the bytes that arrived
     * @return true once the message completed (the rest stays in {@code buf})
     */
    public boolean feed(ByteBuffer buf) {
        try {
            while (buf.hasRemaining() && state != State.COMPLETE && state != State.FAILED) {
                switch (state) {
                    case HEAD -> head(buf);
                    case FIXED_BODY, CHUNKED_BODY -> body(buf);
                    case UNTIL_CLOSE -> untilClose(buf);
                    default -> throw new IllegalStateException(state.name());
                }
            }
        } catch (HttpParseException e) {
            state = State.FAILED;
            listener.onError(e.reason(), false);
        }
        return state == State.COMPLETE;
    }

    private void head(ByteBuffer buf) {
        headReader.read(buf);
        if (!headReader.done()) {
            return;
        }
        ResponseHead head = headReader.parse();
        int status = head.status();
        boolean hasBody = !headResponse && status >= 200 && status != 204 && status != 304;
        if (!hasBody) {
            state = State.COMPLETE;
        } else if (headReader.chunked()) {
            state = State.CHUNKED_BODY;
            body.startChunked();
        } else if (headReader.contentLength() > 0) {
            state = State.FIXED_BODY;
            body.startFixed(headReader.contentLength());
        } else if (headReader.contentLength() == 0) {
            state = State.COMPLETE;
        } else {
            state = State.UNTIL_CLOSE;
        }
        headDone = true;
        listener.onHead(head);
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

    private void untilClose(ByteBuffer buf) {
        byte[] data = new byte[buf.remaining()];
        buf.get(data);
        listener.onBody(data);
    }

    /** The connection closed: completes a body delimited by the close, else reports an early end. */
    public void eof() {
        switch (state) {
            case COMPLETE, FAILED -> {
            }
            case UNTIL_CLOSE -> {
                state = State.COMPLETE;
                listener.onComplete();
            }
            case HEAD -> {
                state = State.FAILED;
                listener.onError("the connection closed in the middle of the response's head", true);
            }
            default -> {
                state = State.FAILED;
                listener.onError("the connection closed before the response was complete", true);
            }
        }
    }

    /**
     * Whether the response is complete.
     *
     * @return whether the last message completed
     */
    public boolean isComplete() {
        return state == State.COMPLETE;
    }

    /**
     * Whether the head of the current response has been parsed.
     *
     * @return whether the head is done
     */
    public boolean headDone() {
        return headDone;
    }

    /**
     * The codings of a {@code Transfer-Encoding} that does not end in chunked (the body then ends at the close and
     * is encoded with them), or null.
     *
     * @return the codings, comma-separated as received, or null
     */
    public String transferCodings() {
        return headDone ? headReader.transferCodings() : null;
    }

    /**
     * Whether the body is delimited by the connection's close.
     *
     * @return whether the body ends at the close
     */
    public boolean readUntilClose() {
        return state == State.UNTIL_CLOSE || (headDone && untilClose());
    }

    private boolean untilClose() {
        int status = headReader.status();
        boolean hasBody = !headResponse && status >= 200 && status != 204 && status != 304;
        return hasBody && !headReader.chunked() && headReader.contentLength() < 0;
    }
}
