package io.asyncio4j.http.brotli;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import io.asyncio4j.http.spi.CompressedInput;
import io.asyncio4j.http.spi.ContentCodingProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * {@code br} (RFC 7932) with brotli4j, Google's decoder through JNI: queued bytes are pushed through its input
 * buffer only as {@link #decode(int)} asks for output, and pulled out in pieces of at most what it asked for.
 * Errors are {@link IOException}s whose message says what is wrong (the client makes them
 * {@code ClientPayloadError}s). Not thread-safe.
 */
final class BrotliDecoder implements ContentCodingProvider.Decoder {
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
    /** The compressed bytes fed and not consumed yet. */
    private final CompressedInput in = new CompressedInput();
    /**
     * Decoded bytes pulled from the native decoder and not yet handed out (at most its ring buffer, a few MiB; it
     * stays valid until the next push or pull).
     */
    private ByteBuffer output;
    /** An empty push was made since the last output or input: another one would give nothing. */
    private boolean nudged;

    BrotliDecoder() throws IOException {
        decoder = new DecoderJNI.Wrapper(INPUT_BUFFER);
    }

    /** Whether {@code br} can be decoded here: brotli4j's native library loaded (checked once). */
    static boolean available() {
        return Native.UNAVAILABLE == null;
    }

    /** Why {@link #available()} is false (what brotli4j's loader threw), or null if it is true. */
    static Throwable unavailabilityCause() {
        return Native.UNAVAILABLE;
    }

    @Override
    public void feed(byte[] data) {
        if (data.length > 0) {
            sawInput = true;
            in.add(data);
        }
    }

    @Override
    public byte[] decode(int max) throws IOException {
        if (freed) {
            throw new IOException("the decoder was closed"); // its native memory is gone
        }
        byte[] result = new byte[max];
        int n = 0;
        while (n < max) {
            if (output != null && output.hasRemaining()) {
                int k = Math.min(max - n, output.remaining());
                output.get(result, n, k);
                n += k;
                continue;
            }
            output = null;
            switch (decoder.getStatus()) {
                case DONE -> {
                    if (decoder.hasOutput()) {
                        output = decoder.pull();
                        continue;
                    }
                    done = true;
                    if (in.available()) {
                        throw fail("data after the end of the compressed stream");
                    }
                    return Arrays.copyOf(result, n);
                }
                case OK -> decoder.push(0);
                case NEEDS_MORE_OUTPUT -> {
                    output = decoder.pull();
                    nudged = false;
                }
                case NEEDS_MORE_INPUT -> {
                    if (decoder.hasOutput()) {
                        output = decoder.pull();
                        nudged = false;
                        continue;
                    }
                    if (!in.available()) {
                        if (nudged) {
                            return Arrays.copyOf(result, n);
                        }
                        // the wrapper says NEEDS_MORE_INPUT once its input buffer is used up, even while the
                        // decoder has more to give from it (long runs past its 4 MiB window): an empty push resumes
                        nudged = true;
                        decoder.push(0);
                        continue;
                    }
                    nudged = false;
                    ByteBuffer buf = decoder.getInputBuffer();
                    buf.clear();
                    int k = Math.min(buf.remaining(), in.remaining());
                    buf.put(in.array(), in.offset(), k);
                    in.consume(k);
                    decoder.push(k);
                }
                default -> throw fail("corrupt compressed data");
            }
        }
        return result;
    }

    @Override
    public void finish() throws IOException {
        boolean ok = !sawInput || done || !freed && decoder.getStatus() == DecoderJNI.Status.DONE;
        close();
        if (!ok) {
            throw new IOException("the compressed body is truncated");
        }
    }

    @Override
    public void close() {
        if (!freed) {
            freed = true;
            output = null;
            in.clear();
            decoder.destroy();
        }
    }

    private IOException fail(String why) {
        close();
        return new IOException(why);
    }
}
