package io.asyncio4j.http.internal;

import java.nio.ByteBuffer;

/**
 * Decodes a chunked body (RFC 9112 §7.1) as its bytes arrive: it follows the framing byte by byte, hands out the
 * chunks' data, and checks the trailer section's field lines (which are dropped: nothing in asyncio4j reads
 * trailers). Everything RFC 9112 does not allow is refused with an {@link HttpParseException} (400) naming it, at
 * the first byte that breaks the grammar:
 * <ul>
 *   <li>{@code chunk-size = 1*HEXDIG}: any number of leading zeros, but a value over {@link Long#MAX_VALUE} is
 *       refused ("a chunk size over 9223372036854775807 bytes");</li>
 *   <li>{@code chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] )}, {@code ext-val = token /
 *       quoted-string}: an extension's name and value are checked, then ignored; the whole chunk-size line (zeros
 *       and extensions included, CRLF not) is at most the line limit ("a chunk-size line longer than 8190
 *       bytes");</li>
 *   <li>every line of the framing ends with CRLF: a bare LF, a CR not followed by LF, and chunk data not followed by
 *       CRLF are refused;</li>
 *   <li>trailer field lines as {@link FieldLine} checks head fields, each at most the line limit, the section at
 *       most the head limit.</li>
 * </ul>
 *
 * <p>The framing's state is one {@link State}; its transitions are listed on the constants. Used by
 * {@link RequestParser} and {@link ResponseParser}: {@link #start()} when a head announced a chunked body, then
 * {@link #next} until {@link #done()}. Not thread-safe: one per parser, on the loop's thread.
 */
final class ChunkedDecoder {
    /**
     * Where the decoder is in the body. A chunk-size line goes SIZE_START → SIZE → (extensions) → SIZE_LF; then
     * DATA → DATA_CR → DATA_LF → SIZE_START for a chunk, or TRAILER → DONE after the last chunk (size 0).
     */
    private enum State {
        /** Before the first hex digit of a size (→ SIZE on a hex digit). */
        SIZE_START,
        /** In the size's hex digits (→ EXT_WS on SP or HTAB, EXT_NAME_WS on ';', SIZE_LF on CR). */
        SIZE,
        /** In BWS that must be followed by ';' (→ EXT_NAME_WS on ';'). */
        EXT_WS,
        /** After ';', in BWS before an extension's name (→ EXT_NAME on a token character). */
        EXT_NAME_WS,
        /** In an extension's name (→ EXT_NAME_END on SP or HTAB, EXT_VALUE_WS on '=', EXT_NAME_WS on ';',
         *  SIZE_LF on CR). */
        EXT_NAME,
        /** In BWS after an extension's name (→ EXT_VALUE_WS on '=', EXT_NAME_WS on ';'). */
        EXT_NAME_END,
        /** After '=', in BWS before the value (→ EXT_TOKEN on a token character, EXT_QUOTED on '"'). */
        EXT_VALUE_WS,
        /** In a token value (→ EXT_WS on SP or HTAB, EXT_NAME_WS on ';', SIZE_LF on CR). */
        EXT_TOKEN,
        /** In a quoted-string value (→ EXT_QUOTED_PAIR on '\', EXT_QUOTED_END on '"'). */
        EXT_QUOTED,
        /** After '\' in a quoted string (→ EXT_QUOTED). */
        EXT_QUOTED_PAIR,
        /** After a quoted string's closing '"' (→ EXT_WS on SP or HTAB, EXT_NAME_WS on ';', SIZE_LF on CR). */
        EXT_QUOTED_END,
        /** After the CR of a chunk-size line (→ DATA on LF, or TRAILER after the last chunk's line). */
        SIZE_LF,
        /** In a chunk's data (→ DATA_CR when all of it has been handed out). */
        DATA,
        /** After a chunk's data, expecting its CR (→ DATA_LF). */
        DATA_CR,
        /** Expecting the LF after a chunk's data (→ SIZE_START). */
        DATA_LF,
        /** In the trailer section, one field line at a time (→ DONE at the empty line). */
        TRAILER,
        /** Past the body's end, or not in a chunked body. */
        DONE
    }

