package io.asyncio4j.http;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@code br} (RFC 7932) with brotli4j, Google's decoder through JNI: bytes are pushed through its input buffer and
 * pulled out as they decode. Errors are {@link ClientPayloadError}s. Not thread-safe.
 */
final class BrotliDecoder implements ContentDecoder {
    private static final int INPUT_BUFFER = 16 * 1024;

    /** Whether the native library loaded (false too if brotli4j is not on the class path). */
    private static final class Native {
        static final Throwable UNAVAILABLE = check();

        private static Throwable check() {
            try {
                return Brotli4jLoader.isAvailable() ? null : Brotli4jLoader.getUnavailabilityCause();
            } catch (LinkageError e) {
                return e;
            }
        }
    }

    private final DecoderJNI.Wrapper decoder;
    private boolean sawInput;
    private boolean done;
    private boolean freed;

    BrotliDecoder() {
        try {
            decoder = new DecoderJNI.Wrapper(INPUT_BUFFER);
        } catch (IOException e) {
            throw ContentDecoder.error("br", "the decoder could not start", e);
        }
    }

    /** Whether {@code br} can be decoded here. */
    static boolean available() {
        return Native.UNAVAILABLE == null;
    }

    @Override
    public byte[] decode(byte[] in) {
        if (freed) {
            throw ContentDecoder.error("br", "the decoder was closed", null); // its native memory is gone
        }
        if (in.length == 0) {
            return in;
        }
        sawInput = true;
        ByteArrayOutputStream result = new ByteArrayOutputStream(Math.max(64, in.length * 4));
        int off = 0;
        while (true) {
            switch (decoder.getStatus()) {
                case DONE -> {
                    done = true;
                    if (off < in.length) {
                        throw fail("data after the end of the compressed stream");
                    }
                    return result.toByteArray();
                }
                case OK -> decoder.push(0);
                case NEEDS_MORE_OUTPUT -> pull(result);
                case NEEDS_MORE_INPUT -> {
                    if (decoder.hasOutput()) {
                        pull(result);
                    }
                    if (off == in.length) {
                        return result.toByteArray();
                    }
                    ByteBuffer buf = decoder.getInputBuffer();
                    buf.clear();
                    int n = Math.min(buf.remaining(), in.length - off);
                    buf.put(in, off, n);
                    off += n;
                    decoder.push(n);
                }
                default -> throw fail("corrupt compressed data");
            }
        }
    }

    private void pull(ByteArrayOutputStream result) {
        ByteBuffer out = decoder.pull();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        result.write(b, 0, b.length);
    }

    @Override
    public void finish() {
        boolean ok = !sawInput || done || !freed && decoder.getStatus() == DecoderJNI.Status.DONE;
        close();
        if (!ok) {
            throw ContentDecoder.error("br", "the compressed body is truncated", null);
        }
    }

    @Override
    public void close() {
        if (!freed) {
            freed = true;
            decoder.destroy();
        }
    }

    private ClientPayloadError fail(String why) {
        close();
        return ContentDecoder.error("br", why, null);
    }
}
