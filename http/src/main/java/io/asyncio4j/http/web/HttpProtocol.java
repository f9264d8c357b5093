package io.asyncio4j.http.web;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.TimerHandle;
import io.asyncio4j.http.internal.BodyWriter;
import io.asyncio4j.http.internal.HeadWriter;
import io.asyncio4j.http.internal.HttpDates;
import io.asyncio4j.http.internal.HttpParseException;
import io.asyncio4j.http.internal.RequestHead;
import io.asyncio4j.http.internal.RequestParser;
import io.asyncio4j.http.ws.WSCloseCode;
import io.asyncio4j.http.ws.WebSocketProtocol;
import io.asyncio4j.net.ConnectionResetError;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;
import io.asyncio4j.streams.FlowControl;
import io.asyncio4j.streams.StreamReader;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One HTTP/1.1 server connection (aiohttp's {@code RequestHandler}), on the loop's thread. Bytes go through the
 * {@link RequestParser}; a complete head starts the request's handler as a task, while its body goes on arriving
 * into {@link Request#content()}. Requests are handled one at a time: bytes of a pipelined next request wait in
 * {@link #pending} (reading pauses beyond {@value #PENDING_LIMIT} bytes) until the current response is written, so
 * responses go out in request order.
 *
 * <p><b>State.</b> One {@link HttpProtocolState} field says where the connection is (the first request, a head, a
 * body, the handler, a body being skipped, keep-alive, the lingering close, upgraded, closed); its javadoc draws the
 * transitions and {@link #moveTo} is the only place that changes it. The state also says what the connection's one
 * timer waits for, which guards against clients that stop sending.
 *
 * <p><b>Logging.</b> A handler that fails is logged at ERROR with its stack trace, unless the failure only says
 * that the client went away (the connection is closed or closing and the exception is a connection error, an
 * {@code IOException} or a cancellation): that is no server error and gets one DEBUG line without a trace. The
 * access log ({@link ServerOptions#accessLog()}, off by default) is asked at each head whether it will log, and
 * called once per answered request after its last byte ({@link #logAccess}); off, it costs one null check.
 */
final class HttpProtocol implements Protocol, RequestParser.Listener {
    /**
     * The server's logger, made on first use: {@code System.getLogger} starts the JDK's logging, which a server that
     * logs nothing must not pay on its first connection.
     */
    static final class Log {
        static final System.Logger LOG = System.getLogger("io.asyncio4j.http.web");

        private Log() {
        }
    }
    private static final int PENDING_LIMIT = 64 * 1024;
    private static final double LINGER_SECONDS = 2.0;
    private static final byte[] CONTINUE = HeadWriter.response(100, "Continue").toBytes();

    private final Site site;
    private final EventLoop loop;
    private final RequestParser parser;
    private Transport transport;
    private InetSocketAddress peer;
    private ByteBuffer pending = ByteBuffer.allocate(0);
    /** Read flow control: paused because {@link #pending} is over {@value #PENDING_LIMIT} bytes. */
    private boolean readPaused;
    /** See {@link HttpProtocolState} for the transitions; changed by {@link #moveTo} only. */
    private HttpProtocolState state = HttpProtocolState.FIRST_REQUEST;
    /** The client has half-closed (a fact about the peer, in any state): answer what it sent, then close. */
    private boolean peerEof;

    /** The request being handled (its head arrived, its response is not written yet), or null. */
    private Request current;
    private StreamReader content;
    /** The current request allows keep-alive (its version and Connection header). */
    private boolean keepAlive;
    /** Bytes of the current request's body dropped while {@link HttpProtocolState#DISCARDING DISCARDING}. */
    private long discarded;
    /** The verdict to close once the current response is written (a malformed or timed-out body, a shutdown). */
    private boolean closeAfter;

    /** The timer of a state that has one (see {@link HttpProtocolState}), or null. */
    private TimerHandle timer;
    /** {@code loop.time()} of the last bytes received: a body's deadline runs from it. */
    private double lastRead;
    private final FlowControl flow;
    /** Once {@link HttpProtocolState#UPGRADED UPGRADED}, the protocol that owns the connection: events go to it. */
    private Protocol upgraded;
    /** The 1001 close of an open WebSocket that {@link #shutdown()} started, or null. */
    private io.asyncio4j.Task<Void> goingAway;
    /** The task handling the current request, or one that has finished. */
    private io.asyncio4j.Task<Void> handlerTask;
    /** The access log of the current request if it is to be logged (asked once, at its head), else null. */
    private AbstractAccessLogger accessLog;
    /** {@code System.nanoTime()} at the current request's head; read only when {@link #accessLog} is set. */
    private long accessStart;
    /** Bytes written for the current response, head included ({@link Response#bodyLength()}). */
    private long sent;
    /**
     * The JFR event of the current request ({@link ServerRequestEvent}), or null: a field, not a local the handling
     * lambda captures, whose type would load the event class with the lambda (docs/jfr.md).
     */
    private ServerRequestEvent served;

    HttpProtocol(Site site, EventLoop loop) {
        this.site = site;
        this.loop = loop;
        this.parser = new RequestParser(this, site.options().limits());
        this.flow = new FlowControl(loop);
    }

    /**
     * The only place the state changes: moves to {@code next} if {@link HttpProtocolState} allows it. The timer is
     * the caller's to arm or cancel.
     *
     * @throws IllegalStateException naming both states otherwise (a bug in the caller)
     */
    private void moveTo(HttpProtocolState next) {
        state = state.to(next);
    }

    HttpProtocolState state() {
        return state;
    }

    // ---- transport events ----

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        peer = t.getExtraInfo("peername") instanceof InetSocketAddress a ? a : null;
        site.connectionMade(this);
        arm(site.options().headerTimeout());       // FIRST_REQUEST's
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == HttpProtocolState.UPGRADED) {
            upgraded.dataReceived(data);
            return;
        }
        if (state == HttpProtocolState.CLOSED || state == HttpProtocolState.LINGERING || transport.isClosing()) {
            return;
        }
        lastRead = loop.time();
        if (!pending.hasRemaining()) {
            pending = ByteBuffer.wrap(data);
        } else {
            ByteBuffer b = ByteBuffer.allocate(pending.remaining() + data.length);
            b.put(pending).put(data).flip();
            pending = b;
        }
        process();
    }

    @Override
    public boolean eofReceived() {
        if (state == HttpProtocolState.UPGRADED) {
            return upgraded.eofReceived();
        }
        if (state == HttpProtocolState.LINGERING) {
            return false; // the client has read our answer and closed: close
        }
        peerEof = true; // before the error answers below, so that they close at once (lingerClose)
        if (current == null && !parser.isFailed()) {
            parser.eof(); // an error answer if a head was cut short
        } else if (current != null && !parser.isComplete() && !parser.isFailed()) {
            parser.eof(); // the body was cut short: the handler's reads fail
        }
        // Keep the half-open connection while responses are owed (the current one and any pipelined after it);
        // it closes once idle.
        if (current == null && state != HttpProtocolState.LINGERING && !transport.isClosing()) {
            transport.close();
        }
        return true;
    }

    @Override
    public void connectionLost(Throwable exc) {
        boolean wasUpgraded = state == HttpProtocolState.UPGRADED;
        moveTo(HttpProtocolState.CLOSED);
        cancelTimer();
        site.connectionLost(this);
        if (content != null && !parser.isComplete()) {
            content.setException(new ConnectionResetError("Connection lost", exc instanceof java.io.IOException io
                    ? io : null));
        }
        flow.connectionLost(null);
        if (wasUpgraded) {
            upgraded.connectionLost(exc);
        }
    }

    @Override
    public void pauseWriting() {
        if (state == HttpProtocolState.UPGRADED) {
            upgraded.pauseWriting();
        }
        flow.pauseWriting();
    }

    @Override
    public void resumeWriting() {
        if (state == HttpProtocolState.UPGRADED) {
            upgraded.resumeWriting();
        }
        flow.resumeWriting();
    }

    // ---- parsing ----

    /** Parses what is pending, as far as the current request allows. */
    private void process() {
        while (pending.hasRemaining() && !parser.isFailed() && !transport.isClosing()) {
            if (parser.isComplete()) {
                if (current != null || state == HttpProtocolState.DISCARDING) {
                    break; // a pipelined request: it waits for the current response (or the end of the skip)
                }
                parser.reset();
            }
            int before = pending.remaining();
            parser.feed(pending);
            if (pending.remaining() == before) {
                break;
            }
        }
        if (parser.inHead() && (state == HttpProtocolState.FIRST_REQUEST || state == HttpProtocolState.KEEPALIVE)) {
            moveTo(HttpProtocolState.HEAD);
            arm(site.options().headerTimeout());
        }
        boolean full = pending.remaining() > PENDING_LIMIT;
        if (full && !readPaused) {
            readPaused = true;
            transport.pauseReading();
        } else if (!full && readPaused) {
            readPaused = false;
            transport.resumeReading();
        }
    }

    @Override
    public void onHead(RequestHead head) {
        cancelTimer();
        keepAlive = head.keepAlive() && !site.closing();
        discarded = 0;
        content = new StreamReader();
        content.setTransport(transport);
        if (!head.hasBody()) {
            content.feedEof();
        }
        Request request = new Request(site.app(), head, content, peer, this);
        current = request;
        startAccessLog();
        if (head.hasBody()) {
            moveTo(HttpProtocolState.BODY);
            arm(site.options().bodyTimeout()); // onComplete ends it
        } else {
            moveTo(HttpProtocolState.HANDLING);
        }
        // Expect: 100-continue is answered by the handler's task once the route is resolved (Application.handle),
        // as aiohttp's default expect_handler does: no limit applies here, since a handler that streams content()
        // takes a body of any size; read() and its kind check clientMaxSize as they read.
        startTask(request);
    }

    /**
     * Sends {@code 100 Continue}: the client sent {@code Expect: 100-continue} and the body is now wanted. Once per
     * request ({@link Request#continueIfExpected}); nothing if the connection is closing.
     */
    void writeContinue() {
        if (state != HttpProtocolState.CLOSED && !transport.isClosing()) {
            transport.write(CONTINUE);
        }
    }

    @Override
    public void onBody(byte[] data) {
        if (state == HttpProtocolState.DISCARDING) {
            discarded += data.length;
            if (discarded > site.app().clientMaxSize()) {
                lingerClose(); // too much to skip: give up on the connection
            }
            return;
        }
        content.feedData(data);
    }

    @Override
    public void onComplete() {
        cancelTimer(); // the body's timer
        if (state == HttpProtocolState.DISCARDING) {
            loop.callSoon(this::afterResponse);     // not now: the parser is in the middle of feed()
            return;
        }
        if (state == HttpProtocolState.BODY) {
            moveTo(HttpProtocolState.HANDLING);
        }
        content.feedEof();
    }

    @Override
    public void onError(HttpParseException e) {
        Log.LOG.log(Level.DEBUG, () -> "rejected a request from " + peer + ": " + e.status() + " " + e.reason());
        if (state == HttpProtocolState.DISCARDING) {
            lingerClose(); // the skipped body was malformed; its response is out
            return;
        }
        if (current != null) {
            // The body is malformed: the handler's reads fail; the connection closes after its answer.
            cancelTimer();
            if (state == HttpProtocolState.BODY) {
                moveTo(HttpProtocolState.HANDLING);
            }
            closeAfter = true;
            content.setException(new HTTPBadRequest(e.reason()));
            return;
        }
        cancelTimer();
        writeErrorAndClose(e.status(), e.reason());
    }

    private void writeErrorAndClose(int status, String reason) {
        Response r = Response.text(status + ": " + reason).status(status);
        byte[] bytes = encode(r, false, true, false);
        transport.write(bytes);
        logServerAnswer(r, bytes.length);
        lingerClose();
    }

    /**
     * Closes after a final answer without losing it: closing a socket with unread input makes the kernel send a
     * reset, which can destroy the answer before the client reads it. So this side half-closes (the answer, then
     * FIN), drops what the client still sends, and closes on the client's EOF or after {@value #LINGER_SECONDS} s.
     * If the client's EOF has already come, nothing is left unread: it closes at once (the answer still goes out).
     */
    private void lingerClose() {
        if (state == HttpProtocolState.LINGERING || transport.isClosing()) {
            return;
        }
        cancelTimer();
        pending = ByteBuffer.allocate(0);
        if (peerEof || !transport.canWriteEof()) {
            transport.close();
            return;
        }
        moveTo(HttpProtocolState.LINGERING);
        transport.writeEof();
        if (!transport.isReading()) {
            transport.resumeReading();
        }
        arm(LINGER_SECONDS);
    }

    // ---- handling ----

    private void startTask(Request request) {
        // JFR: null unless a recording wants it; the event class is not loaded before JFR starts (docs/jfr.md)
        served = jdk.jfr.FlightRecorder.isInitialized() ? ServerRequestEvent.begin(request) : null;
        Coro<Void> handling = () -> {
            Response resp = null;
            try {
                resp = respond(request);
                if (state == HttpProtocolState.CLOSED) {
                    logAccess(request, resp); // the client left first: as aiohttp, its answer, of 0 bytes
                    return null;
                }
                StreamResponse started = request.startedResponse();
                if (started != null && resp != started && !started.eofSent()) {
                    // The handler prepared a streamed response, then failed or answered with another one: the
                    // head is out, no other answer can follow.
                    transport.close();
                    logAccess(request, started);
                    return null;
                }
                if (resp instanceof StreamResponse s && !s.prepared()) {
                    try {
                        s.prepare(request).await();
                    } catch (CancelledError | ConnectionResetError e) {
                        throw e;
                    } catch (Throwable e) {
                        if (s.prepared()) {
                            throw e;
                        }
                        resp = errorResponse(request, e); // failed before its head went out
                    }
                }
                if (resp instanceof StreamResponse s) {
                    s.writeEof().await();
                }
            } catch (CancelledError e) {
                // Cancelled from outside (the loop is shutting down): no answer will come, so do not leave the
                // client waiting on an open connection.
                transport.close();
                throw e;
            } catch (ConnectionResetError gone) {
                if (resp != null) {
                    logAccess(request, resp); // as aiohttp: the answer as far as it went
                }
                return null; // the client went away; nothing more to do
            } catch (Throwable e) {
                logFailure("Error writing the response to ", request, e);
                transport.close();
                return null;
            }
            if (state == HttpProtocolState.UPGRADED) {
                // The handler of an upgraded connection returned: it is over. As aiohttp's WebSocketResponse.write_eof,
                // a WebSocket still open is closed first (1000), or its close under way (the shutdown's 1001) is
                // let finish, so that the peer gets a close frame, not a dropped connection (1006).
                try {
                    if (goingAway != null) {
                        goingAway.await();
                    } else if (upgraded instanceof WebSocketProtocol ws && !ws.closed()) {
                        ws.close(WSCloseCode.OK, "").await();
                    }
                } finally {
                    transport.close();
                    logAccess(request, resp);
                }
                return null;
            }
            boolean close;
            if (resp instanceof StreamResponse s) {
                close = s.closesConnection();
            } else {
                close = mustClose() || resp.status() == 413;
            }
            if (!close && !parser.isComplete() && !parser.isFailed()) {
                // The handler did not read the whole body: skip the rest, up to clientMaxSize, to keep the
                // connection; a chunked body of unknown length may still end it (onBody).
                long left = request.contentLength() < 0 ? 0 : request.contentLength();
                close = left > site.app().clientMaxSize();
            }
            if (!(resp instanceof StreamResponse)) {
                resp.finish(request);
                try {
                    request.prepareHook(resp);
                } catch (CancelledError | ConnectionResetError e) {
                    throw e;
                } catch (Throwable e) {
                    resp = errorResponse(request, e); // sent as it is: its hooks are the ones that failed
                    resp.finish(request);
                }
                if (state == HttpProtocolState.CLOSED) {
                    return null;
                }
                byte[] bytes;
                try {
                    bytes = encode(resp, request.method().equals("HEAD"), close,
                            request.version().equals("HTTP/1.0"));
                } catch (IllegalArgumentException e) {
                    // the head writer's injection guard refused a field (or the reason): a 500 goes out instead
                    logFailure("Refused response head for ", request, e);
                    bytes = encode(new HTTPInternalServerError().toResponse(), request.method().equals("HEAD"),
                            close, request.version().equals("HTTP/1.0"));
                }
                if (served != null) {
                    served.answered(resp.status()); // this request's: the next one starts after afterResponse()
                }
                transport.write(bytes);
                sent = bytes.length;
                try {
                    flow.drain().await();
                } catch (ConnectionResetError gone) {
                    logAccess(request, resp);
                    return null; // the client went away; nothing more to do
                }
            }
            logAccess(request, resp);
            if (close) {
                current = null;
                lingerClose();
                return null;
            }
            current = null;
            if (!parser.isComplete()) {
                boolean bodyTimer = state == HttpProtocolState.BODY;
                moveTo(HttpProtocolState.DISCARDING);
                if (!bodyTimer) {
                    arm(site.options().bodyTimeout()); // a client that stops sending is closed
                }
                if (readPaused || !transport.isReading()) {
                    readPaused = false;
                    transport.resumeReading();
                }
                return null; // onComplete finishes the skip, then afterResponse
            }
            afterResponse();
            return null;
        };
        handlerTask = loop.createTask(served == null ? handling : served.around(request, handling),
                "http " + request.method() + " " + request.rawPath());
    }

    /** Whether the connection is to close after the current response. */
    private boolean mustClose() {
        return !keepAlive || closeAfter || site.closing();
    }

    // ---- streamed responses ----

    /**
     * Runs the prepare hooks of {@code r}, then writes its head (StreamResponse.prepare) and decides its framing. The
     * hooks see the compression chosen ({@code Content-Encoding}); they may suspend, so the connection is checked
     * again after them.
     */
    void startStream(StreamResponse r, Request request) throws Exception {
        if (state == HttpProtocolState.CLOSED || transport.isClosing()) {
            throw new ConnectionResetError("Cannot write to closing transport", null);
        }
        ContentCoding coding = r.startCompression(request);
        request.prepareHook(r);
        if (state == HttpProtocolState.CLOSED || transport.isClosing()) {
            throw new ConnectionResetError("Cannot write to closing transport", null);
        }
        int status = r.status();
        boolean http10 = request.version().equals("HTTP/1.0");
        boolean bodiless = status < 200 || status == 204 || status == 304;
        boolean headOnly = bodiless || request.method().equals("HEAD");
        long length = coding != null ? -1 : r.contentLength();
        boolean close = mustClose();
        boolean chunked = false;
        if (length < 0 && !bodiless) {
            if (http10) {
                close = true; // delimited by closing
            } else {
                chunked = true;
            }
        }
        BodyWriter.Framing framing = headOnly ? BodyWriter.Framing.NONE : chunked ? BodyWriter.Framing.CHUNKED
                : length >= 0 ? BodyWriter.Framing.LENGTH : BodyWriter.Framing.CLOSE;
        // the head first: a field the injection guard refuses fails prepare before anything is sent
        byte[] head = head(r, bodiless ? -1 : length, chunked, close, http10, bodiless, "application/octet-stream");
        request.responseStarted(r);
        r.framed(new BodyWriter(framing, length, coding == null ? null : coding.compressor()), headOnly, close);
        transport.write(head);
        sent = head.length;
    }

    /** Writes a piece of {@code r}'s body, compressed and framed; {@code eof}: the end. */
    void writeStream(StreamResponse r, byte[] data, boolean eof) {
        if (state == HttpProtocolState.CLOSED || transport.isClosing()) {
            throw new ConnectionResetError("Cannot write to closing transport", null);
        }
        BodyWriter body = r.bodyWriter();
        byte[] out = body.write(data);
        if (eof) {
            byte[] tail = body.finish();
            if (body.shortOfLength()) {
                r.closeConnectionAfter(); // the client waits for bytes that will not come
            }
            if (out.length == 0) {
                out = tail;
            } else if (tail.length > 0) {
                byte[] both = java.util.Arrays.copyOf(out, out.length + tail.length);
                System.arraycopy(tail, 0, both, out.length, tail.length);
                out = both;
            }
        }
        if (out.length > 0) {
            transport.write(out);
            sent += out.length;
        }
    }

    /** Counts {@code n} bytes of the current response's body sent past {@link #writeStream} (by sendfile). */
    void sentDirectly(long n) {
        sent += n;
    }

    /** The connection's transport, for a body sent by {@code Net.sendfile}; null before the connection. */
    Transport transport() {
        return transport;
    }

    /** Waits until the written bytes have drained below the transport's limit. */
    Coro<Void> drain() {
        return flow.drain();
    }

    /** An exception from a handler or a response as the answer: its own for an HTTPException, else a 500. */
    private Response errorResponse(Request request, Throwable e) {
        if (e instanceof HTTPException h) {
            return h.toResponse();
        }
        logFailure("Error handling request ", request, e);
        return new HTTPInternalServerError().toResponse();
    }

    /**
     * Logs {@code e}, which ended the handling of {@code request}: at ERROR with its stack trace, unless it only
     * says that the client went away ({@link #clientGone}), which is no server error: then one DEBUG line, as
     * aiohttp's "Ignored premature client disconnection".
     */
    private void logFailure(String what, Request request, Throwable e) {
        if (clientGone(e)) {
            Log.LOG.log(Level.DEBUG, () -> "client " + request.remote() + " went away during " + request.method() + " "
                    + request.rawPath() + ": " + e);
            return;
        }
        Log.LOG.log(Level.ERROR, what + request.method() + " " + request.rawPath() + " from " + request.remote(), e);
    }

    /**
     * Whether {@code e} means only that the connection is gone: it is closed or closing (the client reset or left
     * it, or the server closed it: a body timeout, a shutdown) and {@code e}, or one of its causes, is a
     * {@link io.asyncio4j.net.ConnectionError} (reset, broken pipe, lost), another {@link java.io.IOException} or
     * a {@link CancelledError}. The same exception on an open connection (a handler's own outgoing connection
     * failing, say) is a real error.
     */
    private boolean clientGone(Throwable e) {
        if (state != HttpProtocolState.CLOSED && !transport.isClosing()) {
            return false;
        }
        int depth = 0;
        for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof io.asyncio4j.net.ConnectionError || t instanceof java.io.IOException
                    || t instanceof CancelledError) {
                return true;
            }
        }
        return false;
    }

    /** Runs the application, turning exceptions into responses. */
    private Response respond(Request request) {
        try {
            Response r = site.app().handle(request);
            if (r == null) {
                throw new IllegalStateException("the handler of " + request.method() + " " + request.path()
                        + " returned null instead of a Response");
            }
            return r;
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable e) {
            return errorResponse(request, e);
        }
    }

    /** The current response is written and its request's body consumed: on to the next request. */
    private void afterResponse() {
        if (state == HttpProtocolState.CLOSED || transport.isClosing()) {
            return;
        }
        if (closeAfter || site.closing()) {
            lingerClose();
            return;
        }
        content = null;
        parser.reset();
        moveTo(HttpProtocolState.KEEPALIVE);
        arm(site.options().keepaliveTimeout());
        process();
        if (peerEof && current == null && !transport.isClosing()) {
            transport.close(); // nothing more can come
        }
    }

    /**
     * Hands the connection over to {@code next} (a WebSocket) after writing {@code head}, a 101 answer to the
     * current request: from now on transport events go to {@code next}, starting with bytes that arrived after the
     * request; when the handler returns, the connection closes.
     */
    void upgrade(byte[] head, Protocol next) {
        cancelTimer();
        moveTo(HttpProtocolState.UPGRADED);
        upgraded = next;
        transport.write(head);
        sent = head.length;
        next.connectionMade(transport);
        if (pending.hasRemaining()) {
            byte[] rest = new byte[pending.remaining()];
            pending.get(rest);
            next.dataReceived(rest);
        }
        if (readPaused) {
            readPaused = false;
            transport.resumeReading();
        }
    }

    /** Whether the connection is between requests (nothing of a next request has arrived). */
    boolean idle() {
        return current == null && !parser.inHead() && !parser.inBody();
    }

    /**
     * Closes the connection now if idle, else after the current response (Site.close). An open WebSocket is closed
     * with 1001 ({@link WSCloseCode#GOING_AWAY}, "Server shutdown", the close aiohttp's documentation has an
     * application send from its shutdown hook), not dropped (the peer would see 1006): its handler's
     * {@code receive()} returns {@code CLOSING}, then {@code CLOSED} once the peer has answered, and the handler
     * returns as usual.
     */
    void shutdown() {
        closeAfter = true;
        if (state == HttpProtocolState.UPGRADED && upgraded instanceof WebSocketProtocol ws && !ws.closed()) {
            goingAway = loop.createTask(() -> {
                try {
                    ws.close(WSCloseCode.GOING_AWAY, "Server shutdown").await();
                } catch (CancelledError e) {
                    throw e;
                } catch (RuntimeException e) {
                    // the peer went away first: the connection is over either way
                    Log.LOG.log(Level.DEBUG, () -> "closing a WebSocket of " + peer + " at shutdown: " + e);
                }
                return null;
            }, "asyncio4j websocket going away");
            return;
        }
        if ((idle() || state == HttpProtocolState.UPGRADED) && !transport.isClosing()) {
            transport.close();
        }
    }

    /** The task handling the current request, if it has not finished (Site's graceful shutdown waits for it). */
    io.asyncio4j.Task<Void> busyTask() {
        return handlerTask != null && !handlerTask.done() ? handlerTask : null;
    }

    /** Ends the connection now: cancels its handler if still running, and closes (the shutdown timeout passed). */
    void abort() {
        io.asyncio4j.Task<Void> t = busyTask();
        if (t != null) {
            t.cancel();
        }
        if (!transport.isClosing()) {
            transport.close();
        }
    }

    // ---- access log ----

    /**
     * At a request's head: whether it is to be logged, asked once; only then is the clock read. With no access log,
     * one null check.
     */
    private void startAccessLog() {
        sent = 0;
        AbstractAccessLogger log = site.options().accessLog();
        if (log != null && log.enabled()) {
            accessLog = log;
            accessStart = System.nanoTime();
        } else {
            accessLog = null;
        }
    }

    /** The current request's response is complete (or the client left while it was written): log it, once. */
    private void logAccess(Request request, Response response) {
        AbstractAccessLogger log = accessLog;
        if (log == null) {
            return;
        }
        accessLog = null;
        response.bodyLength(sent);
        callLogger(log, request, response, (System.nanoTime() - accessStart) / 1e9);
    }

    /**
     * Logs an answer the server made before any request head was read (a malformed or late head), with a placeholder
     * request (see {@link AbstractAccessLogger}) and a time of 0.
     */
    private void logServerAnswer(Response response, long bytes) {
        AbstractAccessLogger log = site.options().accessLog();
        if (log == null || !log.enabled()) {
            return;
        }
        response.bodyLength(bytes);
        Request placeholder = new Request(site.app(), new RequestHead("", "", "", new io.asyncio4j.http.Headers(),
                -1, false, false, false), null, peer, this);
        callLogger(log, placeholder, response, 0);
    }

    private static void callLogger(AbstractAccessLogger log, Request request, Response response, double time) {
        try {
            log.log(request, response, time);
        } catch (RuntimeException e) {
            Log.LOG.log(Level.ERROR, "the access logger failed on " + request.method() + " " + request.rawPath(), e);
        }
    }

    // ---- timers ----

    /** Starts the current state's timer, which passes {@code delay} seconds from now (loop time). */
    private void arm(double delay) {
        cancelTimer();
        timer = loop.callLater(delay, this::timedOut);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** The timer passed: what the client did not do in time, per the {@link #state}. */
    private void timedOut() {
        timer = null;
        if (state == HttpProtocolState.CLOSED || transport.isClosing()) {
            return;
        }
        switch (state) {
            case HEAD -> {
                Log.LOG.log(Level.DEBUG, () -> "closing " + peer + ": request head not complete in time");
                writeErrorAndClose(408, "Request Timeout");
            }
            case BODY, DISCARDING -> bodyTimedOut();
            case FIRST_REQUEST, KEEPALIVE, LINGERING -> transport.close();
            case HANDLING, UPGRADED, CLOSED -> throw new AssertionError("a timer in state " + state);
        }
    }

    /**
     * The body's timer passed. Moves the deadline on if bytes came since it was set, or if the server itself has
     * paused reading (its buffers are full: the silence is not the client's); else the body's reads fail with
     * {@link HTTPRequestTimeout} (the handler answers 408 unless it catches it), and the connection closes after
     * the answer, or now if the response has started or was already written.
     */
    private void bodyTimedOut() {
        double timeout = site.options().bodyTimeout();
        double now = loop.time();
        if (!transport.isReading()) {
            lastRead = now;
        }
        double deadline = lastRead + timeout;
        if (now < deadline) {
            timer = loop.callAt(deadline, this::timedOut);
            return;
        }
        Log.LOG.log(Level.DEBUG, () -> "request body from " + peer + ": no bytes for " + timeout + " s");
        if (current != null) {
            moveTo(HttpProtocolState.HANDLING);
            closeAfter = true;
            content.setException(new HTTPRequestTimeout("408: Request Timeout (no bytes of the request body for "
                    + timeout + " s)"));
        }
        if (current == null || current.startedResponse() != null) {
            transport.close(); // a skipped body, or a response under way: no answer can follow
        }
    }

    // ---- encoding ----

    /** The response's bytes: status line, headers, and (unless {@code head} or bodiless status) the body. */
    static byte[] encode(Response r, boolean head, boolean close, boolean http10) {
        int status = r.status();
        boolean bodiless = status < 200 || status == 204 || status == 304;
        byte[] body = bodiless ? new byte[0] : r.body();
        byte[] h = head(r, bodiless ? -1 : body.length, false, close, http10, bodiless, null);
        if (head || body.length == 0) {
            return h;
        }
        byte[] out = new byte[h.length + body.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    /**
     * The status line and headers of {@code r}: its own headers but framing ones, its cookies, then
     * {@code Content-Type} (or {@code defaultType} if none), {@code Content-Length} ({@code length} >= 0) or
     * {@code Transfer-Encoding: chunked}, {@code Date}, {@code Server} and {@code Connection} as needed.
     */
    static byte[] head(Response r, long length, boolean chunked, boolean close, boolean http10, boolean bodiless,
                       String defaultType) {
        HeadWriter w = HeadWriter.response(r.status(), r.reason());
        boolean hasDate = false;
        boolean hasServer = false;
        boolean hasType = false;
        for (var e : r.headers()) {
            String n = e.getKey();
            if (n.equalsIgnoreCase("Content-Length") || n.equalsIgnoreCase("Transfer-Encoding")
                    || n.equalsIgnoreCase("Connection")) {
                continue;
            }
            hasDate |= n.equalsIgnoreCase("Date");
            hasServer |= n.equalsIgnoreCase("Server");
            hasType |= n.equalsIgnoreCase("Content-Type");
            w.field(n, e.getValue());
        }
        for (String c : r.cookies().values()) {
            w.field("Set-Cookie", c);
        }
        if (!hasType && !bodiless) {
            String ct = r.contentTypeHeader();
            if (ct == null) {
                ct = defaultType;
            }
            if (ct != null) {
                w.field("Content-Type", ct);
            }
        }
        if (chunked) {
            w.field("Transfer-Encoding", "chunked");
        } else if (length >= 0) {
            w.field("Content-Length", length);
        }
        if (!hasDate) {
            w.field("Date", HttpDates.now());
        }
        if (!hasServer) {
            w.field("Server", "asyncio4j");
        }
        if (close) {
            w.field("Connection", "close");
        } else if (http10) {
            w.field("Connection", "keep-alive");
        }
        return w.toBytes();
    }
}
