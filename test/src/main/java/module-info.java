/**
 * asyncio4j's test support for code on the core library: {@code io.asyncio4j.test} (a JUnit 5 extension and
 * {@code TestLoop.runTest}, on a virtual-time loop). Artifact {@code asyncio4j-test}, test scope.
 */
module io.asyncio4j.test {
    requires transitive io.asyncio4j;
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.commons;

    exports io.asyncio4j.test;
}
