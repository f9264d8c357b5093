package io.asyncio4j.http.internal;

import java.nio.charset.StandardCharsets;

/** The chunked transfer coding (RFC 9112 §7.1) on the writing side, for the client's bodies and the server's. */
public final class Chunked {
    private Chunked() {
    }

    /**
     * {@code data} as one chunk: its size in hex, CRLF, the data, CRLF.
     *
     * @throws IllegalArgumentException if {@code data} is empty (an empty chunk is the last chunk)
     */
    public static byte[] frame(byte[] data) {
        if (data.length == 0) {
            throw new IllegalArgumentException("an empty chunk ends the body: write lastChunk()");
        }
        byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size.length + data.length + 2];
        System.arraycopy(size, 0, out, 0, size.length);
        System.arraycopy(data, 0, out, size.length, data.length);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    /** The last chunk and the end of the (empty) trailer section: {@code 0 CRLF CRLF}, a new array each time. */
    public static byte[] lastChunk() {
        return "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    }
}
