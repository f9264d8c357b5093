package io.asyncio4j.http.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The request line of one request (RFC 9112 §3), read and checked by {@link RequestParser}:
 * <ul>
 *   <li>{@code method SP request-target SP HTTP-version}, one SP each, the method a token;</li>
 *   <li>the version is case-sensitive ({@code HTTP-version = "HTTP/" DIGIT "." DIGIT}): {@code http/1.1} is 400,
 *       as any other malformed version;</li>
 *   <li>a higher minor version of HTTP/1 is served as the highest the server implements (RFC 9110 §2.5):
 *       {@code HTTP/1.2} to {@code HTTP/1.9} are read as {@code HTTP/1.1}; another major version ({@code HTTP/2.0},
 *       {@code HTTP/3.0}, {@code HTTP/0.9}) is 505;</li>
 *   <li>the request target must have one of the four forms of RFC 9112 §3.2: origin-form ({@code /path}),
 *       absolute-form ({@code scheme:...}), authority-form for {@code CONNECT}, and asterisk-form ({@code *})
 *       for {@code OPTIONS} only; a relative target such as {@code foo} is 400.</li>
 * </ul>
 * Byte by byte, as it arrives: empty lines before the request line are skipped (RFC 9112 §2.2); a bare LF, a CR
 * not followed by LF and a control character are 400; a line longer than the limit is 414. Not thread-safe.
 */
final class RequestLine {
    private final int maxLineSize;
    private byte[] line = new byte[64];
    private int length;
    private boolean afterCr;
    private boolean done;
    private String method;
    private String target;
    private String version;

    /** @param maxLineSize the longest request line in bytes (CRLF not included) */
    RequestLine(int maxLineSize) {
        this.maxLineSize = maxLineSize;
    }

    /** Forgets the line, for the next request. */
    void reset() {
        length = 0;
        afterCr = false;
        done = false;
    }

    /** Whether the whole line (its CRLF included) has been read. */
    boolean done() {
        return done;
    }

