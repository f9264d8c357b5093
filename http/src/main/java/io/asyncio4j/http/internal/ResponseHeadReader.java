package io.asyncio4j.http.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The head of one response (status line and field lines), collected whole by {@link ResponseParser} and handed to
 * Jetty's parser as a copy that follows RFC 9112 where Jetty alone would not:
 * <ul>
 *   <li>the status line's version is case-sensitive ({@code HTTP-version = "HTTP/" DIGIT "." DIGIT}): Jetty takes
 *       {@code http/1.1}; here it is a bad status line, as aiohttp's {@code BadStatusLine}; another major version
 *       than 1 is one too, and a higher minor version of HTTP/1 ({@code HTTP/1.2}) is read as HTTP/1.1
 *       (RFC 9110 §2.5);</li>
 *   <li>obs-fold (a field line starting with SP or HTAB, continuing the one before) is replaced by one SP
 *       (RFC 9112 §5.2: a user agent must do so), where Jetty refuses the response; whitespace before the first field
 *       line is refused (RFC 9112 §2.2);</li>
 *   <li>a {@code Transfer-Encoding} whose last coding is not {@code chunked} means the body ends when the connection
 *       closes (RFC 9112 §6.3), where Jetty refuses the response: Jetty gets such a field under another name
 *       ({@link #HIDDEN}), so that it reads until the close, and {@link #transferCodings()} tells which codings to
 *       undo. With a {@code Content-Length} as well the response is refused (RFC 9112 §6.3: a sign of smuggling).</li>
 * </ul>
 * Everything else (field syntax, bare LFs and CRs, {@code Content-Length}) is left to Jetty, which sees the same
 * bytes otherwise. Not thread-safe.
 */
final class ResponseHeadReader {
    /** The name Jetty sees for a {@code Transfer-Encoding} field that does not end in chunked. */
    static final String HIDDEN = "X-Asyncio4j-Unchunked-Transfer-Encoding";

    private final int maxHeadSize;
    private byte[] head = new byte[256];
    private int length;
    /** Where the line being collected starts. */
    private int lineStart;
    private boolean done;
    private String transferCodings;
    private final List<String> hiddenNames = new ArrayList<>();

    /** @param maxHeadSize the largest head, in bytes */
    ResponseHeadReader(int maxHeadSize) {
        this.maxHeadSize = maxHeadSize;
    }

    /** Forgets the head, for the next response. */
    void reset() {
        length = 0;
        lineStart = 0;
        done = false;
        transferCodings = null;
        hiddenNames.clear();
    }

    /** Whether the whole head (its empty line included) has been collected. */
    boolean done() {
        return done;
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
            if (length == 0 && (b == '\r' || b == '\n')) {
                continue; // empty lines before the status line are skipped, as Jetty does
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
     * The head as Jetty is to parse it: the status line checked (its minor version lowered to 1), obs-folds
     * replaced by SP, a Transfer-Encoding not ending in chunked renamed {@link #HIDDEN}.
     *
     * @throws HttpParseException naming the problem: a bad status line, whitespace before the first field, or a
     *                            Transfer-Encoding not ending in chunked together with a Content-Length
     */
    ByteBuffer forJetty() {
        List<String> lines = lines();
        String status = content(lines.get(0));
        String version = status.indexOf(' ') < 0 ? status : status.substring(0, status.indexOf(' '));
        if (!RequestLine.isHttpVersion(version) || version.charAt(5) != '1') {
            String shown = status.length() > 100 ? status.substring(0, 100) + "..." : status;
            throw new HttpParseException(400, "Bad status line '" + shown + "'");
        }
        if (version.charAt(7) > '1') {
            lines.set(0, "HTTP/1.1" + lines.get(0).substring(8));
        }
        List<String> codings = new ArrayList<>();
        boolean contentLength = false;
        for (int i = 1; i < lines.size(); i++) {
            String line = content(lines.get(i));
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon);
            if (name.equalsIgnoreCase("Transfer-Encoding")) {
                for (String c : line.substring(colon + 1).split(",")) {
                    if (!c.isBlank()) {
                        codings.add(c.trim());
                    }
                }
            } else if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = true;
            }
        }
        if (!codings.isEmpty() && !codings.getLast().equalsIgnoreCase("chunked")) {
            if (contentLength) {
                throw new HttpParseException(400, "Transfer-Encoding and Content-Length");
            }
            transferCodings = String.join(", ", codings);
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("Transfer-Encoding")) {
                    hiddenNames.add(line.substring(0, colon));
                    lines.set(i, HIDDEN + line.substring(colon));
                }
            }
        }
        StringBuilder out = new StringBuilder(length + 64);
        for (String line : lines) {
            out.append(line);
        }
        return ByteBuffer.wrap(out.append(ending()).toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * The head's lines, each with its line ending as received (CRLF, or a bare LF, which Jetty's response mode takes
     * as RFC 9112 §2.2 allows), obs-folds joined to the field line before, the empty line that ends the head left
     * out.
     */
    private List<String> lines() {
        List<String> lines = new ArrayList<>();
        int end = length - ending().length();
        int from = 0;
        while (from < end) {
            int lf = from;
            while (head[lf] != '\n') {
                lf++;
            }
            String line = new String(head, from, lf + 1 - from, StandardCharsets.ISO_8859_1);
            boolean fold = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (fold && lines.size() == 1) {
                throw new HttpParseException(400, "whitespace before the first header field");
            }
            if (fold && lines.size() > 1) {
                lines.set(lines.size() - 1, content(lines.getLast()) + " " + line.substring(leadingWhitespace(line)));
            } else {
                lines.add(line);
            }
            from = lf + 1;
        }
        return lines;
    }

    /** The line ending of the empty line that ends the head: CRLF, or a bare LF. */
    private String ending() {
        return head[length - 2] == '\r' ? "\r\n" : "\n";
    }

    /** {@code line} without its line ending. */
    private static String content(String line) {
        return line.substring(0, line.length() - (line.endsWith("\r\n") ? 2 : 1));
    }

    /** How many SP and HTAB {@code line} starts with. */
    private static int leadingWhitespace(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /**
     * The codings of a {@code Transfer-Encoding} that does not end in chunked, comma-separated as received (the body
     * is then delimited by the connection's close and these codings are to be undone, in reverse order), or null.
     */
    String transferCodings() {
        return transferCodings;
    }

    /** The field name as received for {@code name} as Jetty reported it (the {@link #HIDDEN} ones, in order). */
    String receivedName(String name) {
        return name.equals(HIDDEN) && !hiddenNames.isEmpty() ? hiddenNames.removeFirst() : name;
    }
}
