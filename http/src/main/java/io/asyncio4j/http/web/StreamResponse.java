package io.asyncio4j.http.web;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Coro;
import io.asyncio4j.http.internal.BodyWriter;
import java.util.Objects;

/**
 * aiohttp's {@code web.StreamResponse}: a response whose body the handler writes piece by piece after sending the
 * head, for bodies too large to hold or produced over time.
 *
 * <pre>{@code
 * StreamResponse resp = new StreamResponse().contentType("text/plain");
 * resp.prepare(request).await();              // sends status line and headers
 * for (String line : lines) {
 *     resp.write((line + "\n").getBytes(UTF_8)).await();   // waits while the client is slow
 * }
 * resp.writeEof().await();
 * return resp;
 * }</pre>
 *
 * <p><b>Framing.</b> With {@link #contentLength(long)} set, the body is sent as is and cut at that length; a
 * shorter body closes the connection afterwards. Without one, an HTTP/1.1 response is sent chunked, and an
 * HTTP/1.0 one is delimited by closing the connection. Compression ({@link #enableCompression()}) compresses the
 * stream as it is written and drops any {@code Content-Length}. For {@code HEAD} and for 1xx, 204 and 304 no body
 * is sent: writes are accepted and dropped.
 *
 * <p><b>Handlers.</b> A handler returns the response it prepared; one it returns unprepared is prepared and ended
 * by the server (so an empty streamed answer is {@code return new StreamResponse()}). If the handler fails after
 * preparing, the head is out and no error answer can follow: the connection is closed. {@link #write} suspends
 * until the connection's buffer has drained below its limit, and throws a
 * {@link io.asyncio4j.net.ConnectionResetError} once the client is gone. Use a response on its handler's task.
 * The body setters of {@link Response} do not apply and throw {@link UnsupportedOperationException}.
 */
public class StreamResponse extends Response {
    private long contentLength = -1;
    private boolean prepared;
    private boolean eofSent;
    private Request request;
    /** How {@link HttpProtocol} compresses and frames the body; set by prepare. */
    private BodyWriter body;
    /** No body goes out (HEAD, 1xx, 204, 304): writes are dropped; set by prepare. */
    private boolean headOnly;
    /** Close the connection after this response. */
    private boolean closeConnection;

    /**
     * Records the framing {@link HttpProtocol#startStream} chose when it wrote the head: the body's writer, whether
     * no body goes out at all, and whether the connection closes after this response.
     */
    void framed(BodyWriter body, boolean headOnly, boolean closeConnection) {
        this.body = body;
        this.headOnly = headOnly;
        this.closeConnection = closeConnection;
    }

    /** {@return whether no body goes out (HEAD, 1xx, 204, 304), once prepared} */
    boolean headOnly() {
        return headOnly;
    }

    /** {@return the body's writer, once prepared} */
    BodyWriter bodyWriter() {
        return body;
    }

    /** The connection closes after this response (a body that ended short of its length, for one). */
    void closeConnectionAfter() {
        closeConnection = true;
    }

    /** {@return whether the connection closes after this response} */
    boolean closesConnection() {
        return closeConnection;
    }

    /** A 200 response with no headers yet. */
    public StreamResponse() {
    }

    /**
     * A response with {@code status}, aiohttp's {@code StreamResponse(status=...)}.
     *
     * @param status the status code, 100..599
     * @throws IllegalArgumentException if {@code status} is outside 100..599
     */
    public StreamResponse(int status) {
        status(status);
    }

    @Override
    public StreamResponse status(int status) {
        checkNotPrepared("status");
        super.status(status);
        return this;
    }

    @Override
    public StreamResponse contentType(String contentType) {
        super.contentType(contentType);
        return this;
    }

    @Override
    public StreamResponse header(String name, String value) {
        super.header(name, value);
        return this;
    }

    /**
     * Sets the body's length ({@code Content-Length}), aiohttp's {@code content_length}; see the class comment for
     * what a shorter body does.
     *
     * @param length the length in bytes, or -1 for none (chunked or close-delimited)
     * @return this
     * @throws IllegalArgumentException if {@code length} is below -1
     * @throws IllegalStateException if the response is prepared
     */
    public StreamResponse contentLength(long length) {
        checkNotPrepared("contentLength");
        if (length < -1) {
            throw new IllegalArgumentException("content length must be >= 0 (or -1 for none): " + length);
        }
        this.contentLength = length;
        return this;
    }

