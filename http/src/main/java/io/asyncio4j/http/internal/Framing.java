package io.asyncio4j.http.internal;

/**
 * The values of the two fields that frame a message's body (RFC 9112 §6), as both parsers read them:
 * {@code Content-Length} a plain non-negative decimal ({@code 1*DIGIT}: no sign, no list such as {@code 3, 3}, at
 * most {@link Long#MAX_VALUE}), {@code Transfer-Encoding} a list of codings in which {@code chunked} may appear
 * once, last. Stateless and thread-safe.
 */
final class Framing {
    private Framing() {
    }

    /**
     * The value of a {@code Content-Length} field.
     *
     * @param value the field's value, without surrounding whitespace
     * @return the length
     * @throws HttpParseException (400) if it is not {@code 1*DIGIT} or over {@link Long#MAX_VALUE}
     */
    static long contentLength(String value) {
        int n = value.length();
        if (n == 0) {
            throw invalidLength();
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw invalidLength();
            }
            int d = c - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                throw invalidLength();
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static HttpParseException invalidLength() {
        return new HttpParseException(400, "Invalid Content-Length Value");
    }

    /**
     * Whether the codings of a message's {@code Transfer-Encoding} end with {@code chunked}, after one more field's
     * value (RFC 9112 §6.1: the fields of a message form one list).
     *
     * @param value         the field's value, without surrounding whitespace
     * @param chunkedBefore whether the fields before it ended with {@code chunked}
     * @return whether the list, this field included, ends with {@code chunked}
     * @throws HttpParseException (400) if {@code chunked} comes twice, or before another coding in this field
     */
    static boolean chunkedLast(String value, boolean chunkedBefore) {
        boolean chunked = chunkedBefore;
        boolean any = false;
        int n = value.length();
        int from = 0;
        while (from <= n) {
            int comma = value.indexOf(',', from);
            int end = comma < 0 ? n : comma;
            int a = from;
            int b = end;
            while (a < b && HttpChars.whitespace((byte) value.charAt(a))) {
                a++;
            }
            while (b > a && HttpChars.whitespace((byte) value.charAt(b - 1))) {
                b--;
            }
            if (b > a) {
                if (!isCoding(value, a, b)) {
                    throw new HttpParseException(400, "Bad Transfer-Encoding, a coding that is not a token");
                }
                boolean isChunked = b - a == 7 && value.regionMatches(true, a, "chunked", 0, 7);
                if (isChunked && chunked) {
                    throw new HttpParseException(400, chunkedBefore && !any
                            ? "Bad Transfer-Encoding, chunked not last"
                            : "Bad Transfer-Encoding, multiple chunked tokens");
                }
                if (!isChunked && chunked) {
                    throw new HttpParseException(400, "Bad Transfer-Encoding, chunked not last");
                }
                chunked = isChunked;
                any = true;
            }
            from = end + 1;
        }
        return any && chunked;
    }

    /**
     * Whether {@code value[a, b)} is a transfer-coding (RFC 9110 §10.1.4): a token, then parameters
     * {@code OWS ";" OWS token "=" ( token / quoted-string )}.
     */
    static boolean isCoding(String value, int a, int b) {
        int i = a;
        while (i < b && HttpChars.token((byte) value.charAt(i))) {
            i++;
        }
        if (i == a) {
            return false;
        }
        while (i < b) {
            while (i < b && HttpChars.whitespace((byte) value.charAt(i))) {
                i++;
            }
            if (i == b || value.charAt(i++) != ';') {
                return false;
            }
            while (i < b && HttpChars.whitespace((byte) value.charAt(i))) {
                i++;
            }
            int name = i;
            while (i < b && HttpChars.token((byte) value.charAt(i))) {
                i++;
            }
            if (i == name || i == b || value.charAt(i++) != '=') {
                return false;
            }
            if (i < b && value.charAt(i) == '"') {
                i++;
                while (i < b && value.charAt(i) != '"') {
                    i += value.charAt(i) == '\\' ? 2 : 1;
                }
                if (i >= b) {
                    return false;
                }
                i++;
            } else {
                int v = i;
                while (i < b && HttpChars.token((byte) value.charAt(i))) {
                    i++;
                }
                if (i == v) {
                    return false;
                }
            }
        }
        return true;
    }
}
