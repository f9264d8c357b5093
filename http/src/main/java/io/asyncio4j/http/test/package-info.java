/**
 * Test utilities, aiohttp's {@code aiohttp.test_utils} and pytest-aiohttp's shape: {@link
 * io.asyncio4j.http.test.TestServer} serves an application on {@code 127.0.0.1} and an ephemeral port of the
 * running loop, {@link io.asyncio4j.http.test.TestClient} is a session whose requests take paths of that server,
 * and the JUnit 5 extension {@link io.asyncio4j.http.test.AioHttpExtension} runs each test on a loop of its own
 * with a client of the class's {@link io.asyncio4j.http.test.AppFactory} application.
 *
 * <p>{@code TestServer} and {@code TestClient} need nothing beyond this module; the extension and its annotations
 * need JUnit Jupiter's API, an optional dependency of {@code asyncio4j-http} (tests that use it have it anyway).
 */
package io.asyncio4j.http.test;
