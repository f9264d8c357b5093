package io.asyncio4j.http;

import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TimerHandle;
import io.asyncio4j.http.internal.ResponseHead;
import io.asyncio4j.http.internal.ResponseParser;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;
import io.asyncio4j.streams.FlowControl;
import io.asyncio4j.streams.StreamReader;
import java.net.URI;
import java.nio.ByteBuffer;

/**
 * One client connection (aiohttp's {@code ResponseHandler} and {@code Connection} in one): the protocol that parses
 * responses into the current {@link Exchange}, and the pool's handle. Everything runs on the loop's thread.
 *
 * <p>The connection is acquired from its {@link TCPConnector} for one request at a time and goes back as soon as
 * the response's last byte arrived (the body stays buffered in the exchange's reader; a compressed body's last
 * compressed bytes in its {@link DecodedBody}, decoded as the reader drains), or is closed when the exchange fails
 * or is abandoned.
 *
 * <p><b>Upgrades.</b> An exchange marked {@link Exchange#upgrade} (a WebSocket handshake) that gets a 101 answer
 * ends there: the connection leaves the pool's hands for good but stays acquired (it counts toward the limits, as
 * in aiohttp) and stops reading, the bytes after the 101 head kept, until {@link #upgrade(Protocol)} hands the
 * transport to the new protocol (or {@link #dropUpgrade()} closes it); its close then frees the slot.
 *
 * <p><b>State.</b> One {@link ClientConnectionState} field says who holds the connection and what runs on it; its
 * javadoc draws the transitions and {@link #moveTo} is the only place that changes it. The pool drives the
 * connection only through methods that say what it means ({@link #acquire()}, {@link #markIdle}, {@link #discard()},
 * {@link #holdsSlot()}); no other class writes its fields.
 */
final class ClientConnection implements Protocol, ResponseParser.Listener {
    private final ConnectionKey key;
    private final TCPConnector connector;
    private final EventLoop loop;
    private final ResponseParser parser = new ResponseParser(this);
    private Transport transport;
    /** See {@link ClientConnectionState} for the transitions; changed by {@link #moveTo} only. */
    private ClientConnectionState state = ClientConnectionState.CONNECTING;
    /** It served a request before: a failure before any byte of the next response may be a stale keep-alive. */
    private boolean reused;
    /** The verdict on the current exchange: the pool may keep the connection after it (a flag that only falls). */
    private boolean reusable = true;
    /** The keep-alive timer while {@link ClientConnectionState#IDLE IDLE}, else null. */
    private TimerHandle idleTimer;

    private Exchange current;
    private Double sockRead;
    /** The URL of the current exchange's request, for the {@code sockRead} expiry's message; null if not known. */
    private URI currentUrl;
    private TimerHandle readTimer;
    private boolean interim;
    /** The bytes being parsed, while dataReceived runs. */
    private ByteBuffer feeding;
    private final FlowControl flow;
    /** The protocol that owns the connection once {@link ClientConnectionState#UPGRADED UPGRADED}, else null. */
    private Protocol upgraded;
    /**
     * While {@link ClientConnectionState#SWITCHED SWITCHED}: the events the next protocol is to see first, as they
     * came: bytes after the 101 head, the peer's EOF, the connection's loss (with its cause, maybe null).
     */
    private byte[] pending;
    private boolean pendingEof;
    private Loss pendingLoss;

    /** The socket was lost while switched; {@code cause} as connectionLost gave it (null: a clean close). */
    private record Loss(Throwable cause) {
    }

    ClientConnection(TCPConnector connector, ConnectionKey key, EventLoop loop) {
        this.connector = connector;
        this.key = key;
        this.loop = loop;
        this.flow = new FlowControl(loop);
    }

