package io.asyncio4j.http.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One line of a message head or a trailer section (RFC 9112 §2.2), collected byte by byte as it arrives, up to its
 * line ending, which is CRLF (or a bare LF where the reader allows it: a response's head). The reader checks what
 * no line may hold, at the first byte that breaks it: a CR not followed by LF, a bare LF where it is not allowed, a
 * control character other than HTAB (HTAB too where the reader says so), more bytes than the limit. What the line
 * means is its caller's: {@link RequestLine}, {@link FieldLine}, {@link ResponseHeadReader}.
 *
 * <p>Not thread-safe: one per parser, used on the loop's thread.
 */
final class LineReader {
    private final int maxLength;
    private final boolean bareLf;
    private final boolean tab;
    private final String section;
    private final String controlIn;
    private final int tooLongStatus;
    private final String tooLong;
    private byte[] line = new byte[128];
    private int length;
    private boolean afterCr;

    /**
     * @param maxLength     the longest line, in bytes, its line ending not counted
     * @param bareLf        whether a bare LF ends a line (a response's head), or is refused
     * @param tab           whether HTAB may appear in the line
     * @param section       where the line is, for the reasons: {@code "the head"}, {@code "the trailer section"}
     * @param controlIn     where a control character was found, for its reason: {@code "a header field"}
     * @param tooLongStatus the status of a line longer than {@code maxLength}: 414, 431 or 400
     * @param tooLong       what a line longer than {@code maxLength} is, for its reason: {@code "header field line"}
     *                      (the reason then says "header field line longer than 8190 bytes"; built only then)
     */
    LineReader(int maxLength, boolean bareLf, boolean tab, String section, String controlIn, int tooLongStatus,
               String tooLong) {
        this.maxLength = maxLength;
        this.bareLf = bareLf;
        this.tab = tab;
        this.section = section;
        this.controlIn = controlIn;
        this.tooLongStatus = tooLongStatus;
        this.tooLong = tooLong;
    }

    /**
     * Takes the line's bytes from {@code buf}'s position up to and including its LF (the rest stays in
     * {@code buf}), or all of them if the line goes on. A line that is complete is forgotten on the next call.
     *
     * @return true if the line is complete: {@link #bytes()} and {@link #length()} hold it, line ending removed
     * @throws HttpParseException at the first byte that no line may hold
     */
    boolean read(ByteBuffer buf) {
        int end = buf.limit();
        int i = buf.position();
        try {
            while (i < end) {
                byte b = buf.get(i++);
                if (afterCr) {
                    if (b != '\n') {
                        throw new HttpParseException(400, "a CR not followed by LF in " + section);
                    }
                    afterCr = false;
                    return true;
                } else if (b == '\r') {
                    afterCr = true;
                } else if (b == '\n') {
                    if (!bareLf) {
                        throw new HttpParseException(400, "a bare LF (without CR) in " + section);
                    }
                    return true;
                } else if (HttpChars.control(b) && !(tab && b == '\t')) {
                    throw new HttpParseException(400, "control character 0x" + Integer.toHexString(b) + " in "
                            + controlIn);
                } else if (length == maxLength) {
                    throw new HttpParseException(tooLongStatus, tooLong + " longer than " + maxLength + " bytes");
                } else {
                    if (length == line.length) {
                        line = Arrays.copyOf(line, Math.min(maxLength, length * 2));
                    }
                    line[length++] = b;
                }
            }
            return false;
        } finally {
            buf.position(i);
        }
    }

    /** Starts the next line: called after a complete line was used. */
    void next() {
        length = 0;
        afterCr = false;
    }

    /** The line's bytes, from 0 to {@link #length()}; the array is reused for the next line. */
    byte[] bytes() {
        return line;
    }

    /** The line's length, its line ending not counted. */
    int length() {
        return length;
    }

    /** Whether some bytes of a line (or its CR) have arrived. */
    boolean started() {
        return length > 0 || afterCr;
    }
}
