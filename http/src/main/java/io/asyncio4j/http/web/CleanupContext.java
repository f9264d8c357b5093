package io.asyncio4j.http.web;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Coro;

/**
 * An entry of {@link Application#cleanupCtx()}: aiohttp's cleanup context, an async generator that sets a resource
 * up, {@code yield}s, and tears it down, translated to Java as a setup coroutine whose result is the teardown
 * coroutine.
 *
 * <pre>{@code
 * // aiohttp:  async def db_ctx(app):
 * //               app["db"] = await connect(url)
 * //               yield
 * //               await app["db"].close()
 * app.cleanupCtx().add(a -> () -> {
 *     Db db = Db.connect(url).await();          // setup, when the application starts
 *     a.put("db", db);
 *     return () -> {                            // teardown, when it is cleaned up
 *         db.close().await();
 *         return null;
 *     };
 * });
 * }</pre>
 *
 * <p>Both coroutines run on a task of the loop serving the application. The teardown runs only if the setup
 * returned normally; a null teardown means there is nothing to undo.
 */
@FunctionalInterface
public interface CleanupContext {
    /**
     * The setup of the context for {@code app}, called when the application starts, on the loop's thread.
     *
     * @param app the application starting
     * @return a coroutine that sets the resource up and returns the coroutine that tears it down (or null); not null
     * @throws Exception to fail the start, as a failing setup does
     */
    @CheckReturnValue
    Coro<Coro<?>> enter(Application app) throws Exception;
}
