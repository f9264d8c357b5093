package io.asyncio4j;

/**
 * The results of {@link Asyncio#gather2(Awaitable, Awaitable)}, each with its own type, in argument order:
 * Python's {@code a, b = await asyncio.gather(fa, fb)} without casts.
 *
 * <pre>{@code
 * Pair<String, Integer> r = Asyncio.gather2(fetchName(), fetchCount()).await();
 * String name = r.first();
 * int count = r.second();
 * }</pre>
 *
 * <p>Immutable, with the memory effects of a record of final fields.
 *
 * @param <A> the type of the first result
 * @param <B> the type of the second result
 * @param first  the first awaitable's result (may be null)
 * @param second the second awaitable's result (may be null)
 */
public record Pair<A, B>(A first, B second) {
}
