package io.asyncio4j.http.internal;

import java.nio.ByteBuffer;

/**
 * The body of one HTTP/1.1 message after its head, as the head framed it (RFC 9112 section 6): a fixed length, or
 * chunked coding through a {@link ChunkedDecoder}, the framing removed. A body read until the connection closes
 * has no framing and does not come here. {@link RequestParser} and {@link ResponseParser} each keep one per
 * connection and start it for every message that has a framed body. Not thread-safe.
 */
final class MessageBody {
    private static final byte[] NONE = new byte[0];

    private final ChunkedDecoder chunks;
    private boolean chunked;
    /** Bytes of a fixed-length body not yet taken. */
    private long left;

    /** @param chunks the decoder of chunked bodies, with the parser's limits */
    MessageBody(ChunkedDecoder chunks) {
        this.chunks = chunks;
    }

    /** The next body has {@code length} bytes, more than zero. */
    void startFixed(long length) {
        chunked = false;
        left = length;
    }

    /** The next body is chunked: its first chunk-size line comes next. */
    void startChunked() {
        chunked = true;
        left = 0;
        chunks.start();
    }

    /** Forgets the body (the parser is reset). */
    void stop() {
        chunks.stop();
        chunked = false;
        left = 0;
    }

    /**
     * Takes the body's bytes from {@code buf}'s position, not past the body's end, advancing the position past what
     * it used.
     *
     * @return the body's bytes among them, framing removed: a new array, the caller's; empty if there were none (a
     *         chunk-size line, say)
     * @throws HttpParseException (400) at the first byte chunked framing does not allow
     */
    byte[] next(ByteBuffer buf) {
        if (chunked) {
            byte[] data = chunks.next(buf);
            return data == null ? NONE : data;
        }
        byte[] data = new byte[(int) Math.min(left, buf.remaining())];
        buf.get(data);
        left -= data.length;
        return data;
    }

    /** Whether the body has ended: its last byte taken, or its last chunk and trailer section. */
    boolean done() {
        return chunked ? chunks.done() : left == 0;
    }
}
