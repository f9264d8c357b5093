package io.asyncio4j.http.spi;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A {@code Content-Encoding} that {@code asyncio4j-http} does not implement itself, supplied by another artifact
 * through {@link java.util.ServiceLoader} (a {@code META-INF/services/io.asyncio4j.http.spi.ContentCodingProvider}
 * file, or {@code provides} in a module descriptor). {@code asyncio4j-brotli} supplies {@code br} this way, so that
 * Brotli's native library is not a dependency of every HTTP application.
 *
 * <p><b>Discovery.</b> The providers are loaded once, on the first request, response or compressor that needs a
 * content coding (never while the HTTP classes are initialised), with the class loader of this interface, and
 * cached for the life of that class loader. A provider whose class cannot be loaded or instantiated, whose
 * {@link #available()} returns false or throws, or whose {@link #coding()} is one the library implements itself
 * ({@code gzip}, {@code x-gzip}, {@code deflate}, {@code identity}) is skipped; of two for the same coding the first
 * found wins. A skipped or absent coding is neither offered in the client's {@code Accept-Encoding} nor decoded:
 * the body is then given as it came, as for any unknown coding.
 *
 * <p><b>What uses a provider.</b> The client adds each available coding to its default {@code Accept-Encoding}
 * ({@code gzip, deflate, br} with {@code asyncio4j-brotli}) and decodes responses in it with {@link #newDecoder()};
 * {@code io.asyncio4j.http.Compressor.forEncoding(coding)} encodes with {@link #newEncoder(OutputStream)}. The
 * server's automatic compression ({@code io.asyncio4j.http.web.ContentCoding}) is aiohttp's and uses only
 * {@code deflate} and {@code gzip}.
 *
 * <p><b>Threads.</b> A provider is shared and must be thread-safe (it is typically stateless); a decoder or
 * encoder serves one body and is used by one thread at a time (the connection's loop), never concurrently.
 */
public interface ContentCodingProvider {
    /**
     * The coding's token as it appears in {@code Content-Encoding} and {@code Accept-Encoding}, in lower case.
     *
     * @return the token, e.g. {@code "br"}
     */
    String coding();

    /**
     * Whether the coding can work in this JVM, e.g. whether its native library is there. Called once, when the
     * providers are discovered (on the client's first request); false (or an exception) and the coding is not offered
     * at all. It should be cheap and load no native code: a provider whose native library loads later, on its first
     * {@link #newDecoder()} or {@link #newEncoder(OutputStream)}, reports a failure to load there, as an
     * {@link IOException}.
     *
     * @return true if {@link #newDecoder()} and {@link #newEncoder(OutputStream)} can be used
     */
    boolean available();

    /**
     * A decoder for one body in this coding.
     *
     * @return a new decoder, which the caller closes
     * @throws IOException if the decoder could not start
     */
    Decoder newDecoder() throws IOException;

    /**
     * An encoder for one body: what is written to the returned stream is compressed into {@code sink}; closing it
     * ends the compressed stream (its last bytes are written to {@code sink}) and does not need to close
     * {@code sink}. The returned stream may buffer: only {@code close()} guarantees that everything reached
     * {@code sink}.
     *
     * @param sink where the compressed bytes go
     * @return a new encoding stream in front of {@code sink}
     * @throws IOException if the encoder could not start
     */
    OutputStream newEncoder(OutputStream sink) throws IOException;

    /**
     * Incremental, bounded decoding of one compressed body: the client feeds it the body's pieces as they arrive and
     * takes decoded bytes out only as its reader asks, so what one call inflates is bounded by what was asked, never
     * by how far the compressed bytes would expand. Not thread-safe. The client turns an {@link IOException} into a
     * {@code ClientPayloadError} whose message ends with {@code (}<i>the exception's message</i>{@code )}.
     */
    interface Decoder extends AutoCloseable {
        /**
         * Queues a piece of the compressed body; nothing is decoded yet. The array becomes the decoder's: the caller
         * does not change it afterwards.
         *
         * @param in the next compressed bytes (possibly empty)
         */
        void feed(byte[] in);

        /**
         * Decodes queued input into at most {@code max} bytes. Fewer than {@code max} (possibly none) means that
         * all queued input was consumed and the decoder needs more.
         *
         * @param max the most bytes to return, at least 1
         * @return the decoded bytes, at most {@code max}
         * @throws IOException if the input is not valid in this coding (the message says why, e.g.
         *                     {@code "corrupt compressed data"})
         */
        byte[] decode(int max) throws IOException;

        /**
         * The body ended and {@link #decode(int)} consumed all input: checks that the compressed stream ended too,
         * and frees the decoder.
         *
         * @throws IOException if the compressed stream is truncated
         */
        void finish() throws IOException;

        /** Frees the decoder (its native memory, if any); idempotent. Decoding after it fails. */
        @Override
        void close();
    }
}
