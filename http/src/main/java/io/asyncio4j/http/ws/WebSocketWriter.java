package io.asyncio4j.http.ws;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The RFC 6455 frame encoder (aiohttp's {@code WebSocketWriter}). A client's frames are masked with a fresh random
 * key each (section 5.3), a server's are not. Stateless and thread-safe.
 */
public final class WebSocketWriter {
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebSocketWriter() {
    }

    /**
     * One frame.
     *
     * @param opcode  the frame's opcode ({@link WSMsgType#value()} of TEXT, BINARY, CLOSE, PING, PONG, CONTINUATION)
     * @param payload its payload (not changed)
     * @param fin     whether it is the last frame of its message
     * @param mask    whether to mask it (the client side)
     * @return the frame's bytes, a new array
     * @throws IllegalArgumentException for a control frame with more than 125 bytes
     */
    public static byte[] frame(int opcode, byte[] payload, boolean fin, boolean mask) {
        return frame(opcode, payload, fin, mask, false);
    }

    /**
     * As {@link #frame(int, byte[], boolean, boolean)}, with RSV1 set if {@code rsv1} (a compressed message).
     *
     * @param opcode  the frame's opcode ({@link WSMsgType#value()})
     * @param payload its payload (not changed)
     * @param fin     whether it is the last frame of its message
     * @param mask    whether to mask it (the client side)
     * @param rsv1    whether to set RSV1: the first frame of a message compressed by permessage-deflate
     * @return the frame's bytes, a new array
     * @throws IllegalArgumentException for a control frame with more than 125 bytes
     */
    public static byte[] frame(int opcode, byte[] payload, boolean fin, boolean mask, boolean rsv1) {
        int n = payload.length;
        if (opcode >= 0x8 && n > 125) {
            throw new IllegalArgumentException("a control frame's payload cannot be larger than 125 bytes, not "
                    + n);
        }
        int lenBytes = n < 126 ? 0 : n < 65536 ? 2 : 8;
        int head = 2 + lenBytes + (mask ? 4 : 0);
        byte[] out = new byte[head + n];
        out[0] = (byte) ((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        int m = mask ? 0x80 : 0;
        if (lenBytes == 0) {
            out[1] = (byte) (m | n);
        } else if (lenBytes == 2) {
            out[1] = (byte) (m | 126);
            out[2] = (byte) (n >>> 8);
            out[3] = (byte) n;
        } else {
            out[1] = (byte) (m | 127);
            for (int i = 0; i < 8; i++) {
                out[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, out, head, n);
        if (mask) {
            int k = head - 4;
            byte[] key = new byte[4];
            RANDOM.nextBytes(key);
            System.arraycopy(key, 0, out, k, 4);
            for (int i = 0; i < n; i++) {
                out[head + i] ^= key[i & 3];
            }
        }
        return out;
    }

    /**
     * A close frame's payload: the code, then the reason in UTF-8 (at most 123 bytes).
     *
     * @param code   the close code, 0..65535 ({@link WSCloseCode})
     * @param reason the reason, or null for none
     * @return the payload, a new array
     * @throws IllegalArgumentException if the reason is longer than 123 bytes in UTF-8
     */
    public static byte[] closePayload(int code, String reason) {
        byte[] r = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        if (r.length > 123) {
            throw new IllegalArgumentException("a close reason cannot be longer than 123 bytes in UTF-8, not "
                    + r.length);
        }
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return p;
    }

    /** XORs {@code payload} in place with the 4-byte key at {@code key[at..at+3]}. */
    static void mask(byte[] payload, byte[] key, int at) {
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= key[at + (i & 3)];
        }
    }
}
