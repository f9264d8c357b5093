package io.asyncio4j.http;

import java.util.Locale;

/**
 * Incremental decoding of a response body's {@code Content-Encoding}: {@code gzip}, {@code deflate}
 * ({@link ZlibDecoder}) and the codings other artifacts provide ({@link ProvidedDecoder}: {@code br} with
 * {@code asyncio4j-brotli} on the class path and its native library loaded). Errors are {@link ClientPayloadError}s.
 * Not thread-safe: the connection's loop feeds it.
 */
interface ContentDecoder {
    /**
     * A decoder for {@code contentEncoding}, or null if it is absent, {@code identity} or unknown (the body is then
     * given as it came, as aiohttp does); a provided coding ({@code br}) too where its provider is absent or
     * unavailable, since the client then does not offer it.
     */
    static ContentDecoder forEncoding(String contentEncoding) {
        if (contentEncoding == null) {
            return null;
        }
        String e = contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (e) {
            case "gzip", "x-gzip" -> new ZlibDecoder(e, true);
            case "deflate" -> new ZlibDecoder(e, false);
            case "identity" -> null;
            default -> {
                io.asyncio4j.http.spi.ContentCodingProvider p = ContentCodings.provider(e);
                yield p == null ? null : ProvidedDecoder.of(p);
            }
        };
    }

    /**
     * What the client offers in {@code Accept-Encoding}: aiohttp's {@code gzip, deflate}, then the provided codings
     * ({@code gzip, deflate, br} with {@code asyncio4j-brotli}, as aiohttp with Brotli installed).
     */
    static String acceptEncoding() {
        return ContentCodings.acceptEncoding();
    }

    /**
     * Queues a piece of the compressed body; nothing is decoded yet ({@link #decode(int)} does that, as the reader
     * asks). The array becomes the decoder's: the caller must not change it afterwards.
     */
    void feed(byte[] in);

    /**
     * Decodes queued input into at most {@code max} bytes. Fewer than {@code max} (possibly none) means that all
     * queued input was consumed: the decoder needs more. So what one call inflates is bounded by {@code max}, never
     * by how far the compressed bytes would expand.
     *
     * @throws ClientPayloadError if the input is not valid in this encoding
     */
    byte[] decode(int max);

    /** The body ended and {@link #decode(int)} consumed all input: checks that the compressed stream ended too, and frees the decoder. */
    void finish();

    /** Frees the decoder (the body was abandoned). Idempotent. */
    void close();

    /** The {@code Content-Encoding} this decodes, in lower case ({@code gzip}, {@code deflate}, {@code br}). */
    String encoding();

    static ClientPayloadError error(String encoding, String why, Throwable cause) {
        return new ClientPayloadError("Can not decode content-encoding: " + encoding + " (" + why + ")", cause);
    }
}
