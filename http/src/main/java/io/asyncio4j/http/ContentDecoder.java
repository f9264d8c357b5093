package io.asyncio4j.http;

import java.util.Locale;

/**
 * Incremental decoding of a response body's {@code Content-Encoding}: {@code gzip}, {@code deflate}
 * ({@link ZlibDecoder}) and {@code br} ({@link BrotliDecoder}, where its native library loads). Errors are
 * {@link ClientPayloadError}s. Not thread-safe: the connection's loop feeds it.
 */
interface ContentDecoder {
    /**
     * A decoder for {@code contentEncoding}, or null if it is absent, {@code identity} or unknown (the body is then
     * given as it came, as aiohttp does); {@code br} too where Brotli's native library cannot load, since the client
     * then does not offer it.
     */
    static ContentDecoder forEncoding(String contentEncoding) {
        if (contentEncoding == null) {
            return null;
        }
        String e = contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (e) {
            case "gzip", "x-gzip" -> new ZlibDecoder(e, true);
            case "deflate" -> new ZlibDecoder(e, false);
            case "br" -> BrotliDecoder.available() ? new BrotliDecoder() : null;
            default -> null;
        };
    }

    /** What the client offers in {@code Accept-Encoding}: aiohttp's, with {@code br} when Brotli is there. */
    static String acceptEncoding() {
        return BrotliDecoder.available() ? "gzip, deflate, br" : "gzip, deflate";
    }

    /** Decodes a piece of the body; returns what it yields (possibly empty). */
    byte[] decode(byte[] in);

    /** The body ended: checks that the compressed stream ended too, and frees the decoder. */
    void finish();

    /** Frees the decoder (the body was abandoned). */
    void close();

    static ClientPayloadError error(String encoding, String why, Throwable cause) {
        return new ClientPayloadError("Can not decode content-encoding: " + encoding + " (" + why + ")", cause);
    }
}
