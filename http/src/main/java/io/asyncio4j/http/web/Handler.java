package io.asyncio4j.http.web;

/**
 * aiohttp's request handler: {@code async def handler(request) -> Response}. The server calls it in a task of its
 * own for each request, on the loop's thread, so it may {@code await()} (read the body, call other services,
 * sleep) without holding up other connections. An {@link HTTPException} it throws becomes that answer; any other
 * exception becomes a 500 and is logged with its stack trace. If the client goes away, the handler is not
 * cancelled (aiohttp's default since 3.9): it runs to the end and its answer is dropped.
 */
@FunctionalInterface
public interface Handler {
    /**
     * Answers {@code request}, in the request's task on the loop's thread.
     *
     * @param request the request
     * @return the response to send (a {@link StreamResponse} it prepared itself, or one the server then sends whole)
     * @throws Exception an {@link HTTPException} to answer with it; anything else becomes a 500
     */
    Response handle(Request request) throws Exception;
}
