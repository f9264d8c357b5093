package io.asyncio4j.http;

import io.asyncio4j.http.spi.ContentCodingProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A streaming {@code Content-Encoding} encoder: {@code gzip}, {@code deflate} in the zlib format (what aiohttp
 * sends and expects), or a coding another artifact provides ({@link ContentCodingProvider}: {@code br} with
 * {@code asyncio4j-brotli} on the class path and its native library loaded), fed piece by piece. The client
 * compresses request bodies with it, the server responses. Not thread-safe: one body, one compressor.
 */
public final class Compressor {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final OutputStream out;

    private Compressor(String encoding, ContentCodingProvider provider) throws IOException {
        out = switch (encoding) {
            case "gzip" -> new GZIPOutputStream(sink, 64 * 1024);
            case "deflate" -> new DeflaterOutputStream(sink);
            default -> provider.newEncoder(sink);
        };
    }

    /**
     * A compressor for {@code encoding}, at the start of a new compressed stream.
     *
     * @param encoding {@code "gzip"}, {@code "deflate"} or a provided coding such as {@code "br"} (lower case, as in
     *                 {@code Content-Encoding})
     * @return a new compressor, for one body
     * @throws NullPointerException     if {@code encoding} is null
     * @throws IllegalArgumentException unless {@code encoding} is {@code gzip}, {@code deflate} or an available
     *                                  provided coding ({@code br} needs {@code asyncio4j-brotli} on the class path
     *                                  and Brotli's native library loaded)
     */
    public static Compressor forEncoding(String encoding) {
        ContentCodingProvider provider = null;
        if (!encoding.equals("gzip") && !encoding.equals("deflate")) {
            provider = ContentCodings.provider(encoding);
            if (provider == null) {
                throw new IllegalArgumentException("unsupported content coding: " + encoding + " (available: "
                        + ContentCodings.acceptEncoding() + ")" + (encoding.equals("br") ? "; br needs"
                        + " io.asyncio4j:asyncio4j-brotli on the class path and Brotli's native library loaded" : ""));
            }
        }
        try {
            return new Compressor(encoding, provider);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + encoding + " compressor", e);
        }
    }

    /**
     * {@code data} encoded whole with {@code encoding}: a complete compressed stream, as a body with that
     * {@code Content-Encoding} carries it.
     *
     * @param encoding {@code "gzip"}, {@code "deflate"} or a provided coding such as {@code "br"}
     * @param data     the bytes to compress (not changed)
     * @return the compressed bytes
     * @throws IllegalArgumentException as {@link #forEncoding(String)} does
     */
    public static byte[] encode(String encoding, byte[] data) {
        Compressor c = forEncoding(encoding);
        byte[] head = c.compress(data);
        byte[] tail = c.finish();
        byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /**
     * Compresses {@code data}, the next piece of the body; not to be called after {@link #finish()}.
     *
     * @param data the bytes to add (not changed, not kept)
     * @return the compressed bytes the encoder gave out since the last call, possibly none: the encoder buffers,
     *         and the rest comes from later calls and {@link #finish()}
     * @throws NullPointerException if {@code data} is null
     * @throws UncheckedIOException if the encoder fails
     */
    public byte[] compress(byte[] data) {
        try {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return take();
    }

    /**
     * Ends the compressed stream: flushes what the encoder buffered and writes the stream's trailer (gzip's CRC and
     * length, zlib's checksum, Brotli's last block).
     *
     * @return the stream's last bytes, to send after all {@link #compress(byte[])} gave
     * @throws UncheckedIOException if the encoder fails
     */
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
