/**
 * Service-provider interfaces of {@code asyncio4j-http}: {@link io.asyncio4j.http.spi.ContentCodingProvider}, the
 * content codings other artifacts add through {@link java.util.ServiceLoader} ({@code br} from
 * {@code asyncio4j-brotli}). Applications do not call these types; they put a provider's artifact on the class
 * path (or module path) and the client uses it.
 */
package io.asyncio4j.http.spi;
