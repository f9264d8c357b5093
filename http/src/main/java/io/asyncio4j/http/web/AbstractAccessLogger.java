package io.asyncio4j.http.web;

/**
 * aiohttp's {@code AbstractAccessLogger}: what a server does with each request it has answered, for an application
 * that logs its own way (to a metrics system, as JSON...). {@link AccessLogger} is the standard one, a line in
 * aiohttp's format language on a {@link System.Logger}. Set one with {@link ServerOptions#withAccessLog
 * ServerOptions.withAccessLog(logger)}; a server has none unless asked (see {@link AccessLogger} for why).
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.DEFAULT.withAccessLog((request, response, time) ->
 *         metrics.record(request.method(), response.status(), time));
 * }</pre>
 *
 * <p><b>When.</b> The server asks {@link #enabled()} once per request, when its head has arrived (no clock is read
 * and nothing is recorded for a request that will not be logged), and calls {@link #log} once the response's last
 * byte has been handed to the connection (for a {@link Response} also drained below the transport's limit; for a
 * WebSocket, once its handler has returned), or once the client has gone away while the response was being written,
 * as aiohttp does. A response the server makes itself before any request head was read (a malformed head: 400, 431;
 * a head that did not arrive in time: 408) is logged too, with a placeholder request whose {@link Request#method()},
 * {@link Request#rawPath()} and {@link Request#version()} are empty strings and whose headers are empty, and a time
 * of 0.
 *
 * <p><b>Threads.</b> Both methods run on the server loop's thread, in the request's task (a server with several
 * loops calls one logger from each): they must not block, and a logger shared by several loops must be thread-safe.
 * An exception {@link #log} throws is logged at {@code ERROR} on the server's logger ({@code io.asyncio4j.http.web})
 * and does not disturb the connection.
 */
@FunctionalInterface
public interface AbstractAccessLogger {
    /**
     * Whether {@link #log} would record anything now (aiohttp's {@code enabled}): false spares the server the
     * request's timing and the call. Asked once per request.
     *
     * @return true by default
     */
    default boolean enabled() {
        return true;
    }

    /**
     * Records that {@code request} was answered with {@code response}.
     *
     * @param request  the request; a placeholder for an answer the server made before a request head (see the
     *                 class comment)
     * @param response the response sent; its {@link Response#bodyLength()} holds the bytes written for it
     * @param time     seconds from the request's head to the end of its response (a real duration, not loop time)
     */
    void log(Request request, Response response, double time);
}