    private final int maxLineSize;
    private final int maxTrailerSize;
    private final int maxTrailerFields;
    private final LineReader trailerLine;
    private final FieldLine field = new FieldLine();
    private State state = State.DONE;
    private long size;
    /** Bytes of the current chunk's data not handed out yet. */
    private long left;
    private int lineLength;
    private int trailerSize;
    private int trailerFields;

    /**
     * @param maxLineSize      the longest chunk-size line and trailer field line, in bytes (CRLF not counted)
     * @param maxTrailerSize   the largest trailer section, in bytes
     * @param maxTrailerFields the most trailer fields
     */
    ChunkedDecoder(int maxLineSize, int maxTrailerSize, int maxTrailerFields) {
        this.maxLineSize = maxLineSize;
        this.maxTrailerSize = maxTrailerSize;
        this.maxTrailerFields = maxTrailerFields;
        this.trailerLine = new LineReader(maxLineSize, false, true, "the trailer section", "a trailer field", 400,
                "a trailer field line");
    }

    /** A head announced a chunked body: the next byte starts the first chunk-size line. */
    void start() {
        state = State.SIZE_START;
        size = 0;
        left = 0;
        lineLength = 0;
        trailerSize = 0;
        trailerFields = 0;
        trailerLine.next();
    }

    /** Forgets the body (its parser is reset). */
    void stop() {
        state = State.DONE;
    }

    /** Whether the body is complete (its trailer section's empty line has arrived), or none was started. */
    boolean done() {
        return state == State.DONE;
    }

    /** Whether the decoder is in a chunk's data or between chunks, not in the trailer section. */
    boolean inTrailer() {
        return state == State.TRAILER;
    }

    /**
     * Takes framing bytes from {@code buf}'s position until some chunk data is there, the buffer is used up or the
     * body is complete, advancing the position past what it used.
     *
     * @return the next piece of data (a new array, at most what {@code buf} holds of the current chunk), or null if
     *         {@code buf} holds no more data: it is used up, or the body is complete ({@link #done()})
     * @throws HttpParseException (400) at the first byte the framing does not allow
     */
    byte[] next(ByteBuffer buf) {
        while (buf.hasRemaining() && state != State.DONE) {
            if (state == State.DATA) {
                int n = (int) Math.min(left, buf.remaining());
                byte[] data = new byte[n];
                buf.get(data);
                left -= n;
                if (left == 0) {
                    state = State.DATA_CR;
                }
                return data;
            }
            if (state == State.TRAILER) {
                trailer(buf);
                continue;
            }
            framing(buf.get());
        }
        return null;
    }

    /** One byte of a chunk-size line or of the CRLF after a chunk's data. */
    private void framing(byte b) {
        switch (state) {
            case DATA_CR -> {
                if (b != '\r') {
                    throw new HttpParseException(400, "chunk data longer than its chunk size (no CRLF after it)");
                }
                state = State.DATA_LF;
            }
            case DATA_LF -> {
                lf(b);
                state = State.SIZE_START;
                size = 0;
                lineLength = 0;
            }
            case SIZE_LF -> {
                lf(b);
                if (size == 0) {
                    state = State.TRAILER;
                } else {
                    state = State.DATA;
                    left = size;
                }
            }
            default -> sizeLine(b);
        }
    }

