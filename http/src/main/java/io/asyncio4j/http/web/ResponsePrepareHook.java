package io.asyncio4j.http.web;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Coro;

/**
 * A callback of {@link Application#onResponsePrepare()}: aiohttp's {@code async def on_prepare(request, response)}.
 * It runs on the request's task just before the response's status line and headers are sent, and may change the
 * headers (and cookies); it returns the coroutine to await, null for none.
 *
 * <pre>{@code
 * app.onResponsePrepare().add((request, response) -> {
 *     response.headers().set("X-Frame-Options", "DENY");
 *     return null;
 * });
 * }</pre>
 */
@FunctionalInterface
public interface ResponsePrepareHook {
    /**
     * Called with the request and its response (a {@link Response}, {@link StreamResponse}, {@link FileResponse}
     * or {@link WebSocketResponse}) before its head is sent.
     *
     * @param request  the request answered
     * @param response the response about to be sent; its status, headers and cookies may still change
     * @return a coroutine to await before the head is sent, or null
     * @throws Exception to fail the response: for a response the server sends, a 500 goes out instead; for one
     *                   the handler prepares, {@code prepare()} throws it
     */
    @CheckReturnValue
    Coro<?> call(Request request, Response response) throws Exception;
}
