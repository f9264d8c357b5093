/**
 * Brotli ({@code Content-Encoding: br}) for {@code asyncio4j-http}, the optional artifact {@code asyncio4j-brotli}:
 * {@link io.asyncio4j.http.brotli.BrotliCodingProvider} is found by the client through
 * {@link java.util.ServiceLoader} ({@link io.asyncio4j.http.spi.ContentCodingProvider}); nothing here is called
 * directly. Without this artifact, or where brotli4j's native library cannot load, {@code br} is not offered.
 */
package io.asyncio4j.http.brotli;
