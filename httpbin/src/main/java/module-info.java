/**
 * The httpbin-compatible application ({@code io.asyncio4j.http.httpbin.Httpbin}), with httpbin's pages and images
 * as resources and their NOTICE. Artifact {@code asyncio4j-httpbin}; {@code ./asyncio4j httpbin} serves it.
 */
module io.asyncio4j.httpbin {
    requires transitive io.asyncio4j.http;
    // /brotli answers with Content-Encoding: br, through the provider this module registers.
    requires io.asyncio4j.brotli;

    exports io.asyncio4j.http.httpbin;
}
