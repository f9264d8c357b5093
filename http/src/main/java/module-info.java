/**
 * asyncio4j's HTTP, in aiohttp's shape: the client ({@code io.asyncio4j.http}), the server
 * ({@code io.asyncio4j.http.web}), WebSockets for both ({@code io.asyncio4j.http.ws}) and JSON
 * ({@code io.asyncio4j.http.json}), and the service interface other modules implement to add content codings
 * ({@code io.asyncio4j.http.spi}). Not exported: {@code io.asyncio4j.http.internal}, the wire layer both ends share.
 *
 * <p><b>JSON of your types.</b> The default {@code JsonCodec} is Jackson: it binds your records and beans by
 * reflection, from module {@code com.fasterxml.jackson.databind}, so a modular application opens (or, for public
 * records and beans, exports) the packages of the types it sends or receives as JSON to it:
 * {@code opens com.example.api to com.fasterxml.jackson.databind;}. This module opens nothing: the codec binds none
 * of its own types (the library's own JSON is maps, lists and Jackson's tree).
 */
module io.asyncio4j.http {
    // @CheckReturnValue: read by IDEs and Error Prone at compile time, not needed to run.
    requires static com.google.errorprone.annotations;
    requires transitive io.asyncio4j.net;
    // JFR events of requests served and made (docs/jfr.md); with no recording, a constant-false check per request.
    requires jdk.jfr;
    // multipart/form-data bodies (web.FormParser: Jetty's MultiPart.Parser, loaded on the first multipart form; the
    // HTTP/1.1 message parser is the library's own, docs/http-parser.md); no Jetty type is in this module's API.
    requires org.eclipse.jetty.http;
    requires org.eclipse.jetty.io;
    // Jetty logs through SLF4J: without an application provider, its records go to System.Logger
    // (io.asyncio4j.http.internal.Slf4jRouting); SLF4J instantiates the provider by reflection.
    requires org.slf4j;
    uses org.slf4j.spi.SLF4JServiceProvider;
    exports io.asyncio4j.http.internal.slf4j to org.slf4j;
    // The default JsonCodec and the cookie jar's file. Plain requires, not static: the classes are referred to
    // directly (loaded lazily, on the first JSON, not reflectively) and Jackson is a mandatory dependency.
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    exports io.asyncio4j.http;
    exports io.asyncio4j.http.json;
    exports io.asyncio4j.http.spi;
    exports io.asyncio4j.http.web;
    exports io.asyncio4j.http.ws;

    // Content codings beyond gzip and deflate (br: module io.asyncio4j.brotli, artifact asyncio4j-brotli), found
    // lazily through ServiceLoader; none present, the client offers gzip and deflate only.
    uses io.asyncio4j.http.spi.ContentCodingProvider;
}
