package io.asyncio4j;

/**
 * The results of {@link Asyncio#gather3(Awaitable, Awaitable, Awaitable)}, each with its own type, in argument
 * order: Python's {@code a, b, c = await asyncio.gather(fa, fb, fc)} without casts.
 *
 * <pre>{@code
 * Triple<String, Integer, byte[]> r = Asyncio.gather3(name(), count(), blob()).await();
 * }</pre>
 *
 * <p>Immutable, with the memory effects of a record of final fields.
 *
 * @param <A> the type of the first result
 * @param <B> the type of the second result
 * @param <C> the type of the third result
 * @param first  the first awaitable's result (may be null)
 * @param second the second awaitable's result (may be null)
 * @param third  the third awaitable's result (may be null)
 */
public record Triple<A, B, C>(A first, B second, C third) {
}
