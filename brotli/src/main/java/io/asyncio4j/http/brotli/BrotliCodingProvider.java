package io.asyncio4j.http.brotli;

import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import io.asyncio4j.http.spi.ContentCodingProvider;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code Content-Encoding: br} (Brotli, RFC 7932) for {@code asyncio4j-http}, through brotli4j (Google's C library
 * over JNI; Maven picks the platform's native jar). Registered in
 * {@code META-INF/services/io.asyncio4j.http.spi.ContentCodingProvider}: with this artifact on the class path the
 * client offers {@code gzip, deflate, br}, decodes {@code br} responses and
 * {@code io.asyncio4j.http.Compressor.forEncoding("br")} works. Where the native library cannot load,
 * {@link #available()} is false and {@code br} is neither offered nor decoded, as without the artifact.
 *
 * <p>Stateless and thread-safe; each decoder or encoder serves one body on one thread at a time. Java code that
 * loads native libraries should run with {@code --enable-native-access=ALL-UNNAMED} (or the module's name), or
 * the JDK prints a warning when the library loads.
 */
public final class BrotliCodingProvider implements ContentCodingProvider {
    /** The provider {@link java.util.ServiceLoader} instantiates; it loads nothing until asked. */
    public BrotliCodingProvider() {
    }

    /** {@inheritDoc} This provider's coding is {@code br}. */
    @Override
    public String coding() {
        return "br";
    }

    /** {@inheritDoc} Loads brotli4j's native library on the first call (once per JVM). */
    @Override
    public boolean available() {
        return BrotliDecoder.available();
    }

    @Override
    public Decoder newDecoder() throws IOException {
        requireAvailable();
        return new BrotliDecoder();
    }

    @Override
    public OutputStream newEncoder(OutputStream sink) throws IOException {
        requireAvailable();
        return new BrotliOutputStream(sink);
    }

    private static void requireAvailable() throws IOException {
        if (!BrotliDecoder.available()) {
            throw new IOException("Brotli's native library did not load", BrotliDecoder.unavailabilityCause());
        }
    }
}
