package io.asyncio4j.http.internal;

/**
 * The classes of the 256 byte values in HTTP/1.1's grammar (RFC 9110 §5.6.2, §5.5; RFC 9112 §7.1), looked up by
 * the parsers one byte at a time: a token character, a character allowed in a field value, a hex digit's value.
 * One table of 256 bytes, filled by a loop over the byte values: nothing else is initialised with it. Stateless
 * and thread-safe.
 */
final class HttpChars {
    /** A tchar: {@code ! # $ % & ' * + - . ^ _ ` | ~ DIGIT ALPHA}. */
    private static final byte TOKEN = 1;
    /** A field-vchar (VCHAR or obs-text, 0x21 to 0x7e and 0x80 to 0xff), SP or HTAB: allowed in a field value. */
    private static final byte FIELD = 2;
    /** A HEXDIG, either case. */
    private static final byte HEX = 4;

    private static final byte[] CLASSES = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            int c = 0;
            boolean alnum = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
            if (alnum || "!#$%&'*+-.^_`|~".indexOf(b) >= 0) {
                c |= TOKEN;
            }
            if ((b >= 0x20 && b != 0x7f) || b == '\t') {
                c |= FIELD;
            }
            if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F')) {
                c |= HEX;
            }
            CLASSES[b] = (byte) c;
        }
    }

    private HttpChars() {
    }

    /** Whether {@code b} is a tchar, a character of a token (a method, a field name, a transfer coding). */
    static boolean token(byte b) {
        return (CLASSES[b & 0xff] & TOKEN) != 0;
    }

    /** Whether {@code b} may appear in a field value: VCHAR, obs-text, SP or HTAB (no other control character). */
    static boolean fieldValue(byte b) {
        return (CLASSES[b & 0xff] & FIELD) != 0;
    }

    /** The value of the hex digit {@code b}, or -1 if it is not one. */
    static int hex(byte b) {
        if ((CLASSES[b & 0xff] & HEX) == 0) {
            return -1;
        }
        return b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
    }

    /** Whether {@code b} is SP or HTAB, the whitespace of OWS and BWS. */
    static boolean whitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    /** Whether {@code b} is a control character: 0x00 to 0x1f or DEL (HTAB included). */
    static boolean control(byte b) {
        return (b >= 0 && b < 0x20) || b == 0x7f;
    }
}
