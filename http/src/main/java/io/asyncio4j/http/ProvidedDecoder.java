package io.asyncio4j.http;

import io.asyncio4j.http.spi.ContentCodingProvider;
import java.io.IOException;

/**
 * A {@link ContentDecoder} for a coding supplied by a {@link ContentCodingProvider}: the provider's decoder, its
 * {@link IOException}s turned into {@link ClientPayloadError}s as the built-in decoders report theirs. Not
 * thread-safe: the connection's loop feeds it.
 */
final class ProvidedDecoder implements ContentDecoder {
    private final String coding;
    private final ContentCodingProvider.Decoder decoder;

    private ProvidedDecoder(String coding, ContentCodingProvider.Decoder decoder) {
        this.coding = coding;
        this.decoder = decoder;
    }

    /** A decoder from {@code provider}. */
    static ProvidedDecoder of(ContentCodingProvider provider) {
        String coding = provider.coding();
        try {
            return new ProvidedDecoder(coding, provider.newDecoder());
        } catch (IOException e) {
            throw ContentDecoder.error(coding, "the decoder could not start", e);
        }
    }

    @Override
    public void feed(byte[] in) {
        decoder.feed(in);
    }

    @Override
    public byte[] decode(int max) {
        try {
            return decoder.decode(max);
        } catch (IOException e) {
            decoder.close();
            throw ContentDecoder.error(coding, e.getMessage(), e.getCause());
        }
    }

    @Override
    public void finish() {
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
        decoder.close();
    }

    @Override
    public String encoding() {
        return coding;
    }
}
