package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The head of one response (status line and field lines), collected whole by {@link ResponseParser} (at most the
 * head limit, 64 KiB), then parsed (RFC 9112 §4, §5):
 * <ul>
 *   <li>lines end with CRLF or a bare LF (RFC 9112 §2.2 allows a recipient to take a bare LF); a CR elsewhere is
 *       refused; empty lines before the status line are skipped;</li>
 *   <li>the status line's version is case-sensitive ({@code HTTP-version = "HTTP/" DIGIT "." DIGIT}):
 *       {@code http/1.1} is a bad status line, as aiohttp's {@code BadStatusLine}; another major version than 1 is
 *       one too, and a higher minor version of HTTP/1 ({@code HTTP/1.2}) is read as HTTP/1.1 (RFC 9110 §2.5); the
 *       status is three digits from 100, the reason phrase anything but control characters (HTAB aside);</li>
 *   <li>obs-fold (a field line starting with SP or HTAB, continuing the one before) is replaced by one SP
 *       (RFC 9112 §5.2: a user agent must do so); whitespace before the first field line is refused (§2.2); each
 *       field line, folds joined, is checked by {@link FieldLine};</li>
 *   <li>{@code Content-Length} as {@link Framing} reads it, at most one; a {@code Transfer-Encoding} whose last
 *       coding is {@code chunked} (once) frames a chunked body; one whose last coding is not means the body ends
 *       when the connection closes (RFC 9112 §6.3), and {@link #transferCodings()} tells which codings to undo;
 *       with a {@code Content-Length} as well the response is refused (RFC 9112 §6.3: a sign of smuggling).</li>
 * </ul>
 * Not thread-safe: one per {@link ResponseParser}, on the loop's thread.
 */
final class ResponseHeadReader {
    private final int maxHeadSize;
    private byte[] head = new byte[256];
    private int length;
    /** Where the line being collected starts. */
    private int lineStart;
    private boolean done;
    /** Whether the last byte was a CR before the status line (an LF must follow). */
    private boolean leadingCr;
    private final FieldLine fieldParser = new FieldLine();
    /** The field line being collected, its obs-folds joined. */
    private byte[] field = new byte[128];
    private int status;
    private String reason;
    private long contentLength;
    private boolean chunked;
    private String transferCodings;

    /** @param maxHeadSize the largest head, in bytes */
    ResponseHeadReader(int maxHeadSize) {
        this.maxHeadSize = maxHeadSize;
        reset();
    }

    /** Forgets the head, for the next response. */
    void reset() {
        length = 0;
        lineStart = 0;
        done = false;
        leadingCr = false;
        status = 0;
        reason = null;
        contentLength = -1;
        chunked = false;
        transferCodings = null;
    }

    /** Whether the whole head (its empty line included) has been collected. */
    boolean done() {
        return done;
    }

    /** Whether some bytes of the head have been collected. */
    boolean started() {
        return length > 0;
    }

    /**
     * Takes the head's bytes from {@code buf}'s position, up to and including the LF of the empty line that ends
     * it (the rest, the body, stays in {@code buf}), or all of them if the head goes on.
     *
     * @throws HttpParseException if the head is larger than the limit
     */
    void read(ByteBuffer buf) {
        while (buf.hasRemaining() && !done) {
            byte b = buf.get();
            if (leadingCr && b != '\n') {
                throw new HttpParseException(400, "a CR not followed by LF in the head");
            }
            leadingCr = false;
            if (length == 0 && (b == '\r' || b == '\n')) {
                leadingCr = b == '\r';
                continue; // empty lines before the status line are skipped
            }
            if (length == maxHeadSize) {
                throw new HttpParseException(400, "a response head larger than " + maxHeadSize + " bytes");
            }
            if (length == head.length) {
                head = Arrays.copyOf(head, Math.min(maxHeadSize, length * 2));
            }
            head[length++] = b;
            if (b == '\n') {
                int line = length - 1 - lineStart;
                done = lineStart > 0 && (line == 0 || (line == 1 && head[lineStart] == '\r'));
                lineStart = length;
            }
        }
    }

    /**
     * Parses the head collected whole: the status line, the field lines (obs-folds replaced by SP), what the fields
     * say about the body.
     *
     * @return the head
     * @throws HttpParseException naming the problem: a bad status line, a malformed field line, whitespace before
     *                            the first field, a bare CR, a malformed or repeated {@code Content-Length}, a
     *                            {@code Transfer-Encoding} with a {@code Content-Length}, {@code chunked} twice
     */
    ResponseHead parse() {
        int end = length - (length >= 2 && head[length - 2] == '\r' ? 2 : 1); // without the empty line at the end
        int lf = lineEnd(0, end);
        String version = statusLine(lineContent(0, lf));
        Headers headers = new Headers();
        String connection = null;
        List<String> codings = null;
        int chunkedCodings = 0;
        int fieldLength = 0;
        int from = lf + 1;
        while (true) {
            boolean more = from < end;
            int to = more ? lineEnd(from, end) : end;
            int content = more ? lineContent(from, to) : end;
            boolean fold = more && HttpChars.whitespace(head[from]);
            if (fold) {
                if (fieldLength == 0) {
                    throw new HttpParseException(400, "whitespace before the first header field");
                }
                int i = from;
                while (i < content && HttpChars.whitespace(head[i])) {
                    i++;
                }
                fieldLength = append(fieldLength, (byte) ' ');
                for (; i < content; i++) {
                    fieldLength = append(fieldLength, head[i]);
                }
                from = to + 1;
                continue;
            }
            if (fieldLength > 0) {
                // the field collected so far, with its folds, is complete
                fieldParser.parse(field, fieldLength);
                fieldLength = 0;
                String name = fieldParser.name();
                String value = fieldParser.value();
                if (FieldLine.is(name, "Content-Length")) {
                    if (contentLength >= 0) {
                        throw new HttpParseException(400, "Multiple Content-Lengths");
                    }
                    contentLength = Framing.contentLength(value);
                } else if (FieldLine.is(name, "Transfer-Encoding")) {
                    codings = codings == null ? new ArrayList<>() : codings;
                    for (String c : value.split(",")) {
                        String coding = c.strip();
                        if (!coding.isEmpty()) {
                            codings.add(coding);
                            chunkedCodings += coding.equalsIgnoreCase("chunked") ? 1 : 0;
                        }
                    }
                } else if (FieldLine.is(name, "Connection")) {
                    connection = connection == null ? value : connection + "," + value;
                }
                HeadersAccess.addParsed(headers, name, value);
            }
            if (!more) {
                break;
            }
            if (content == from) {
                throw new HttpParseException(400, "an empty line inside the head");
            }
            for (int i = from; i < content; i++) {
                fieldLength = append(fieldLength, head[i]);
            }
            from = to + 1;
        }
        if (codings != null) {
            if (contentLength >= 0) {
                throw new HttpParseException(400, "Transfer-Encoding and Content-Length");
            }
            if (codings.isEmpty()) {
                throw new HttpParseException(400, "a Transfer-Encoding without a coding");
            }
            if (codings.getLast().equalsIgnoreCase("chunked")) {
                if (chunkedCodings > 1) {
                    throw new HttpParseException(400, "Bad Transfer-Encoding, multiple chunked tokens");
                }
                chunked = true;
            } else {
                transferCodings = String.join(", ", codings);
            }
        }
        boolean http11 = version.equals("HTTP/1.1");
        boolean keepAlive = http11 ? !RequestParser.hasToken(connection, "close")
                : RequestParser.hasToken(connection, "keep-alive");
        return new ResponseHead(version, status, reason, headers.readOnly(), keepAlive);
    }

    /** Checks the status line {@code head[0, to)}, sets {@link #status} and {@link #reason}; returns the version. */
    private String statusLine(int to) {
        String line = new String(head, 0, to, StandardCharsets.ISO_8859_1);
        int sp = line.indexOf(' ');
        String version = sp < 0 ? line : line.substring(0, sp);
        if (!RequestLine.isHttpVersion(version) || version.charAt(5) != '1' || sp < 0) {
            throw badStatusLine(line);
        }
        int i = sp;
        while (i < to && head[i] == ' ') {
            i++;
        }
        if (i + 3 > to || (i + 3 < to && head[i + 3] != ' ')) {
            throw badStatusLine(line);
        }
        int code = 0;
        for (int k = i; k < i + 3; k++) {
            if (head[k] < '0' || head[k] > '9') {
                throw badStatusLine(line);
            }
            code = code * 10 + head[k] - '0';
        }
        if (code < 100) {
            throw badStatusLine(line);
        }
        for (int k = i + 3; k < to; k++) {
            if (HttpChars.control(head[k]) && head[k] != '\t') {
                throw badStatusLine(line);
            }
        }
        status = code;
        reason = line.substring(i + 3).strip();
        return version.charAt(7) == '0' ? "HTTP/1.0" : "HTTP/1.1";
    }

    private static HttpParseException badStatusLine(String line) {
        String shown = line.length() > 100 ? line.substring(0, 100) + "..." : line;
        return new HttpParseException(400, "Bad status line '" + shown + "'");
    }

    /** The index of the LF that ends the line starting at {@code from}, or {@code end}. */
    private int lineEnd(int from, int end) {
        int i = from;
        while (i < end && head[i] != '\n') {
            i++;
        }
        return i;
    }

    /** Where the content of the line {@code [from, lf)} ends: before the CR of its CRLF. A bare CR is refused. */
    private int lineContent(int from, int lf) {
        int to = lf > from && head[lf - 1] == '\r' ? lf - 1 : lf;
        for (int i = from; i < to; i++) {
            if (head[i] == '\r') {
                throw new HttpParseException(400, "a CR not followed by LF in the head");
            }
        }
        return to;
    }

    /** Appends {@code b} to the field being collected; returns its new length. */
    private int append(int fieldLength, byte b) {
        if (fieldLength == field.length) {
            field = Arrays.copyOf(field, fieldLength * 2);
        }
        field[fieldLength] = b;
        return fieldLength + 1;
    }

    /** The status code of the head {@link #parse()}d. */
    int status() {
        return status;
    }

    /** The {@code Content-Length} of the head {@link #parse()}d, or -1. */
    long contentLength() {
        return contentLength;
    }

    /** Whether the head {@link #parse()}d frames a chunked body. */
    boolean chunked() {
        return chunked;
    }

    /**
     * The codings of a {@code Transfer-Encoding} that does not end in chunked, comma-separated as received (the body
     * is then delimited by the connection's close and these codings are to be undone, in reverse order), or null.
     */
    String transferCodings() {
        return transferCodings;
    }
}
