package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;

/**
 * The head of a parsed HTTP/1.x response (package-private: the client's view is {@link ClientResponse}).
 *
 * @param keepAlive whether the connection may carry another request after this response (HTTP/1.1 unless
 *                  {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive}); a body delimited
 *                  by the connection's close makes it false
 */
public record ResponseHead(String version, int status, String reason, Headers headers, boolean keepAlive) {
}
