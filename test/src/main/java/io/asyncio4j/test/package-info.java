/**
 * Testing asyncio4j code with JUnit 5 and virtual time, the artifact {@code asyncio4j-test} (kotlinx-coroutines-test's
 * {@code runTest} is the anchor): {@link io.asyncio4j.test.AsyncioExtension} runs each test method as a task on a
 * fresh virtual-time loop ({@link io.asyncio4j.test.TestLoop}), and {@link io.asyncio4j.test.TestLoop#runTest} does
 * the same for one body without the extension. Delays take no real time, failures nobody handled and leftover tasks
 * fail the test, and a test that cannot finish fails after a real-time timeout instead of hanging.
 * {@link io.asyncio4j.test.TestLoopConfig} sets the options. Needs only {@code asyncio4j-core} and JUnit Jupiter's
 * API; the HTTP test utilities ({@code asyncio4j-http-test}) build on it.
 */
package io.asyncio4j.test;