    /** {@return the body's length as set, or -1 if none is} */
    public long contentLength() {
        return contentLength;
    }

    /** Not for a streamed response: write the body with {@link #write}. */
    @Override
    public Response body(byte[] body) {
        throw new UnsupportedOperationException("a StreamResponse has no body to set: write() it");
    }

    /** Not for a streamed response: write the body with {@link #write}. */
    @Override
    public Response body(String text) {
        throw new UnsupportedOperationException("a StreamResponse has no body to set: write() it");
    }

    /** {@return whether {@link #prepare} has sent the head, aiohttp's {@code prepared}} */
    public boolean prepared() {
        return prepared;
    }

    /** {@return whether {@link #writeEof} has ended the body} */
    public boolean eofSent() {
        return eofSent;
    }

    /**
     * Sends the status line and headers for {@code request} (cookies and compression included), after the
     * application's {@link Application#onResponsePrepare()} hooks; later calls do nothing. aiohttp's
     * {@code await resp.prepare(request)}.
     *
     * @param request the request this response answers; not null
     * @return the prepare, run when awaited on the handler's task
     * @throws NullPointerException if {@code request} is null (at once)
     * @throws io.asyncio4j.net.ConnectionResetError (when awaited) if the client is gone
     */
    @CheckReturnValue
    public Coro<Void> prepare(Request request) {
        Objects.requireNonNull(request, "request");
        return Coro.named("StreamResponse.prepare", () -> {
            if (!prepared) {
                start(request);
            }
            return null;
        });
    }

    /**
     * Runs the application's {@link Application#onResponsePrepare()} hooks, then sends the head (the body of
     * {@link #prepare}, for subclasses that override it). On the request's task.
     */
    final void start(Request request) throws Exception {
        if (prepared) {
            return;
        }
        if (request.protocol() == null) {
            throw new IllegalStateException("the request has no connection to answer on");
        }
        this.request = request;
        request.protocol().startStream(this, request);
        prepared = true;
    }

    /**
     * aiohttp's {@code await resp.write(data)}: sends {@code data} as the next piece of the body, then waits until
     * the connection's buffer has drained below its limit.
     *
     * <p>Cancellation: a write cancelled while it waits for the drain has still sent {@code data}.
     *
     * @param data the piece; handed to the connection when awaited, which may keep it: do not change it
     *             afterwards
     * @return the write, run when awaited on the handler's task
     * @throws NullPointerException if {@code data} is null (at once)
     * @throws IllegalStateException (when awaited) if not prepared, or after {@link #writeEof}
     * @throws io.asyncio4j.net.ConnectionResetError (when awaited) if the client is gone
     */
    @CheckReturnValue
    public Coro<Void> write(byte[] data) {
        Objects.requireNonNull(data, "data");
        return Coro.named("StreamResponse.write", () -> {
            if (!prepared) {
                throw new IllegalStateException("Response has not been started");
            }
            if (eofSent) {
                throw new IllegalStateException("Cannot call write() after writeEof()");
            }
            request.protocol().writeStream(this, data, false);
            request.protocol().drain().await();
            return null;
        });
    }

    /**
     * aiohttp's {@code await resp.write_eof()}: ends the body (the last chunk, the end of compression) and waits
     * until it has drained; later calls do nothing.
     *
     * @return the end, run when awaited on the handler's task
     * @throws IllegalStateException (when awaited) if not prepared
     * @throws io.asyncio4j.net.ConnectionResetError (when awaited) if the client is gone
     */
    @CheckReturnValue
    public Coro<Void> writeEof() {
        return Coro.named("StreamResponse.writeEof", () -> {
            if (eofSent) {
                return null;
            }
            if (!prepared) {
                throw new IllegalStateException("Response has not been started");
            }
            eofSent = true;
            request.protocol().writeStream(this, new byte[0], true);
            request.protocol().drain().await();
            return null;
        });
    }

    private void checkNotPrepared(String what) {
        if (prepared) {
            throw new IllegalStateException("cannot change " + what + ": the response is prepared (its head is sent)");
        }
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + status() + " " + reason()
                + (eofSent ? " eof" : prepared ? " prepared" : " not prepared") + ">";
    }
}