    /** One byte of a chunk-size line, before its CR. */
    private void sizeLine(byte b) {
        if (b == '\n') {
            throw new HttpParseException(400, "a bare LF (without CR) in the chunk framing");
        }
        if (b != '\r' && ++lineLength > maxLineSize) {
            throw new HttpParseException(400, "a chunk-size line longer than " + maxLineSize + " bytes");
        }
        boolean ws = HttpChars.whitespace(b);
        switch (state) {
            case SIZE_START, SIZE -> {
                int d = HttpChars.hex(b);
                if (d >= 0) {
                    if (size > (Long.MAX_VALUE - d) >>> 4) {
                        throw new HttpParseException(400, "a chunk size over " + Long.MAX_VALUE + " bytes");
                    }
                    size = size * 16 + d;
                    state = State.SIZE;
                } else if (state == State.SIZE_START) {
                    throw bad("a chunk size that is not a hex number");
                } else {
                    afterItem(b, ws, "a chunk size that is not a hex number");
                }
            }
            case EXT_WS -> {
                if (b == ';') {
                    state = State.EXT_NAME_WS;
                } else if (!ws) {
                    throw bad("a malformed chunk extension");
                }
            }
            case EXT_NAME_WS -> {
                if (HttpChars.token(b)) {
                    state = State.EXT_NAME;
                } else if (!ws) {
                    throw bad("a chunk extension without a name");
                }
            }
            case EXT_NAME -> {
                if (b == '=') {
                    state = State.EXT_VALUE_WS;
                } else if (ws) {
                    state = State.EXT_NAME_END;
                } else if (!HttpChars.token(b)) {
                    afterItem(b, false, "a malformed chunk extension name");
                }
            }
            case EXT_NAME_END -> {
                if (b == '=') {
                    state = State.EXT_VALUE_WS;
                } else if (b == ';') {
                    state = State.EXT_NAME_WS;
                } else if (!ws) {
                    throw bad("a malformed chunk extension");
                }
            }
            case EXT_VALUE_WS -> {
                if (HttpChars.token(b)) {
                    state = State.EXT_TOKEN;
                } else if (b == '"') {
                    state = State.EXT_QUOTED;
                } else if (!ws) {
                    throw bad("a chunk extension without a value after '='");
                }
            }
            case EXT_TOKEN -> {
                if (!HttpChars.token(b)) {
                    afterItem(b, ws, "a malformed chunk extension value");
                }
            }
            case EXT_QUOTED -> {
                if (b == '\\') {
                    state = State.EXT_QUOTED_PAIR;
                } else if (b == '"') {
                    state = State.EXT_QUOTED_END;
                } else if (b == '\r' || !HttpChars.fieldValue(b)) {
                    throw bad("a malformed quoted chunk extension value");
                }
            }
            case EXT_QUOTED_PAIR -> {
                if (b == '\r' || !HttpChars.fieldValue(b)) {
                    throw bad("a malformed quoted chunk extension value");
                }
                state = State.EXT_QUOTED;
            }
            case EXT_QUOTED_END -> afterItem(b, ws, "a malformed chunk extension");
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** After a size, an extension's name or value: whitespace, ';' or the line's CR may follow. */
    private void afterItem(byte b, boolean ws, String otherwise) {
        if (b == '\r') {
            state = State.SIZE_LF;
        } else if (b == ';') {
            state = State.EXT_NAME_WS;
        } else if (ws) {
            state = State.EXT_WS;
        } else {
            throw bad(otherwise);
        }
    }

    private static void lf(byte b) {
        if (b != '\n') {
            throw new HttpParseException(400, "a CR not followed by LF in the chunk framing");
        }
    }

    private static HttpParseException bad(String reason) {
        return new HttpParseException(400, reason);
    }

    /** Bytes of the trailer section, one field line at a time, up to its empty line. */
    private void trailer(ByteBuffer buf) {
        int from = buf.position();
        boolean line = trailerLine.read(buf);
        trailerSize += buf.position() - from;
        if (trailerSize > maxTrailerSize) {
            throw new HttpParseException(400, "a trailer section larger than " + maxTrailerSize + " bytes");
        }
        if (!line) {
            return;
        }
        int length = trailerLine.length();
        if (length == 0) {
            state = State.DONE;
        } else if (++trailerFields > maxTrailerFields) {
            throw new HttpParseException(400, "more than " + maxTrailerFields + " trailer fields");
        } else {
            field.parse(trailerLine.bytes(), length); // checked, then dropped
        }
        trailerLine.next();
    }
}
