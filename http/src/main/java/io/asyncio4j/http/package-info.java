/**
 * HTTP for asyncio4j, in aiohttp's shape: what client and server share. {@link io.asyncio4j.http.Headers} is
 * aiohttp's {@code CIMultiDict} (case-insensitive names, several values each, order kept);
 * the incremental HTTP/1.1 request parser (in the wire layer, {@code io.asyncio4j.http.internal}) is Jetty's {@code HttpParser} in
 * strict RFC 9110 mode with exact per-line limits added (docs/http-parser.md gives the decision and the list of
 * what it rejects). The server is in {@link io.asyncio4j.http.web}.
 *
 * <p>Like every loop object, these classes are not thread-safe: use them from the loop's thread.
 */
package io.asyncio4j.http;
