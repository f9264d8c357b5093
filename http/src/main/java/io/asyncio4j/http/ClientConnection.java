package io.asyncio4j.http;

import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TimerHandle;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;
import io.asyncio4j.streams.FlowControl;
import io.asyncio4j.streams.StreamReader;
import java.nio.ByteBuffer;

/**
 * One client connection (aiohttp's {@code ResponseHandler} and {@code Connection} in one): the protocol that parses
 * responses into the current {@link Exchange}, and the pool's handle. Everything runs on the loop's thread.
 *
 * <p>The connection is acquired from its {@link TCPConnector} for one request at a time and goes back as soon as
 * the response's last byte arrived (the body stays buffered in the exchange's reader), or is closed when the
 * exchange fails or is abandoned.
 */
final class ClientConnection implements Protocol, ResponseParser.Listener {
    final ConnectionKey key;
    private final TCPConnector connector;
    private final EventLoop loop;
    private final ResponseParser parser = new ResponseParser(this);
    Transport transport;
    /** The connection was lost (connectionLost ran) or closed by us. */
    boolean lost;
    /** It served a request before: a failure before any byte of the next response may be a stale keep-alive. */
    boolean reused;
    /** The pool may keep it after the current response. */
    private boolean reusable = true;
    /** Held by a request (not idle in the pool). */
    boolean acquired;
    /** The keep-alive timer while idle, and when idling started. */
    TimerHandle idleTimer;

    private Exchange current;
    private Double sockRead;
    private TimerHandle readTimer;
    private boolean interim;
    /** The bytes being parsed, while dataReceived runs. */
    private ByteBuffer feeding;
    private final FlowControl flow;

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
        ContentDecoder decoder;
        final boolean autoDecompress;
        /** With {@code Expect: 100-continue}: true once 100 arrived, false if a final response came first. */
        Future<Boolean> continue100;
        /** The task writing a body after the head, or null. */
        Task<Void> writer;
        /** The body writer has not written the body's end yet. */
        boolean bodyPending;

        Exchange(EventLoop loop, boolean autoDecompress) {
            this.head = loop.createFuture();
            this.autoDecompress = autoDecompress;
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
        Exchange ex = new Exchange(loop, autoDecompress);
        if (expect100) {
            ex.continue100 = loop.createFuture();
        }
        current = ex;
        interim = false;
        sockRead = sockReadTimeout != null && sockReadTimeout > 0 ? sockReadTimeout : null;
        parser.reset(headRequest);
        if (lost || transport.isClosing()) {
            fail(new ServerDisconnectedError("Server disconnected: the connection to " + key + " closed"));
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

    /** The body writer failed: the exchange fails with {@code e} (wrapped in {@link ClientOSError} if checked). */
    void bodyFailed(Exchange ex, Throwable e) {
        if (current == ex && !ex.finished) {
            fail(e instanceof RuntimeException re && !(e instanceof io.asyncio4j.net.ConnectionError) ? re
                    : new ClientOSError("Cannot write the request body to " + key + ": "
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
            ex.finished = true;
            current = null;
            if (ex.decoder != null) {
                ex.decoder.close();
            }
            reusable = false;
            cancelReadTimer();
            stopWriter(ex);
            close();
            connector.release(this, false);
        }
    }

    /** The connector is closing: a request or body under way fails with {@link ClientConnectionError}. */
    void shutdown() {
        fail(new ClientConnectionError("Connection closed: the session's connector was closed while a response"
                + " from " + key + " was under way"));
        close();
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

    boolean isOpen() {
        return !lost && transport != null && !transport.isClosing();
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
        }
        return false;
    }

    @Override
    public void pauseWriting() {
        flow.pauseWriting();
    }

    @Override
    public void resumeWriting() {
        flow.resumeWriting();
    }

    @Override
    public void connectionLost(Throwable exc) {
        lost = true;
        flow.connectionLost(exc);
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
        if (ex.autoDecompress) {
            ex.decoder = ContentDecoder.forEncoding(head.headers().get("Content-Encoding"));
        }
        ex.content.setTransport(transport);
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
        try {
            byte[] plain = ex.decoder == null ? data : ex.decoder.decode(data);
            if (plain.length > 0) {
                ex.content.feedData(plain);
            }
        } catch (ClientPayloadError e) {
            fail(e);
        }
    }

    @Override
    public void onComplete() {
        Exchange ex = current;
        if (interim || ex == null) {
            return;
        }
        if (ex.decoder != null) {
            try {
                ex.decoder.finish();
            } catch (ClientPayloadError e) {
                fail(e);
                return;
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
        ex.finished = true;
        current = null;
        ex.content.feedEof();
        if (transport != null && !transport.isReading() && !transport.isClosing()) {
            transport.resumeReading();      // the reader may have paused it; the pool watches for the close
        }
        boolean keep = reusable && !lost && isOpen();
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
    private void fail(RuntimeException e) {
        Exchange ex = current;
        if (ex == null || ex.finished) {
            return;
        }
        ex.finished = true;
        current = null;
        cancelReadTimer();
        stopWriter(ex);
        if (ex.continue100 != null && !ex.continue100.done()) {
            ex.continue100.setResult(false);
        }
        if (ex.decoder != null) {
            ex.decoder.close();
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
        fail(new ServerTimeoutError("Timeout on reading data from socket (" + key + ")"));
    }

    @Override
    public String toString() {
        return "<ClientConnection " + key + (acquired ? " acquired" : " idle") + (lost ? " lost" : "") + ">";
    }
}
