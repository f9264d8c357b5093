package io.asyncio4j.http.web;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Coro;

/**
 * A callback of {@link Application#onStartup()}, {@link Application#onShutdown()} or {@link Application#onCleanup()}:
 * aiohttp's {@code async def on_startup(app)}. It returns the coroutine to await, which runs on the loop's thread,
 * or null for none (as {@link ResponsePrepareHook} does).
 *
 * <pre>{@code
 * app.onStartup().add(a -> () -> {
 *     a.put("db", Db.connect(url).await());
 *     return null;
 * });
 * }</pre>
 */
@FunctionalInterface
public interface AppHook {
    /**
     * Called with the application when its hooks of this kind run, on the loop's thread.
     *
     * @param app the application whose hook this is (a sub-application's own, for its hooks)
     * @return a coroutine to await before the next hook, or null for none
     * @throws Exception to fail the startup (which then fails {@link Web#start}); shutdown and cleanup failures are
     *                   logged by the site
     */
    @CheckReturnValue
    Coro<?> call(Application app) throws Exception;
}
