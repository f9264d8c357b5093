package io.asyncio4j.http.internal;

import java.nio.ByteBuffer;
import java.util.HexFormat;
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
                    grow();
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
            State was = state;
            int to = was == State.DATA ? dataEnd(buf) : lineEnd(buf);
            ByteBuffer slice = buf.duplicate();
            slice.limit(to);
            jetty.parseNext(slice);
            if (slice.limit() != to) {
                // Jetty cleared the slice (position and limit 0): it failed or closed and discards the bytes
                buf.position(to);
                state = State.DONE;
                return;
            }
            int consumed = slice.position() - from;
            buf.position(slice.position());
            if (was == State.DATA) {
                left -= consumed;
                if (left == 0) {
                    state = State.DATA_END;
                }
            }
            if (slice.hasRemaining()) {
                return; // Jetty stopped: its handler's call, or a failure
            }
        }
    }

    /** Passes Jetty a byte the filter made up; false if Jetty did not take it. */
    private static boolean pass(ByteBuffer made, HttpParser jetty) {
        jetty.parseNext(made);
        return !made.hasRemaining();
    }

    /** Where the current chunk's data ends in {@code buf}, or the buffer's limit. */
    private int dataEnd(ByteBuffer buf) {
        int end = buf.limit();
        int i = buf.position();
        return left >= end - i ? end : i + (int) left;
    }

    /**
     * Where the current line ends in {@code buf} (after its LF), or the buffer's limit; moves the state over the
     * line's bytes as it goes (past the LF, to the chunk's data, the next size or the end), checking the size's
     * digits and the line's length first, so that Jetty never sees a byte the filter refuses. Jetty consumes a line
     * slice whole unless it fails, when the state no longer matters.
     */
    private int lineEnd(ByteBuffer buf) {
        int end = buf.limit();
        for (int i = buf.position(); i < end; i++) {
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
                } else if (size > (Long.MAX_VALUE - d) >>> 4) {
                    throw new HttpParseException(400, "a chunk size over " + Long.MAX_VALUE + " bytes");
                } else {
                    size = size * 16 + d;
                }
            }
            if (state != State.DATA_END && b != '\r') {
                grow();
            }
        }
        return end;
    }

    /** Counts a byte of the chunk-size line, refusing the line past the limit. */
    private void grow() {
        if (++lineLength > maxLineSize) {
            throw new HttpParseException(400, "a chunk-size line longer than " + maxLineSize + " bytes");
        }
    }

    /** The value of the hex digit {@code b}, or -1. */
    private static int hexDigit(byte b) {
        return HexFormat.isHexDigit(b) ? HexFormat.fromHexDigit(b) : -1;
    }
}
