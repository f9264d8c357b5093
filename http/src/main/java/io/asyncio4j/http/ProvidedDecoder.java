package io.asyncio4j.http;

import io.asyncio4j.http.spi.ContentCodingProvider;
import java.io.IOException;

/**
 * A {@link ContentDecoder} for a coding supplied by a {@link ContentCodingProvider}: the provider's decoder, its
 * {@link IOException}s turned into {@link ClientPayloadError}s as the built-in decoders report theirs. Not
 * thread-safe: the connection's loop feeds it.
 *
 * <p>A decoder that could not start (e.g. Brotli's native library, loaded on the first {@code br} body, failed to
 * load) is reported where any undecodable body is: the response's head is given as it came, and reading its body
 * raises the {@link ClientPayloadError} that says why, once a compressed byte came (an empty body is empty).
 */
final class ProvidedDecoder implements ContentDecoder {
    private final String coding;
    /** The provider's decoder, or null if it could not start ({@link #startFailure}). */
    private final ContentCodingProvider.Decoder decoder;
    private final ClientPayloadError startFailure;
    /** Compressed bytes came (an empty body needs no decoder, so it does not fail for want of one). */
    private boolean sawInput;

    private ProvidedDecoder(String coding, ContentCodingProvider.Decoder decoder, ClientPayloadError startFailure) {
        this.coding = coding;
        this.decoder = decoder;
        this.startFailure = startFailure;
    }

    /** A decoder from {@code provider}; if it cannot start, one that fails the body with the reason. */
    static ProvidedDecoder of(ContentCodingProvider provider) {
        String coding = provider.coding();
        try {
            return new ProvidedDecoder(coding, provider.newDecoder(), null);
        } catch (IOException e) {
            // e.g. "the decoder could not start: Brotli's native library did not load", the loader's error as cause
            return new ProvidedDecoder(coding, null,
                    ContentDecoder.error(coding, "the decoder could not start: " + e.getMessage(), e));
        }
    }

    @Override
    public void feed(byte[] in) {
        if (decoder != null) {
            decoder.feed(in);
        } else if (in.length > 0) {
            sawInput = true;
        }
    }

    @Override
    public byte[] decode(int max) {
        if (decoder == null) {
            if (sawInput) {
                throw startFailure;
            }
            return new byte[0];
        }
        try {
            return decoder.decode(max);
        } catch (IOException e) {
            decoder.close();
            throw ContentDecoder.error(coding, e.getMessage(), e.getCause());
        }
    }

    @Override
    public void finish() {
        if (decoder == null) {
            if (sawInput) {
                throw startFailure;
            }
            return;
        }
        try {
            decoder.finish();
        } catch (IOException e) {
            throw ContentDecoder.error(coding, e.getMessage(), e.getCause());
        } finally {
            decoder.close();
        }
    }

    @Override
    public void close() {
        if (decoder != null) {
            decoder.close();
        }
    }

    @Override
    public String encoding() {
        return coding;
    }
}
