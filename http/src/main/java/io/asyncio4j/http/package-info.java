/**
 * HTTP for asyncio4j, in aiohttp's shape: what client and server share. {@link io.asyncio4j.http.Headers} is
 * aiohttp's {@code CIMultiDict} (case-insensitive names, several values each, order kept);
 * the incremental HTTP/1.1 request and response parsers (in the wire layer, {@code io.asyncio4j.http.internal}) are
 * the library's own, strict RFC 9112 with exact per-line limits (docs/http-parser.md gives the decision and the list
 * of what they reject). The server is in {@link io.asyncio4j.http.web}.
 *
 * <p>Like every loop object, these classes are not thread-safe: use them from the loop's thread.
 */
package io.asyncio4j.http;
