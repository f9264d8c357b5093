package io.asyncio4j.http;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Coro;
import io.asyncio4j.http.internal.BodyWriter;
import io.asyncio4j.streams.StreamReader;
import java.net.URI;
import java.util.Iterator;

/**
 * Writes a request body after its head, as a task of its own (aiohttp's {@code write_bytes}): waits for
 * {@code 100 Continue} if the exchange asked for it, then sends the bytes or the stream's chunks through the wire
 * layer's {@link BodyWriter} (compressed and framed as the head announced), draining the transport after each
 * write. It stops as soon as the exchange is over (the response came whole, or it failed); a failure of the source
 * or the socket (or of a trace handler) fails the exchange. Each piece of the body is traced
 * ({@code requestChunkSent}) before it is compressed and written.
 */
final class RequestBodyTask {
    /** How much of a {@link StreamReader} body is read per write. */
    static final int READ_SIZE = 64 * 1024;

    private RequestBodyTask() {
    }

    /**
     * The task's body.
     *
     * @param framer the body's framing and compression, as the head announced it
     */
    static Coro<Void> write(ClientConnection conn, ClientConnection.Exchange ex, byte[] bytes, Object stream,
                            BodyWriter framer, Trace trace, String method, URI url) {
        return () -> {
            try {
                if (ex.continue100 != null && !ex.continue100.await()) {
                    return null;
                }
                if (bytes != null) {
                    if (!send(conn, ex, bytes, framer, trace, method, url)) {
                        return null;
                    }
                } else if (stream instanceof StreamReader reader) {
                    while (true) {
                        byte[] chunk = reader.read(READ_SIZE).await();
                        if (chunk.length == 0) {
                            break;
                        }
                        if (!send(conn, ex, chunk, framer, trace, method, url)) {
                            return null;
                        }
                    }
                } else {
                    @SuppressWarnings("unchecked")
                    Iterator<byte[]> it = stream instanceof FormData.Upload u ? u.open() : (Iterator<byte[]>) stream;
                    try {
                        while (it.hasNext()) {
                            byte[] chunk = it.next();
                            if (chunk != null && !send(conn, ex, chunk, framer, trace, method, url)) {
                                return null;
                            }
                        }
                    } finally {
                        if (it instanceof FormData.Upload.Reader r) {
                            r.close();  // the file being read when the exchange ended early
                        }
                    }
                }
                if (!frame(conn, ex, framer.finish())) {
                    return null;
                }
                conn.bodySent(ex);
                conn.drain().await();
            } catch (CancelledError e) {
                throw e;
            } catch (Throwable e) {
                conn.bodyFailed(ex, e);
            }
            return null;
        };
    }

    private static boolean send(ClientConnection conn, ClientConnection.Exchange ex, byte[] data, BodyWriter framer,
                                Trace trace, String method, URI url) {
        if (!trace.isEmpty()) {
            if (ex.finished) {
                return false;   // the exchange is over: nothing more is written, so nothing is traced
            }
            trace.send(c -> c.requestChunkSent, new TraceConfig.RequestChunkSentParams(method, url, data));
        }
        if (!frame(conn, ex, framer.write(data))) {
            return false;
        }
        conn.drain().await();
        return true;
    }

    /** Writes framed bytes; nothing to write (compression gave nothing yet) is no write. */
    private static boolean frame(ClientConnection conn, ClientConnection.Exchange ex, byte[] framed) {
        if (framed.length == 0) {
            return !ex.finished;
        }
        return conn.writeBody(ex, framed);
    }
}
