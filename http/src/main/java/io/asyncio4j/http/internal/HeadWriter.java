package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one writer of HTTP/1.1 message heads, for both ends: the client's requests (and proxy {@code CONNECT}s) and
 * the server's responses (interim {@code 100 Continue} and {@code 101} answers included). A head is a start line,
 * then the fields in the order they are given, then the empty line; it is encoded in UTF-8, as aiohttp's
 * {@code http_writer.py} encodes it.
 *
 * <p><b>The injection guard</b> (aiohttp's {@code _safe_header}): every part of the start line and every field
 * name and value is checked as it is added, and one holding CR, LF or NUL is refused with an
 * {@link IllegalArgumentException} that names the field (or the part of the start line), so that no value, however
 * it was obtained, can end a field early and inject another field or a whole message. {@link Headers} already
 * refuses such values when they are added; the guard also covers what reaches the wire without going through a
 * {@code Headers} (cookies, reason phrases, request targets, fields a hook added).
 *
 * <p>Not thread-safe: one writer builds one head, on one thread.
 */
public final class HeadWriter {
    private final StringBuilder sb = new StringBuilder(256);

    private HeadWriter() {
    }

    /**
     * A request head: {@code method target HTTP/1.1}.
     *
     * @param method the method token
     * @param target the request target (origin, absolute or authority form)
     * @return a writer holding the request line
     * @throws IllegalArgumentException if {@code method} or {@code target} holds CR, LF, NUL or a space
     */
    public static HeadWriter request(String method, String target) {
        HeadWriter w = new HeadWriter();
        w.sb.append(startPart("method", method, true)).append(' ')
                .append(startPart("request target", target, true)).append(" HTTP/1.1\r\n");
        return w;
    }

    /**
     * A response head: {@code HTTP/1.1 status reason}.
     *
     * @param status the status code, 100 to 999
     * @param reason the reason phrase (may be empty)
     * @return a writer holding the status line
     * @throws IllegalArgumentException if {@code status} is not three digits or {@code reason} holds CR, LF or NUL
     */
    public static HeadWriter response(int status, String reason) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("a status code has three digits: " + status);
        }
        HeadWriter w = new HeadWriter();
        w.sb.append("HTTP/1.1 ").append(status).append(' ').append(startPart("reason phrase", reason, false))
                .append("\r\n");
        return w;
    }

    /**
     * Adds one field.
     *
     * @param name  the field name
     * @param value the field value
     * @return this
     * @throws IllegalArgumentException if the name is empty or holds CR, LF, NUL or a colon, or the value holds CR,
     *                                  LF or NUL; the message names the field
     */
    public HeadWriter field(String name, String value) {
        checkName(name);
        checkValue(name, value);
        sb.append(name).append(": ").append(value).append("\r\n");
        return this;
    }

    /**
     * Adds one field whose value is a number (no check needed for the value).
     *
     * @param name  the field name
     * @param value the value
     * @return this
     * @throws IllegalArgumentException as {@link #field(String, String)} for the name
     */
    public HeadWriter field(String name, long value) {
        checkName(name);
        sb.append(name).append(": ").append(value).append("\r\n");
        return this;
    }

    /**
     * Adds every field of {@code headers}, in order.
     *
     * @param headers the fields
     * @return this
     * @throws IllegalArgumentException as {@link #field(String, String)}
     */
    public HeadWriter fields(Headers headers) {
        for (Map.Entry<String, String> e : headers) {
            field(e.getKey(), e.getValue());
        }
        return this;
    }

    /**
     * Ends the head (the empty line) and encodes it.
     *
     * @return the head's bytes, a new array the caller may keep
     */
    public byte[] toBytes() {
        return toBytes(null);
    }

    /**
     * Ends the head and encodes it followed by {@code body}, for a message sent in one write.
     *
     * @param body the bytes to follow the head (only read), or null for none
     * @return the head then the body, a new array the caller may keep
     */
    public byte[] toBytes(byte[] body) {
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null || body.length == 0) {
            return head;
        }
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    private static String startPart(String what, String s, boolean noSpace) {
        if (s == null) {
            throw new IllegalArgumentException("the " + what + " is null");
        }
        if (noSpace && s.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " is empty");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || (noSpace && c == ' ')) {
                throw new IllegalArgumentException("the " + what + " " + quoted(s) + " holds " + describe(c)
                        + ": it could inject a header or a message");
            }
        }
        return s;
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a header name is " + (name == null ? "null" : "empty"));
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c == ':') {
                throw new IllegalArgumentException("header name " + quoted(name) + " holds " + describe(c)
                        + ": it could inject a header or a message");
            }
        }
    }

    private static void checkValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("header " + name + ": the value is null");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header " + name + ": the value " + quoted(value) + " holds "
                        + describe(c) + ": it could inject a header or a message");
            }
        }
    }

    private static String describe(char c) {
        return switch (c) {
            case '\r' -> "CR";
            case '\n' -> "LF";
            case 0 -> "NUL";
            case ' ' -> "a space";
            default -> "'" + c + "'";
        };
    }

    /** {@code s} in quotes with CR, LF and NUL made visible, for a message. */
    private static String quoted(String s) {
        return "\"" + s.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + "\"";
    }
}
