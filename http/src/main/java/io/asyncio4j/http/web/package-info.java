/**
 * The HTTP/1.1 server, aiohttp.web's shape: an {@link io.asyncio4j.http.web.Application} holds a
 * {@link io.asyncio4j.http.web.Router} and {@link io.asyncio4j.http.web.Middleware}s; {@link
 * io.asyncio4j.http.web.Web#start} serves it on a loop and returns a {@link io.asyncio4j.http.web.Site}.
 *
 * <p><b>Threads and tasks.</b> Everything runs on the loop's thread. Parsing happens in the connection's protocol
 * callbacks; each request's middlewares and handler run in a task of their own, started when the request's head is
 * complete, so a handler may {@code await()} its body, other I/O or timers while the loop serves other connections.
 * A connection handles one request at a time: a pipelined request waits, unparsed, until the response before it is
 * written, so responses leave in request order.
 *
 * <p><b>Errors.</b> An {@link io.asyncio4j.http.web.HTTPException} thrown by a handler or middleware is the answer;
 * any other exception is answered 500 and logged with its stack trace (logger {@code io.asyncio4j.http.web}, level
 * ERROR), unless it only says that the client went away (the connection is closed and the exception is a connection
 * error, another {@code IOException} or a cancellation): then one DEBUG line without a trace. A request the parser
 * rejects is answered 400, 413, 414, 431 (or 408 if its head is too slow), and its connection closed. A body that
 * stops arriving for the {@linkplain io.asyncio4j.http.web.ServerOptions#bodyTimeout() body timeout} makes the
 * handler's reads throw {@link io.asyncio4j.http.web.HTTPRequestTimeout} (408 unless caught; the connection then
 * closes).
 *
 * <p><b>Cancellation.</b> A handler is not cancelled when its client goes away (aiohttp's default since 3.9); its
 * body reads then fail with {@link io.asyncio4j.net.ConnectionResetError} and its response is dropped. Cancelling a
 * handler's task from elsewhere (as the end of {@code Asyncio.run} does) ends the request without a response and
 * closes its connection.
 * {@link io.asyncio4j.http.web.Site#close()} lets running handlers finish for up to the shutdown timeout (60 s),
 * then cancels them.
 *
 * <p><b>Responses.</b> A {@link io.asyncio4j.http.web.Response} is sent whole; a
 * {@link io.asyncio4j.http.web.StreamResponse} is written piece by piece after its head; a
 * {@link io.asyncio4j.http.web.FileResponse} sends a file, read off the loop. Requests' forms come from
 * {@link io.asyncio4j.http.web.Request#post()}.
 */
package io.asyncio4j.http.web;
