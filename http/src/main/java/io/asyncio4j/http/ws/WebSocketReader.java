package io.asyncio4j.http.ws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The RFC 6455 frame parser (aiohttp's {@code WebSocketReader}): bytes in, split anywhere, whole messages out.
 * Fragments are joined; text is validated as UTF-8; control frames may come between fragments. Any breach throws
 * a {@link WebSocketError} with the close code to answer, after which the reader stays failed and ignores input.
 *
 * <p>The masking rule is the direction's: a server ({@code expectMasked}) requires masked frames, a client
 * unmasked ones, else {@link WSCloseCode#PROTOCOL_ERROR}. A data message longer than {@code maxMsgSize} bytes
 * (0: no limit) fails with {@link WSCloseCode#MESSAGE_TOO_BIG} as soon as its frame header says so, before its
 * payload is buffered. Not thread-safe: one connection's loop feeds it.
 */
public final class WebSocketReader {
    private final boolean expectMasked;
    private final int maxMsgSize;
    private final Consumer<WSMessage> sink;
    private final PerMessageDeflate deflate;
    /** The message under way is compressed (its first frame had RSV1). */
    private boolean compressed;
    private byte[] buf = new byte[256];
    private int start;
    private int end;
    private boolean failed;
    /** The opcode of the fragmented message under way, or -1. */
    private int partialOpcode = -1;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    /**
     * A reader for a connection without extensions.
     *
     * @param expectMasked true on the server side (client frames are masked), false on the client side
     * @param maxMsgSize   the largest message payload accepted, in bytes; 0 for no limit
     * @param sink         receives each complete message, in order, on the feeding thread
     * @throws IllegalArgumentException if {@code maxMsgSize} is negative
     */
    public WebSocketReader(boolean expectMasked, int maxMsgSize, Consumer<WSMessage> sink) {
        this(expectMasked, maxMsgSize, null, sink);
    }

    /**
     * A reader for a connection with permessage-deflate: a data message whose first frame has RSV1 set is
     * decompressed with {@code deflate} (null: RSV1 is a protocol error, as without the extension).
     *
     * @param expectMasked true on the server side (client frames are masked), false on the client side
     * @param maxMsgSize   the largest message payload accepted, in bytes (compressed and decompressed); 0 for no limit
     * @param deflate      the negotiated extension, or null
     * @param sink         receives each complete message, in order, on the feeding thread
     * @throws IllegalArgumentException if {@code maxMsgSize} is negative
     */
    public WebSocketReader(boolean expectMasked, int maxMsgSize, PerMessageDeflate deflate,
                           Consumer<WSMessage> sink) {
        this.deflate = deflate;
        if (maxMsgSize < 0) {
            throw new IllegalArgumentException("maxMsgSize must be >= 0, not " + maxMsgSize);
        }
        this.expectMasked = expectMasked;
        this.maxMsgSize = maxMsgSize;
        this.sink = sink;
    }

    /** {@return whether a breach was found (further input is ignored)} */
    public boolean failed() {
        return failed;
    }

    /**
     * Parses {@code data} with what came before, delivering every message it completes.
     *
     * @param data the next bytes of the stream, any length; copied, so the caller may reuse the array
     * @throws WebSocketError at the first breach of the protocol
     */
    public void feed(byte[] data) {
        if (failed) {
            return;
        }
        append(data);
        try {
            while (parseFrame()) {
                // one frame per round
            }
        } catch (WebSocketError e) {
            failed = true;
            buf = new byte[0];
            start = end = 0;
            throw e;
        }
    }

    private void append(byte[] data) {
        if (end + data.length > buf.length) {
            int live = end - start;
            if (live + data.length <= buf.length) {
                System.arraycopy(buf, start, buf, 0, live);
            } else {
                byte[] b = new byte[Math.max(buf.length * 2, live + data.length)];
                System.arraycopy(buf, start, b, 0, live);
                buf = b;
            }
            start = 0;
            end = live;
        }
        System.arraycopy(data, 0, buf, end, data.length);
        end += data.length;
    }

    private static WebSocketError protocolError(String message) {
        return new WebSocketError(WSCloseCode.PROTOCOL_ERROR, message);
    }

    /** Parses one frame if it is all there; false if more bytes are needed. */
    private boolean parseFrame() {
        int avail = end - start;
        if (avail < 2) {
            return false;
        }
        int b0 = buf[start] & 0xFF;
        int b1 = buf[start + 1] & 0xFF;
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        boolean masked = (b1 & 0x80) != 0;
        int len7 = b1 & 0x7F;
        boolean rsv1 = (b0 & 0x40) != 0;
        if ((b0 & 0x30) != 0 || (rsv1 && (deflate == null || (opcode != 0x1 && opcode != 0x2)))) {
            throw protocolError("Received frame with non-zero reserved bits");
        }
        boolean control = opcode >= 0x8;
        if (opcode > 0x2 && opcode != 0x8 && opcode != 0x9 && opcode != 0xA) {
            throw protocolError("Unexpected opcode=" + opcode);
        }
        if (control && !fin) {
            throw protocolError("Received fragmented control frame");
        }
        if (control && len7 > 125) {
            throw protocolError("Control frame payload cannot be larger than 125 bytes");
        }
        if (masked != expectMasked) {
            throw protocolError(expectMasked ? "Received unmasked frame from the client"
                    : "Received masked frame from the server");
        }
        int headLen = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (masked ? 4 : 0);
        if (avail < headLen) {
            return false;
        }
        long length;
        int p = start + 2;
        if (len7 == 126) {
            length = ((buf[p] & 0xFF) << 8) | (buf[p + 1] & 0xFF);
            p += 2;
        } else if (len7 == 127) {
            length = ByteBuffer.wrap(buf, p, 8).getLong();
            p += 8;
            if (length < 0) {
                throw protocolError("Frame payload length has the most significant bit set");
            }
        } else {
            length = len7;
        }
        if (!control) {
            checkSize(partial.size() + length);
        }
        if (avail < headLen + length) {
            return false;
        }
        byte[] payload = new byte[(int) length];
        int at = start + headLen;
        System.arraycopy(buf, at, payload, 0, payload.length);
        if (masked) {
            WebSocketWriter.mask(payload, buf, p);
        }
        start = at + payload.length;
        if (start == end) {
            start = end = 0;
        }
        if (opcode == 0x1 || opcode == 0x2) {
            compressed = rsv1;
        }
        onFrame(fin, opcode, payload);
        return true;
    }

    private void checkSize(long size) {
        if ((maxMsgSize > 0 && size > maxMsgSize) || size > Integer.MAX_VALUE - 64) {
            throw new WebSocketError(WSCloseCode.MESSAGE_TOO_BIG, "Message size " + size + " exceeds limit "
                    + (maxMsgSize > 0 ? maxMsgSize : Integer.MAX_VALUE - 64));
        }
    }

    private void onFrame(boolean fin, int opcode, byte[] payload) {
        switch (opcode) {
            case 0x8 -> sink.accept(closeMessage(payload));
            case 0x9 -> sink.accept(new WSMessage(WSMsgType.PING, payload, ""));
            case 0xA -> sink.accept(new WSMessage(WSMsgType.PONG, payload, ""));
            default -> onData(fin, opcode, payload);
        }
    }

    private static WSMessage closeMessage(byte[] payload) {
        if (payload.length == 0) {
            return new WSMessage(WSMsgType.CLOSE, 0, "");
        }
        if (payload.length == 1) {
            throw protocolError("Invalid close frame: a payload of one byte");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!WSCloseCode.isAllowed(code)) {
            throw protocolError("Invalid close code: " + code);
        }
        return new WSMessage(WSMsgType.CLOSE, code, utf8(payload, 2));
    }

    private void onData(boolean fin, int opcode, byte[] payload) {
        if (opcode == 0x0) {
            if (partialOpcode < 0) {
                throw protocolError("Continuation frame for non started message");
            }
        } else if (partialOpcode >= 0) {
            throw protocolError("The opcode in non-fin frame is expected to be zero, got " + opcode);
        }
        if (!fin) {
            if (opcode != 0x0) {
                partialOpcode = opcode;
            }
            partial.writeBytes(payload);
            return;
        }
        byte[] whole = payload;
        if (opcode == 0x0) {
            opcode = partialOpcode;
            partial.writeBytes(payload);
            whole = partial.toByteArray();
            partial.reset();
            partialOpcode = -1;
        }
        if (compressed) {
            whole = deflate.decompress(whole, maxMsgSize);
        }
        sink.accept(opcode == 0x1 ? new WSMessage(WSMsgType.TEXT, utf8(whole, 0), "")
                : new WSMessage(WSMsgType.BINARY, whole, ""));
    }

    private static String utf8(byte[] b, int from) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, from, b.length - from)).toString();
        } catch (CharacterCodingException e) {
            throw new WebSocketError(WSCloseCode.INVALID_TEXT, "Invalid UTF-8 text message");
        }
    }
}
