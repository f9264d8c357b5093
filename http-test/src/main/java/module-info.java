/**
 * asyncio4j's HTTP test utilities, aiohttp's {@code aiohttp.test_utils} and pytest plugin: {@code TestServer},
 * {@code TestClient} and the JUnit 5 {@code AioHttpExtension} ({@code io.asyncio4j.http.test}). Artifact
 * {@code asyncio4j-http-test}, test scope.
 */
module io.asyncio4j.http.test {
    // @CheckReturnValue: read by IDEs and Error Prone at compile time, not needed to run.
    requires static com.google.errorprone.annotations;
    requires transitive io.asyncio4j.http;
    requires transitive io.asyncio4j.test;
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.commons;

    exports io.asyncio4j.http.test;
}
