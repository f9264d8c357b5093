/**
 * Test utilities, aiohttp's {@code aiohttp.test_utils} and pytest-aiohttp's shape: {@link
 * io.asyncio4j.http.test.TestServer} serves an application on {@code 127.0.0.1} and an ephemeral port of the
 * running loop, {@link io.asyncio4j.http.test.TestClient} is a session whose requests take paths of that server,
 * and the JUnit 5 extension {@link io.asyncio4j.http.test.AioHttpExtension} runs each test on a loop of its own
 * with a client of the class's {@link io.asyncio4j.http.test.AppFactory} application.
 *
 * <p>The artifact {@code asyncio4j-http-test}, a test dependency: {@code TestServer} and {@code TestClient} need
 * only {@code asyncio4j-http}; the extension builds on {@code asyncio4j-test}'s {@code AsyncioExtension} (virtual
 * time, failures nobody handled, the real-time timeout) and brings JUnit Jupiter's API.
 */
package io.asyncio4j.http.test;
