package io.asyncio4j.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpParser;

/**
 * Follows a chunked body (RFC 9112 §7.1) on its way into Jetty's {@code HttpParser} and removes the leading zeros of
 * every chunk size. {@code chunk-size = 1*HEXDIG} allows any number of them, as aiohttp and nginx do, but Jetty 12
 * refuses a size of more than 16 digits, zeros included (with a bare 400 that the parsers reported as a closed
 * connection). Jetty gets the size without its leading zeros, or a single {@code 0} for the last chunk; every other
 * byte passes unchanged, for Jetty to check as before (extensions, CRLFs, trailers).
 *
 * <p>The filter keeps its own bounds, so that a size made long by zeros stays bounded: a chunk size over
 * {@link Long#MAX_VALUE} and a chunk-size line (zeros and extensions included) longer than the line limit are
 * refused with an {@link HttpParseException} (400) naming the problem, before Jetty sees the offending byte.
 *
 * <p>Used by {@link RequestParser} and {@link ResponseParser}: {@link #start()} once the head says the body is
 * chunked, then {@link #parse} in place of {@code HttpParser.parseNext} until {@link #active()} is false (the last
 * chunk's line has passed; Jetty parses the trailer section itself). Not thread-safe.
 */
final class ChunkSizeFilter {
    /** Where the filter is in the body; the byte at the buffer's position is the next one Jetty gets. */
    private enum State {
        /** At the start of a chunk-size line: leading zeros, skipped, may follow (diagram: SIZE_START → SIZE). */
        SIZE_START,
        /** In the chunk size's digits (→ EXTENSIONS at the first other byte). */
        SIZE,
        /** After the size, up to the LF that ends the line (→ DATA, or DONE for the last chunk). */
        EXTENSIONS,
        /** In a chunk's data (→ DATA_END when it is all through). */
        DATA,
        /** After a chunk's data, up to its LF (→ SIZE_START). */
        DATA_END,
        /** Not in a chunked body, or past its last chunk. */
        DONE
    }

    private static final byte[] ZERO = {'0'};

    private final int maxLineSize;
    private State state = State.DONE;
    /** Whether leading zeros of the current size were skipped (Jetty has not seen a digit of it yet). */
    private boolean zeros;
    private long size;
    /** Bytes of the current chunk's data not yet through. */
    private long left;
    private int lineLength;

    /** @param maxLineSize the longest chunk-size line, in bytes, zeros and extensions included (CRLF not) */
    ChunkSizeFilter(int maxLineSize) {
        this.maxLineSize = maxLineSize;
    }

    /** The head announced a chunked body: the next byte starts the first chunk-size line. */
    void start() {
        state = State.SIZE_START;
        zeros = false;
        size = 0;
        left = 0;
        lineLength = 0;
    }

    /** Forgets the body (the parser is reset). */
    void stop() {
        state = State.DONE;
    }

    /** Whether bytes must still pass through {@link #parse}. */
    boolean active() {
        return state != State.DONE;
    }

    /**
     * Gives {@code jetty} the bytes from {@code buf}'s position, leading zeros of chunk sizes removed, until the buffer
     * is used up, the last chunk's line has passed, or Jetty stops consuming (its handler asked it to return, or it
     * failed); {@code buf}'s position is advanced past what was consumed or skipped.
     *
     * @throws HttpParseException (400) if a chunk size is over {@link Long#MAX_VALUE} or its line is too long
     */
    void parse(ByteBuffer buf, HttpParser jetty) {
        while (buf.hasRemaining() && state != State.DONE) {
            int from = buf.position();
            if (state == State.SIZE_START) {
                byte b = buf.get(from);
                if (b == '0') {
                    grow(1);
                    zeros = true;
                    buf.position(from + 1);
                    continue;
                }
                if (zeros && hexDigit(b) < 0 && !pass(ByteBuffer.wrap(ZERO), jetty)) {
                    return;
                }
                state = State.SIZE;
                continue;
            }
            int to = sliceEnd(buf);
            ByteBuffer slice = buf.duplicate();
            slice.limit(to);
            jetty.parseNext(slice);
            for (int i = from; i < slice.position(); ) {
                i = advance(buf, i, slice.position());
            }
            buf.position(slice.position());
            if (slice.position() < to) {
                return; // Jetty stopped: its handler's call, or a failure
            }
        }
    }

    /** Passes Jetty a byte the filter made up; false if Jetty did not take it. */
    private static boolean pass(ByteBuffer made, HttpParser jetty) {
        jetty.parseNext(made);
        return !made.hasRemaining();
    }

    /**
     * Where the next slice for Jetty ends: the rest of the chunk's data, or the rest of the line (its LF included).
     * Checks the size's digits and the line's length first, so that Jetty never sees a byte the filter refuses.
     */
    private int sliceEnd(ByteBuffer buf) {
        int end = buf.limit();
        int i = buf.position();
        if (state == State.DATA) {
            return left >= end - i ? end : i + (int) left;
        }
        long s = size;
        State st = state;
        int length = lineLength;
        for (; i < end; i++) {
            byte b = buf.get(i);
            if (b == '\n') {
                return i + 1;
            }
            if (st == State.SIZE) {
                int d = hexDigit(b);
                if (d < 0) {
                    st = State.EXTENSIONS;
                } else if (s > (Long.MAX_VALUE - d) >>> 4) {
                    throw new HttpParseException(400, "a chunk size over " + Long.MAX_VALUE + " bytes");
                } else {
                    s = s * 16 + d;
                }
            }
            if (st != State.DATA_END && b != '\r' && ++length > maxLineSize) {
                throw new HttpParseException(400, "a chunk-size line longer than " + maxLineSize + " bytes");
            }
        }
        return end;
    }

    /** Moves the state past what Jetty consumed from index {@code i}; returns the index to go on from. */
    private int advance(ByteBuffer buf, int i, int consumed) {
        if (state == State.DATA) {
            int n = (int) Math.min(consumed - i, left);
            left -= n;
            if (left == 0) {
                state = State.DATA_END;
            }
            return i + n;
        }
        byte b = buf.get(i);
        if (b == '\n') {
            if (state == State.DATA_END) {
                start();
            } else if (size == 0) {
                state = State.DONE;
            } else {
                state = State.DATA;
                left = size;
            }
            return i + 1;
        }
        if (state == State.SIZE) {
            int d = hexDigit(b);
            if (d < 0) {
                state = State.EXTENSIONS;
            } else {
                size = size * 16 + d;
            }
        }
        if (state != State.DATA_END && b != '\r') {
            grow(1);
        }
        return i + 1;
    }

    private void grow(int n) {
        lineLength += n;
        if (lineLength > maxLineSize) {
            throw new HttpParseException(400, "a chunk-size line longer than " + maxLineSize + " bytes");
        }
    }

    /** The value of the hex digit {@code b}, or -1. */
    private static int hexDigit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
