package io.asyncio4j.http;

import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A streaming {@code Content-Encoding} encoder: {@code gzip}, {@code deflate} in the zlib format (what aiohttp
 * sends and expects), or {@code br} (Brotli, where its native library loads), fed piece by piece. The client
 * compresses request bodies with it, the server responses. Not thread-safe: one body, one compressor.
 */
public final class Compressor {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final OutputStream out;

    private Compressor(String encoding) throws IOException {
        out = switch (encoding) {
            case "gzip" -> new GZIPOutputStream(sink, 64 * 1024);
            case "deflate" -> new DeflaterOutputStream(sink);
            default -> new BrotliOutputStream(sink);
        };
    }

    /**
     * A compressor for {@code encoding}.
     *
     * @throws IllegalArgumentException unless {@code encoding} is {@code gzip}, {@code deflate} or {@code br}, or
     *                                  for {@code br} where Brotli's native library cannot load
     */
    public static Compressor forEncoding(String encoding) {
        if (!encoding.equals("gzip") && !encoding.equals("deflate") && !encoding.equals("br")) {
            throw new IllegalArgumentException("unsupported content coding: " + encoding + " (gzip, deflate or br)");
        }
        if (encoding.equals("br") && !BrotliDecoder.available()) {
            throw new IllegalArgumentException("br: Brotli's native library did not load on this platform");
        }
        try {
            return new Compressor(encoding);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + encoding + " compressor", e);
        }
    }

    /** {@code data} encoded whole with {@code encoding} (gzip, deflate or br). */
    public static byte[] encode(String encoding, byte[] data) {
        Compressor c = forEncoding(encoding);
        byte[] head = c.compress(data);
        byte[] tail = c.finish();
        byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /** Compresses {@code data}; returns what the compressor gave out so far (possibly nothing). */
    public byte[] compress(byte[] data) {
        try {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return take();
    }

    /** Ends the compressed stream; returns its last bytes. */
    public byte[] finish() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return take();
    }

    private byte[] take() {
        byte[] b = sink.toByteArray();
        sink.reset();
        return b;
    }
}