    /**
     * Takes the line's bytes from {@code buf}'s position, up to and including its LF (the rest stays in
     * {@code buf}), or all of them if the line goes on.
     *
     * @return the number of bytes taken
     * @throws HttpParseException (400, 414) at the first byte that cannot be part of a request line
     */
    int read(ByteBuffer buf) {
        int from = buf.position();
        while (buf.hasRemaining() && !done) {
            byte b = buf.get();
            if (afterCr) {
                if (b != '\n') {
                    throw new HttpParseException(400, "a CR not followed by LF in the head");
                }
                afterCr = false;
                done = length > 0; // an empty line before the request line is skipped
            } else if (b == '\r') {
                afterCr = true;
            } else if (b == '\n') {
                throw new HttpParseException(400, "a bare LF (without CR) in the head");
            } else if (b == 0x7f || (b >= 0 && b < 0x20)) {
                throw new HttpParseException(400, "control character 0x" + Integer.toHexString(b)
                        + " in the request line");
            } else if (length == maxLineSize) {
                throw new HttpParseException(414, "request line longer than " + maxLineSize + " bytes");
            } else {
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(maxLineSize, length * 2));
                }
                line[length++] = b;
            }
        }
        return buf.position() - from;
    }

    /**
     * Checks the whole line; then {@link #method()}, {@link #target()} and {@link #version()} hold its parts.
     *
     * @throws HttpParseException 400 for a malformed line, method, version or target; 505 for a major version other
     *                            than 1
     */
    void check() {
        int sp1 = indexOf(' ', 0);
        int sp2 = sp1 < 0 ? -1 : indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1 || indexOf(' ', sp2 + 1) >= 0 || sp2 == length - 1) {
            throw new HttpParseException(400, "malformed request line: not method SP request-target SP "
                    + "HTTP-version");
        }
        for (int i = 0; i < sp1; i++) {
            if (!HttpChars.token(line[i])) {
                throw new HttpParseException(400, "a method that is not a token");
            }
        }
        checkVersion(sp2 + 1);
        checkTarget(sp1, sp2);
        method = method(sp1);
        // the target's bytes are read as UTF-8 (a byte that is not: U+FFFD), as Jetty's parser read them
        target = new String(line, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.UTF_8);
        version = line[length - 3] == '1' && line[length - 1] == '0' ? "HTTP/1.0" : "HTTP/1.1";
    }

    /** The method, a shared constant for the common ones (no allocation for a GET). */
    private String method(int sp1) {
        if (sp1 == 3 && startsWith("GET")) {
            return "GET";
        }
        if (sp1 == 4 && startsWith("POST")) {
            return "POST";
        }
        if (sp1 == 4 && startsWith("HEAD")) {
            return "HEAD";
        }
        if (sp1 == 3 && startsWith("PUT")) {
            return "PUT";
        }
        return new String(line, 0, sp1, StandardCharsets.ISO_8859_1);
    }

    /** The method of the line {@link #check()}ed, as sent (a token). */
    String method() {
        return method;
    }

    /** The request target of the line {@link #check()}ed, as sent. */
    String target() {
        return target;
    }

    /** The version of the line {@link #check()}ed: {@code HTTP/1.0} or {@code HTTP/1.1} (for 1.1 to 1.9). */
    String version() {
        return version;
    }

    /** {@code HTTP-version = "HTTP/" DIGIT "." DIGIT}, case-sensitive, at {@code from} to the end. */
    private void checkVersion(int from) {
        String v = new String(line, from, length - from, StandardCharsets.ISO_8859_1);
        if (!isHttpVersion(v)) {
            throw new HttpParseException(400, "malformed HTTP version '" + v + "' (it is case-sensitive: HTTP/1.1)");
        }
        if (v.charAt(5) != '1') {
            throw new HttpParseException(505, "unsupported HTTP version " + v);
        }
    }

    /** Whether {@code v} is an HTTP-version (RFC 9112 §2.3): {@code "HTTP/" DIGIT "." DIGIT}, case-sensitive. */
    static boolean isHttpVersion(String v) {
        return v.length() == 8 && v.startsWith("HTTP/") && digit(v.charAt(5)) && v.charAt(6) == '.'
                && digit(v.charAt(7));
    }

    /** The request target between the two SPs: one of the four forms of RFC 9112 §3.2. */
    private void checkTarget(int sp1, int sp2) {
        byte first = line[sp1 + 1];
        if (first == '/') {
            return; // origin-form
        }
        boolean options = sp1 == 7 && startsWith("OPTIONS");
        boolean connect = sp1 == 7 && startsWith("CONNECT");
        if (sp2 == sp1 + 2 && first == '*') {
            if (!options) {
                throw new HttpParseException(400, "the asterisk-form request target * is for OPTIONS only");
            }
            return;
        }
        if (connect) {
            String authority = new String(line, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.ISO_8859_1);
            if (!Hosts.isHostField(authority)) {
                throw new HttpParseException(400, "a CONNECT request target that is not host:port");
            }
            return; // authority-form
        }
        if (scheme(sp1 + 1, sp2)) {
            return; // absolute-form
        }
        throw new HttpParseException(400, "a request target that is neither origin-form (/path) nor absolute-form "
                + "(scheme:...), authority-form (CONNECT) or asterisk-form (OPTIONS *)");
    }

    /** Whether the target from {@code from} starts with {@code scheme ":"}, scheme = ALPHA *(ALPHA / DIGIT / + - .). */
    private boolean scheme(int from, int end) {
        for (int i = from; i < end; i++) {
            byte b = line[i];
            boolean alpha = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
            if (b == ':') {
                return i > from;
            }
            if (!alpha && (i == from || !(digit((char) b) || b == '+' || b == '-' || b == '.'))) {
                return false;
            }
        }
        return false;
    }

    private boolean startsWith(String method) {
        for (int i = 0; i < method.length(); i++) {
            if (line[i] != method.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(char c, int from) {
        for (int i = from; i < length; i++) {
            if (line[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
