package io.asyncio4j.http;

import java.net.URI;

/**
 * aiohttp's {@code RequestInfo}: what was sent for a response.
 *
 * @param method  the method of the request that got this response (after redirect rewriting)
 * @param url     the URL requested (query included)
 * @param headers the header fields sent (read-only)
 */
public record RequestInfo(String method, URI url, Headers headers) {
}