    /** The state of one request/response on this connection. */
    static final class Exchange {
        final Future<ResponseHead> head;
        final StreamReader content = new StreamReader();
        /** Response bytes received so far (head included). */
        long received;
        /** The whole body arrived (the connection has gone back to the pool or was closed). */
        boolean complete;
        /** The exchange ended, one way or another: the connection is no longer this exchange's. */
        boolean finished;
        /** A compressed body being decoded (see {@link DecodedBody}), or null. */
        DecodedBody body;
        final boolean autoDecompress;
        /**
         * The most decompressed bytes {@link ClientResponse#read()} takes before it raises {@link ClientPayloadError}
         * (0: no limit); {@link ClientSession#DEFAULT_MAX_DECOMPRESS_SIZE} unless the session or request says.
         */
        long maxDecompressSize = ClientSession.DEFAULT_MAX_DECOMPRESS_SIZE;
        /** With {@code Expect: 100-continue}: true once 100 arrived, false if a final response came first. */
        Future<Boolean> continue100;
        /** The task writing a body after the head, or null. */
        Task<Void> writer;
        /** The body writer has not written the body's end yet. */
        boolean bodyPending;
        /** A WebSocket handshake: a 101 answer switches the connection (see the class comment). */
        boolean upgrade;
        /** An upgrade exchange got its 101: it ends with the head (the connection switches). */
        boolean switching;

        Exchange(EventLoop loop, boolean autoDecompress) {
            this.head = loop.createFuture();
            this.autoDecompress = autoDecompress;
        }

        /** Sets the most decompressed bytes a read takes (0: no limit); before the response is read. */
        void maxDecompressSize(long max) {
            maxDecompressSize = max;
        }

        /** Marks a WebSocket handshake: a 101 answer switches the connection; before the response arrives. */
        void expectUpgrade() {
            upgrade = true;
        }

        /** {@code w} writes the body after the head: pending until {@code bodySent}; stopped if the exchange ends. */
        void bodyWriter(Task<Void> w) {
            writer = w;
            bodyPending = true;
        }
    }

    // ---- the state ----

    /**
     * The only place the state changes: moves to {@code next} if {@link ClientConnectionState} allows it.
     *
     * @throws IllegalStateException naming both states otherwise (a bug in the caller)
     */
    private void moveTo(ClientConnectionState next) {
        state = state.to(next);
    }

    ClientConnectionState state() {
        return state;
    }

    ConnectionKey key() {
        return key;
    }

    /** Whether it served a request before this one (it came from the pool). */
    boolean reused() {
        return reused;
    }

    // ---- the pool's side ----

    /** Whether a request or an upgraded protocol holds the connection's pool slot (see the state's javadoc). */
    boolean holdsSlot() {
        return state.holdsSlot();
    }

    /**
     * A request takes the connection: a new one at its registration, or an idle one from the pool (then
     * {@link #reused()}, and its keep-alive timer stops).
     *
     * @throws IllegalStateException if it is neither new nor idle
     */
    void acquire() {
        if (state == ClientConnectionState.IDLE) {
            reused = true;
        }
        moveTo(ClientConnectionState.ACTIVE);
        cancelIdleTimer();
    }

    /**
     * The pool keeps the released connection: idle until acquired again, or until {@code keepalive} seconds pass;
     * then the timer runs {@code expired} (the pool drops and closes it).
     *
     * @throws IllegalStateException unless it was held with no exchange under way
     */
    void markIdle(double keepalive, Runnable expired) {
        moveTo(ClientConnectionState.IDLE);
        idleTimer = loop.callLater(keepalive, () -> {
            idleTimer = null;
            expired.run();
        });
    }

    /** The pool is done with it (released without keeping, or dropped while idle): closed for good. Idempotent. */
    void discard() {
        if (state != ClientConnectionState.CLOSED) {
            moveTo(ClientConnectionState.CLOSED);
        }
        cancelIdleTimer();
        close();
    }

