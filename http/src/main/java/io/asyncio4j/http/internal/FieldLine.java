package io.asyncio4j.http.internal;

import java.nio.charset.StandardCharsets;

/**
 * One header or trailer field line (RFC 9112 §5, RFC 9110 §5): {@code field-name ":" OWS field-value OWS}, split
 * and checked. The name must be a token, with no whitespace before the colon (RFC 9112 §5.1: a server must refuse
 * it); the value may hold VCHARs, obs-text, SP and HTAB, and loses its leading and trailing whitespace. A line
 * starting with whitespace is obsolete line folding: refused here, a client unfolds it before
 * ({@link ResponseHeadReader}). The value's bytes become characters one for one (ISO-8859-1), as sent.
 *
 * <p>Used for every field line of a request's head ({@link RequestParser}), of a response's head
 * ({@link ResponseHeadReader}) and of a trailer section ({@link ChunkedDecoder}). Not thread-safe: the parsed
 * {@link #name()} and {@link #value()} stay until the next {@link #parse}.
 */
final class FieldLine {
    private String name;
    private String value;

    /**
     * Splits and checks the field line {@code line[0, length)} (its line ending removed, not empty).
     *
     * @throws HttpParseException (400) naming what is wrong with the line
     */
    void parse(byte[] line, int length) {
        int colon = 0;
        while (colon < length && HttpChars.token(line[colon])) {
            colon++;
        }
        if (colon == length) {
            throw new HttpParseException(400, "a header field line without a colon");
        }
        byte stop = line[colon];
        if (stop != ':') {
            if (colon == 0 && HttpChars.whitespace(stop)) {
                throw new HttpParseException(400, "obsolete line folding (a field line starting with whitespace)");
            }
            int next = colon;
            while (next < length && line[next] != ':') {
                next++;
            }
            if (next == length) {
                throw new HttpParseException(400, "a header field line without a colon");
            }
            int ws = colon;
            while (ws < next && HttpChars.whitespace(line[ws])) {
                ws++;
            }
            if (ws == next) {
                throw new HttpParseException(400, "whitespace before a header field's colon");
            }
            throw new HttpParseException(400, "character 0x" + Integer.toHexString(stop & 0xff)
                    + " in a header field name");
        }
        if (colon == 0) {
            throw new HttpParseException(400, "an empty header field name");
        }
        int from = colon + 1;
        int to = length;
        while (from < to && HttpChars.whitespace(line[from])) {
            from++;
        }
        while (to > from && HttpChars.whitespace(line[to - 1])) {
            to--;
        }
        for (int i = from; i < to; i++) {
            if (!HttpChars.fieldValue(line[i])) {
                throw new HttpParseException(400, "control character 0x" + Integer.toHexString(line[i] & 0xff)
                        + " in a header field");
            }
        }
        name = new String(line, 0, colon, StandardCharsets.ISO_8859_1);
        value = from == to ? "" : new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** The name of the last line parsed, as sent (a token). */
    String name() {
        return name;
    }

    /** The value of the last line parsed, without leading and trailing whitespace. */
    String value() {
        return value;
    }

    /** Whether {@code name} is {@code known}, ignoring ASCII case (field names are case-insensitive). */
    static boolean is(String name, String known) {
        return name.length() == known.length() && name.equalsIgnoreCase(known);
    }
}
