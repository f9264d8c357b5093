package io.asyncio4j.streams;

import java.nio.charset.StandardCharsets;

/** Test helper: Python's repr of bytes, and bytes from ASCII text. */
final class Bytes {
    private Bytes() {
    }

    static byte[] b(String ascii) {
        return ascii.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String repr(byte[] data) {
        StringBuilder sb = new StringBuilder("b'");
        for (byte x : data) {
            int c = x & 0xff;
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                default -> {
                    if (c < 32 || c >= 127) {
                        sb.append(String.format("\\x%02x", c));
                    } else {
                        sb.append((char) c);
                    }
                }
            }
        }
        return sb.append('\'').toString();
    }
}
