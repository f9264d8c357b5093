package io.asyncio4j.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A streaming {@code Content-Encoding} encoder: {@code gzip}, or {@code deflate} in the zlib format (what aiohttp
 * sends and expects), fed piece by piece. The client compresses request bodies with it, the server responses.
 * Not thread-safe: one body, one compressor.
 */
public final class Compressor {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final OutputStream out;

    private Compressor(boolean gzip) {
        try {
            out = gzip ? new GZIPOutputStream(sink, 64 * 1024) : new DeflaterOutputStream(sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a ByteArrayOutputStream
        }
    }

    /**
     * A compressor for {@code encoding}.
     *
     * @throws IllegalArgumentException unless {@code encoding} is {@code gzip} or {@code deflate}
     */
    public static Compressor forEncoding(String encoding) {
        return switch (encoding) {
            case "gzip" -> new Compressor(true);
            case "deflate" -> new Compressor(false);
            default -> throw new IllegalArgumentException("unsupported content coding: " + encoding
                    + " (gzip or deflate)");
        };
    }

    /** {@code data} encoded whole with {@code encoding} (gzip or deflate). */
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
