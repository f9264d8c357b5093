/**
 * {@code Content-Encoding: br} for asyncio4j's HTTP client and server, through brotli4j (Google's C library):
 * a {@code ContentCodingProvider} that module {@code io.asyncio4j.http} finds with {@code ServiceLoader}. Artifact
 * {@code asyncio4j-brotli}, optional. On the module path, allow the native access:
 * {@code --enable-native-access=com.aayushatharva.brotli4j}.
 */
module io.asyncio4j.brotli {
    requires io.asyncio4j.http;
    // Its native library comes from a provider module found by service binding (brotli4j uses BrotliNativeProvider).
    requires com.aayushatharva.brotli4j;
    // available() looks for a native jar (a BrotliNativeProvider) without loading the library.
    requires com.aayushatharva.brotli4j.service;
    uses com.aayushatharva.brotli4j.service.BrotliNativeProvider;

    exports io.asyncio4j.http.brotli;

    provides io.asyncio4j.http.spi.ContentCodingProvider with io.asyncio4j.http.brotli.BrotliCodingProvider;
}