    private void cancelIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel();
            idleTimer = null;
        }
    }

    // ---- the request side ----

    /** Sends {@code request} and starts parsing its response; returns the exchange to await. */
    Exchange send(byte[] request, boolean headRequest, Double sockReadTimeout, boolean autoDecompress) {
        return send(request, headRequest, sockReadTimeout, autoDecompress, false);
    }

    /**
     * As {@link #send(byte[], boolean, Double, boolean)}; with {@code expect100} the exchange's
     * {@code continue100} tells the body writer whether to go on.
     */
    Exchange send(byte[] request, boolean headRequest, Double sockReadTimeout, boolean autoDecompress,
                  boolean expect100) {
        return send(request, headRequest, sockReadTimeout, autoDecompress, expect100, null);
    }

    /**
     * As {@link #send(byte[], boolean, Double, boolean, boolean)}, for a request to {@code url}, which the
     * {@code sockRead} expiry names (the connection's key if null).
     */
    Exchange send(byte[] request, boolean headRequest, Double sockReadTimeout, boolean autoDecompress,
                  boolean expect100, URI url) {
        currentUrl = url;
        Exchange ex = new Exchange(loop, autoDecompress);
        if (expect100) {
            ex.continue100 = loop.createFuture();
        }
        if (state == ClientConnectionState.CLOSED) {
            ex.finished = true;         // lost and released before the request went out: nothing to send it on
            if (ex.continue100 != null) {
                ex.continue100.setResult(false);
            }
            ex.head.setException(closedError());
            return ex;
        }
        moveTo(ClientConnectionState.EXCHANGING);
        current = ex;
        interim = false;
        sockRead = sockReadTimeout != null && sockReadTimeout > 0 ? sockReadTimeout : null;
        parser.reset(headRequest);
        if (!isOpen()) {
            fail(closedError());
            return ex;
        }
        transport.write(request);
        armReadTimer();
        return ex;
    }

    /** Writes body bytes of {@code ex}; false if the exchange is over (the writer stops). */
    boolean writeBody(Exchange ex, byte[] data) {
        if (current != ex || ex.finished || !isOpen()) {
            return false;
        }
        transport.write(data);
        return true;
    }

    /** Waits while the transport's buffer is above its high-water mark. */
    Coro<Void> drain() {
        return flow.drain();
    }

    /** The body writer wrote the body's end. */
    void bodySent(Exchange ex) {
        ex.bodyPending = false;
    }

    /**
     * The body writer failed: the exchange fails with {@code e}, a checked exception or a connection error wrapped
     * in {@link ClientOSError}; an {@link Error} (an {@link OutOfMemoryError}...) is passed on as it is, never
     * turned into a client error.
     */
    void bodyFailed(Exchange ex, Throwable e) {
        if (current == ex && !ex.finished) {
            fail(e instanceof Error || e instanceof RuntimeException && !(e instanceof io.asyncio4j.net.ConnectionError)
                    ? e : new ClientOSError("Cannot write the request body to " + key + ": "
                    + ClientConnectorError.describe(e), e));
        }
    }

    /** Cancels the body writer soon (not at once: it may be the caller, on its way out). */
    private void stopWriter(Exchange ex) {
        if (ex.writer != null && !ex.writer.done()) {
            Task<Void> w = ex.writer;
            loop.callSoon(() -> w.cancel());
        }
    }

    /** Abandons the current exchange: the connection is closed and leaves the pool (a request cancelled). */
    void abandon(Exchange ex) {
        if (current == ex && !ex.finished) {
            endExchange(ex);
            if (ex.body != null) {
                ex.body.discard();
            }
            reusable = false;
            cancelReadTimer();
            stopWriter(ex);
            close();
            connector.release(this, false);
        } else if (ex.switching) {
            dropUpgrade();          // cancelled right after the 101: no WebSocket will take the connection
        } else if (ex.body != null) {
            ex.body.discard();      // all of it arrived, but it is still being decoded: the decoder is freed
        }
    }

    /**
     * The connector is closing: a request or body under way fails with {@link ClientConnectionError}, an idle
     * connection is discarded, and the socket closes.
     */
    void shutdown() {
        fail(new ClientConnectionError("Connection closed: the session's connector was closed while a response"
                + " from " + key + " was under way"));
        if (state == ClientConnectionState.IDLE) {
            discard();
        }
        close();
    }

    /** The current exchange {@code ex} ends (complete, failed or abandoned): the connection is the request's again. */
    /** The error of a request sent on a connection that has closed (made only then: an exception is not cheap). */
    private ServerDisconnectedError closedError() {
        return new ServerDisconnectedError("Server disconnected: the connection to " + key + " closed");
    }

    private void endExchange(Exchange ex) {
        ex.finished = true;
        current = null;
        moveTo(ClientConnectionState.ACTIVE);
    }

    /** Never pooled: closed after its current response (a plain connection through a proxy, as aiohttp). */
    void forceClose() {
        reusable = false;
    }

    /** Closes the socket at once. */
    void close() {
        if (transport != null && !transport.isClosing()) {
            transport.abort();
        }
    }

    /** Whether it can carry a request: not released for good, its socket connected and not closing. */
    boolean isOpen() {
        return state != ClientConnectionState.CLOSED && transport != null && !transport.isClosing();
    }

    // ---- upgrades ----

    /** Whether a 101 switched this connection and it still waits for {@link #upgrade} or {@link #dropUpgrade}. */
    boolean switched() {
        return state == ClientConnectionState.SWITCHED;
    }

    /** Ends the 101 exchange: the connection stays acquired, stops reading and keeps what follows the head. */
    private void switchProtocols(Exchange ex) {
        moveTo(ClientConnectionState.SWITCHED);
        cancelReadTimer();
        ex.complete = true;
        ex.finished = true;
        current = null;
        if (feeding != null && feeding.hasRemaining()) {
            pending = new byte[feeding.remaining()];
            feeding.get(pending);
        }
        ex.content.feedEof();
        if (transport != null && !transport.isClosing()) {
            transport.pauseReading();       // the next protocol reads on
        }
    }

    /**
     * Hands the switched connection to {@code next} (a WebSocket): its {@code connectionMade}, then the bytes that
     * followed the 101 head, and the EOF or loss that came meanwhile; from then on every transport event goes to
     * it. The connection stays acquired until it closes. Loop thread only.
     *
     * @throws IllegalStateException if no 101 switched this connection, or it was handed over already
     */
    void upgrade(Protocol next) {
        moveTo(ClientConnectionState.UPGRADED);     // from SWITCHED only
        upgraded = next;
        next.connectionMade(transport);
        byte[] rest = pending;
        pending = null;
        if (rest != null) {
            next.dataReceived(rest);
        }
        if (pendingLoss != null) {
            Throwable cause = pendingLoss.cause();
            pendingLoss = null;
            next.connectionLost(cause);
            connector.connectionLost(this);     // the slot the switched connection held is free
            return;
        }
        if (pendingEof && !next.eofReceived()) {
            transport.close();
        }
        if (!transport.isClosing() && !transport.isReading()) {
            transport.resumeReading();
        }
    }

    /** A switched connection that is not taken over (the handshake's answer was invalid): closed, its slot freed. */
    void dropUpgrade() {
        if (switched()) {
            close();
            connector.release(this, false);
        }
    }

    // ---- the transport's side ----

    @Override
    public void connectionMade(Transport t) {
        transport = t;
    }

    @Override
    public void dataReceived(byte[] data) {
        Exchange ex = current;
        if (ex == null || ex.finished) {
            if (upgraded != null) {
                upgraded.dataReceived(data);
                return;
            }
            if (state == ClientConnectionState.SWITCHED) {
                byte[] rest = pending == null ? data : new byte[pending.length + data.length];
                if (pending != null) {
                    System.arraycopy(pending, 0, rest, 0, pending.length);
                    System.arraycopy(data, 0, rest, pending.length, data.length);
                }
                pending = rest;
                return;
            }
            // bytes while idle: the server broke the protocol; never reuse this connection
            reusable = false;
            close();
            return;
        }
        ex.received += data.length;
        armReadTimer();
        ByteBuffer buf = ByteBuffer.wrap(data);
        feeding = buf;
        try {
            while (buf.hasRemaining() && current == ex && !ex.finished) {
                if (!parser.feed(buf)) {
                    break;
                }
                if (interim) {
                    interim = false;
                    parser.reset(false);
                }
            }
        } finally {
            feeding = null;
        }
    }

    @Override
    public boolean eofReceived() {
        Exchange ex = current;
        if (ex != null && !ex.finished) {
            parser.eof();
        } else if (upgraded != null) {
            return upgraded.eofReceived();
        } else if (state == ClientConnectionState.SWITCHED) {
            pendingEof = true;      // for the next protocol to see; the transport stays open until then
            return true;
        }
        return false;
    }

    @Override
    public void pauseWriting() {
        if (upgraded != null) {
            upgraded.pauseWriting();
        } else {
            flow.pauseWriting();
        }
    }

    @Override
    public void resumeWriting() {
        if (upgraded != null) {
            upgraded.resumeWriting();
        } else {
            flow.resumeWriting();
        }
    }

    @Override
    public void connectionLost(Throwable exc) {
        if (upgraded != null) {
            upgraded.connectionLost(exc);
            connector.connectionLost(this);     // the slot the upgraded connection held is free
            return;
        }
        flow.connectionLost(exc);
        if (state == ClientConnectionState.SWITCHED) {
            cancelReadTimer();
            pendingLoss = new Loss(exc);        // for the next protocol; the slot is held until upgrade or drop
            return;
        }
        cancelReadTimer();
        Exchange ex = current;
        if (ex != null && !ex.finished) {
            if (!parser.headDone()) {
                String msg = "Server disconnected: " + key + " closed the connection before the response";
                fail(exc == null ? new ServerDisconnectedError(msg)
                        : new ClientOSError(msg + ": " + ClientConnectorError.describe(exc), exc));
            } else {
                fail(new ClientPayloadError("Response payload is not completed: " + key
                        + " closed the connection" + (exc == null ? "" : ": " + ClientConnectorError.describe(exc)),
                        exc));
            }
        } else {
            connector.connectionLost(this);
        }
    }

    // ---- the parser's events ----

    @Override
    public void onHead(ResponseHead head) {
        Exchange ex = current;
        if (head.status() >= 100 && head.status() < 200 && head.status() != 101) {
            interim = true;             // 100 Continue, 103 Early Hints: skipped, the final response follows
            if (head.status() == 100 && ex.continue100 != null && !ex.continue100.done()) {
                ex.continue100.setResult(true);
            }
            return;
        }
        if (ex.continue100 != null && !ex.continue100.done()) {
            ex.continue100.setResult(false);    // a final answer instead of 100: the body is never sent
            reusable = false;
        }
        if (!head.keepAlive() || parser.readUntilClose()) {
            reusable = false;
        }
        ContentDecoder decoder;
        String transferCodings = parser.transferCodings();
        if (transferCodings != null) {
            // RFC 9112 6.3: a transfer coding other than chunked last: the body ends at the close (reusable is false)
            // and is undone here, whatever autoDecompress says (a transfer coding is the connection's, not the
            // content's): one coding the client knows; otherwise, and for a Content-Encoding on top, as it came.
            decoder = ContentDecoder.forEncoding(transferCodings);
        } else {
            decoder = ex.autoDecompress ? ContentDecoder.forEncoding(head.headers().get("Content-Encoding")) : null;
        }
        if (decoder != null) {
            ex.body = new DecodedBody(loop, decoder, ex.content, transport, e -> decodingFailed(ex, e));
        } else {
            ex.content.setTransport(transport);
        }
        if (ex.upgrade && head.status() == 101) {
            ex.switching = true;
        }
        if (!ex.head.done()) {
            ex.head.setResult(head);
        }
    }

    @Override
    public void onBody(byte[] data) {
        Exchange ex = current;
        if (interim || ex == null) {
            return;
        }
        if (ex.body != null) {
            ex.body.feed(data);         // the parser's array: ours to give away
        } else {
            ex.content.feedData(data);
        }
    }

    /** Decoding {@code ex}'s body failed: the exchange fails if it is still on, else its reader gets the error. */
    private void decodingFailed(Exchange ex, ClientPayloadError e) {
        if (current == ex && !ex.finished) {
            fail(e);
        } else {
            ex.content.setException(e);
        }
    }

    @Override
    public void onComplete() {
        Exchange ex = current;
        if (interim || ex == null) {
            return;
        }
        if (ex.switching) {
            switchProtocols(ex);
            return;
        }
        if (ex.body != null) {
            ex.body.end();              // decodes what the reader has room for; the rest follows as it drains
            if (current != ex) {
                return;                 // the end of the compressed stream was wrong
            }
        }
        if (feeding != null && feeding.hasRemaining()) {
            reusable = false;       // bytes after the response: no pipelining, the connection is not reusable
        }
        if (ex.bodyPending) {
            reusable = false;       // answered before the whole body was sent: the rest would be taken as a request
            stopWriter(ex);
        }
        cancelReadTimer();
        ex.complete = true;
        endExchange(ex);
        if (ex.body == null) {
            ex.content.feedEof();
        } else {
            ex.body.detach();           // its EOF comes once it is decoded
        }
        if (transport != null && !transport.isReading() && !transport.isClosing()) {
            transport.resumeReading();      // the reader may have paused it; the pool watches for the close
        }
        boolean keep = reusable && isOpen();
        if (!keep) {
            close();
        }
        connector.release(this, keep);
    }

    @Override
    public void onError(String reason, boolean early) {
        Exchange ex = current;
        if (ex == null) {
            return;
        }
        if (!ex.head.done()) {
            fail(early ? new ServerDisconnectedError("Server disconnected: " + key
                    + " closed the connection in the middle of the response's head")
                    : new ClientResponseError(null, null, 400, reason + " (from " + key + ")", null));
        } else {
            fail(new ClientPayloadError("Response payload is not completed: " + reason + " (from " + key + ")"));
        }
    }

    /** Ends the current exchange with {@code e}: the head's waiter or the body's reader gets it; the socket closes. */
    private void fail(Throwable e) {
        Exchange ex = current;
        if (ex == null || ex.finished) {
            return;
        }
        endExchange(ex);
        cancelReadTimer();
        stopWriter(ex);
        if (ex.continue100 != null && !ex.continue100.done()) {
            ex.continue100.setResult(false);
        }
        if (ex.body != null) {
            ex.body.discard();
        }
        if (!parser.headDone() || !ex.head.done()) {
            if (!ex.head.done()) {
                ex.head.setException(e);
            }
        } else {
            ex.content.setException(e);
        }
        reusable = false;
        close();
        connector.release(this, false);
    }

    // ---- sockRead ----

    private void armReadTimer() {
        cancelReadTimer();
        if (sockRead != null) {
            readTimer = loop.callLater(sockRead, this::readTimeout);
        }
    }

    private void cancelReadTimer() {
        if (readTimer != null) {
            readTimer.cancel();
            readTimer = null;
        }
    }

    private void readTimeout() {
        readTimer = null;
        if (current == null) {
            return;
        }
        if (transport != null && !transport.isReading() && !transport.isClosing()) {
            armReadTimer();             // paused by flow control: the reader is behind, not the server
            return;
        }
        // aiohttp's message, with what was being read and the limit
        fail(new ServerTimeoutError("Timeout on reading data from socket of " + (currentUrl != null ? currentUrl : key)
                + " (" + ClientTimeout.limit("sock_read", sockRead) + ")"));
    }

    @Override
    public String toString() {
        boolean closing = transport != null && transport.isClosing();
        return "<ClientConnection " + key + " " + state + (closing ? " closing" : "") + ">";
    }
}
