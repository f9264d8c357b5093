package io.asyncio4j.http.web;

/**
 * aiohttp's middleware: {@code async def middleware(request, handler)}. It runs around the request's handler (and
 * around the middlewares after it) and may look at the request, call {@code handler.handle(request)} or not,
 * catch what it throws (an {@link HTTPNotFound} from the router too) and change or replace the response.
 * The first middleware of {@link Application#middlewares()} is the outermost. It runs on the handler's task.
 *
 * <pre>{@code
 * app.middlewares().add((request, handler) -> {
 *     Response r = handler.handle(request);
 *     return r.header("X-Served-By", "asyncio4j");
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Middleware {
    /**
     * Handles {@code request} around {@code handler}, on the request's task.
     *
     * @param request the request
     * @param handler the rest of the chain: the next middleware, or the route's handler
     * @return the response to send
     * @throws Exception as {@link Handler#handle}: an {@link HTTPException} answers with it, anything else with a 500
     */
    Response handle(Request request, Handler handler) throws Exception;
}
