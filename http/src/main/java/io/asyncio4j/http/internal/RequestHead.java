package io.asyncio4j.http.internal;

import io.asyncio4j.http.Headers;

/**
 * The head of a parsed HTTP/1.x request: request line and header fields, with what the parser derived from them.
 *
 * @param method        the method as sent (a token, case-sensitive: {@code GET}, {@code POST}...)
 * @param target        the request target as sent, percent-encoding and query included ({@code /a%20b?x=1})
 * @param version       {@code "HTTP/1.1"} or {@code "HTTP/1.0"}
 * @param headers       the header fields in order (read-only)
 * @param contentLength the declared body length, or -1 if the body is chunked or absent (then 0 bytes follow)
 * @param chunked       whether the body comes in chunked transfer coding
 * @param keepAlive     whether the connection may carry another request after this one (HTTP/1.1 unless
 *                      {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive})
 * @param expectContinue whether the client sent {@code Expect: 100-continue} (HTTP/1.1)
 */
public record RequestHead(String method, String target, String version, Headers headers, long contentLength,
                          boolean chunked, boolean keepAlive, boolean expectContinue) {
    /** Whether a body follows the head (a positive Content-Length or chunked coding). */
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }
}
