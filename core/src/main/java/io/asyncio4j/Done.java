package io.asyncio4j;

import java.util.Set;

/**
 * What {@link Asyncio#wait(java.util.Collection, Double, ReturnWhen)} returns: the futures that are done and
 * those still pending. They are the very objects passed (coroutines passed in appear as the tasks wrapping them).
 * CPython's {@code asyncio.wait} returns the same pair as a tuple.
 *
 * @param <T> the type of the futures' results
 * @param done the futures that were done when the wait ended
 * @param pending the futures that were not
 */
public record Done<T>(Set<Future<T>> done, Set<Future<T>> pending) {
}
