package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.TimerHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * CPython's {@code sslproto.SSLProtocol}: TLS between a raw transport and an application protocol, over the JDK's
 * {@link SSLEngine}. It is the raw transport's protocol, and gives the application its own {@link Transport} that
 * encrypts writes and decrypts reads. The application's {@code connectionMade} comes once the handshake is done;
 * a failed or timed-out handshake fails the waiter with a {@link TlsError} naming the peer. Closing sends
 * close_notify and waits for the peer's (up to the shutdown timeout, then aborts) before closing the raw transport;
 * closing before the handshake ended aborts (as CPython's {@code _start_shutdown}). On the loop's thread.
 *
 * <p><b>State.</b> Two state machines, as CPython's {@code sslproto}: the TLS layer's ({@link TlsState}: handshake,
 * data, closing handshake, on the raw transport) and the application protocol's ({@link TlsAppState}: which of
 * {@code connectionMade}, {@code eofReceived}, {@code connectionLost} it has been given). They are two because they
 * move independently: the TLS layer goes on to {@code SHUTDOWN} or {@code CLOSED} whether or not the application
 * was ever connected, and the application's end of stream arrives while the TLS layer is still {@code WRAPPED}
 * (its own writes go on). Each changes in its one method ({@link #moveTo(TlsState)}, {@link #moveTo(TlsAppState)}),
 * which throws on a transition its diagram does not allow.
 */
final class TlsProtocol implements Protocol {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final EventLoop loop;
    private final SSLEngine engine;
    private final TlsOptions options;
    private final String peer;
    private BaseProtocol app;
    private final Future<Void> waiter;
    private final AppTransport appTransport = new AppTransport();
    private Transport raw;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private final List<byte[]> pendingWrites = new ArrayList<>();
    /** The TLS layer's state: see {@link TlsState} for the transitions; changed by {@link #moveTo(TlsState)} only. */
    private TlsState state = TlsState.UNWRAPPED;
    /** What the application was told: see {@link TlsAppState}; changed by {@link #moveTo(TlsAppState)} only. */
    private TlsAppState appState = TlsAppState.INIT;
    private TimerHandle handshakeTimer;
    private TimerHandle shutdownTimer;
    private TlsError failure;
    private io.asyncio4j.TimeoutError shutdownTimedOut;

    /** False for startTls: the application protocol is already connected (CPython's call_connection_made). */
    private final boolean callConnectionMade;

    TlsProtocol(EventLoop loop, SSLEngine engine, TlsOptions options, String peer, BaseProtocol app,
                Future<Void> waiter) {
        this(loop, engine, options, peer, app, waiter, true);
    }

    TlsProtocol(EventLoop loop, SSLEngine engine, TlsOptions options, String peer, BaseProtocol app,
                Future<Void> waiter, boolean callConnectionMade) {
        this.callConnectionMade = callConnectionMade;
        this.loop = loop;
        this.engine = engine;
        this.options = options;
        this.peer = peer;
        this.app = app;
        this.waiter = waiter;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    Transport appTransport() {
        return appTransport;
    }

    /**
     * The only place the TLS layer's state changes.
     *
     * @throws IllegalStateException naming both states if {@link TlsState} does not allow the move (a bug)
     */
    private void moveTo(TlsState next) {
        state = state.to(next);
    }

    /**
     * The only place the application's state changes.
     *
     * @throws IllegalStateException naming both states if {@link TlsAppState} does not allow the move (a bug)
     */
    private void moveTo(TlsAppState next) {
        appState = appState.to(next);
    }

    TlsState state() {
        return state;
    }

    TlsAppState appState() {
        return appState;
    }

    // ---- the raw side ----

    @Override
    public void connectionMade(Transport t) {
        raw = t;
        moveTo(TlsState.HANDSHAKING);
        handshakeTimer = loop.callLater(options.handshakeTimeout(), () -> {
            if (state == TlsState.HANDSHAKING) {
                fail(new SSLException("TLS handshake timed out after " + options.handshakeTimeout() + " s"));
            }
        });
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            fail(e);
            return;
        }
        pump();
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == TlsState.ABORTED || state == TlsState.CLOSED) {
            return;
        }
        if (netIn.remaining() < data.length) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.position() + data.length + engine.getSession()
                    .getPacketBufferSize());
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        netIn.put(data);
        pump();
    }

    @Override
    public boolean eofReceived() {
        if (state == TlsState.HANDSHAKING) {
            fail(new SSLException("the peer closed the connection during the TLS handshake"));
            return false;
        }
        try {
            engine.closeInbound();
        } catch (SSLException truncated) {
            // EOF without close_notify: as CPython, treat it as the end of the stream
        }
        if (state == TlsState.WRAPPED) {
            appEof();
        }
        return false; // TLS cannot stay half-open: the raw transport closes
    }

    /** The peer's end of stream, to a connected application that has not had it. */
    private void appEof() {
        if (appState != TlsAppState.CONNECTED) {
            return;
        }
        moveTo(TlsAppState.EOF);
        callApp(() -> {
            if (app instanceof Protocol p) {
                p.eofReceived();
            } else if (app instanceof BufferedProtocol bp) {
                bp.eofReceived();
            }
        });
    }

    @Override
    public void connectionLost(Throwable exc) {
        moveTo(TlsState.CLOSED);
        cancelTimer();
        Throwable reason = exc != null ? exc : failure != null ? failure : shutdownTimedOut;
        if (waiter != null && !waiter.done()) {
            waiter.setException(reason != null ? reason : new ConnectionResetError(
                    "connection to " + peer + " lost during the TLS handshake", new IOException("connection lost")));
        }
        if (appState.connected()) {
            moveTo(TlsAppState.LOST);
            app.connectionLost(reason);
        }
    }

    @Override
    public void pauseWriting() {
        if (appState.connected()) {
            app.pauseWriting();
        }
    }

    @Override
    public void resumeWriting() {
        if (appState.connected()) {
            app.resumeWriting();
        }
    }

    // ---- the engine ----

    /** Runs the engine as far as the data at hand allows: handshake steps, decryption, queued writes. */
    private void pump() {
        try {
            boolean progress = true;
            while (progress && state != TlsState.ABORTED && state != TlsState.CLOSED) {
                HandshakeStatus hs = engine.getHandshakeStatus();
                switch (hs) {
                    case NEED_TASK -> {
                        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                            task.run();
                        }
                        progress = true;
                    }
                    case NEED_WRAP -> progress = wrap(EMPTY);
                    default -> progress = unwrap();
                }
                if (state == TlsState.HANDSHAKING && handshakeFinished()) {
                    onHandshakeDone();
                    progress = true;
                }
            }
        } catch (SSLException e) {
            fail(e);
        }
    }

    private boolean handshakeFinished() {
        HandshakeStatus hs = engine.getHandshakeStatus();
        return sawFinished || (hs == HandshakeStatus.NOT_HANDSHAKING && startedHandshake());
    }

    private boolean sawFinished;

    private boolean startedHandshake() {
        return engine.getSession().getCipherSuite() != null && !"SSL_NULL_WITH_NULL_NULL".equals(
                engine.getSession().getCipherSuite());
    }

    private boolean unwrap() throws SSLException {
        if (netIn.position() == 0) {
            return false;
        }
        netIn.flip();
        SSLEngineResult r;
        try {
            r = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            sawFinished = true;
        }
        deliver();
        switch (r.getStatus()) {
            case BUFFER_OVERFLOW -> {
                ByteBuffer bigger = ByteBuffer.allocate(appIn.capacity() + engine.getSession()
                        .getApplicationBufferSize());
                appIn.flip();
                bigger.put(appIn);
                appIn = bigger;
                return true;
            }
            case BUFFER_UNDERFLOW -> {
                return false; // a partial record: wait for more bytes
            }
            case CLOSED -> {
                // close_notify from the peer: answer it and close.
                if (!engine.isOutboundDone()) {
                    engine.closeOutbound();
                    wrap(EMPTY);
                }
                if (state == TlsState.WRAPPED) {
                    appEof();
                }
                if (state == TlsState.HANDSHAKING || state == TlsState.WRAPPED) {
                    moveTo(TlsState.SHUTDOWN);      // the peer closed first (maybe during the handshake)
                }
                if (shutdownTimer != null) {
                    shutdownTimer.cancel(); // the peer answered our close_notify
                    shutdownTimer = null;
                }
                raw.close();
                return false;
            }
            default -> {
                return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
            }
        }
    }

    /** Hands decrypted bytes to the application (kept until it is connected). */
    private void deliver() {
        if (appIn.position() == 0 || !appState.connected()) {
            return;
        }
        appIn.flip();
        if (app instanceof BufferedProtocol bp) {
            while (appIn.hasRemaining()) {
                ByteBuffer dst = bp.getBuffer(appIn.remaining());
                int n = Math.min(dst.remaining(), appIn.remaining());
                ByteBuffer slice = appIn.slice(appIn.position(), n);
                dst.put(slice);
                appIn.position(appIn.position() + n);
                bp.bufferUpdated(n);
            }
        } else {
            byte[] data = new byte[appIn.remaining()];
            appIn.get(data);
            ((Protocol) app).dataReceived(data);
        }
        appIn.clear();
    }

    /** Encrypts {@code src} (or makes handshake or close records) and sends what the engine produced. */
    private boolean wrap(ByteBuffer src) throws SSLException {
        boolean any = false;
        do {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                sawFinished = true;
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                continue;
            }
            if (netOut.position() > 0) {
                byte[] out = new byte[netOut.flip().remaining()];
                netOut.get(out);
                raw.write(out);
                any = true;
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED || r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                break;
            }
        } while (src.hasRemaining());
        return any;
    }

    private void onHandshakeDone() throws SSLException {
        moveTo(TlsState.WRAPPED);
        cancelTimer();
        moveTo(TlsAppState.CONNECTED);
        if (callConnectionMade) {
            app.connectionMade(appTransport);
        }
        if (waiter != null && !waiter.done()) {
            waiter.setResult(null);
        }
        deliver();
        for (byte[] b : pendingWrites) {
            wrap(ByteBuffer.wrap(b));
        }
        pendingWrites.clear();
    }

    private void fail(SSLException e) {
        if (state == TlsState.ABORTED || state == TlsState.CLOSED) {
            return;
        }
        moveTo(TlsState.ABORTED);
        failure = new TlsError("TLS with " + peer + " failed: " + e.getMessage(), e);
        cancelTimer();
        if (waiter != null && !waiter.done()) {
            waiter.setException(failure);
        } else if (appState == TlsAppState.INIT) {
            Map<String, Object> ctx = new HashMap<>();
            ctx.put("message", "TLS handshake failed");
            ctx.put("exception", failure);
            loop.callExceptionHandler(ctx);
        }
        raw.abort(); // connectionLost follows, with the failure for a connected application
    }

    private void cancelTimer() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
            handshakeTimer = null;
        }
        if (state == TlsState.CLOSED && shutdownTimer != null) {
            shutdownTimer.cancel();
            shutdownTimer = null;
        }
    }

    private void callApp(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            Map<String, Object> ctx = new HashMap<>();
            ctx.put("message", "the protocol of a TLS connection failed");
            ctx.put("exception", e);
            loop.callExceptionHandler(ctx);
        }
    }

    /** Swaps in the application protocol (startTls hands over an existing one). */
    void setApp(BaseProtocol p) {
        app = p;
    }

    // ---- the application's transport ----

    private final class AppTransport implements Transport {
        @Override
        public void write(byte[] data) {
            if (state == TlsState.SHUTDOWN) {
                throw new IllegalStateException("write() on a closing TLS transport");
            }
            if (data.length == 0 || state == TlsState.ABORTED || state == TlsState.CLOSED) {
                return;     // aborted or lost: the bytes go nowhere, as on a plain transport
            }
            if (state != TlsState.WRAPPED) {
                pendingWrites.add(data.clone());
                return;
            }
            try {
                wrap(ByteBuffer.wrap(data));
            } catch (SSLException e) {
                fail(e);
            }
        }

        @Override
        public void writeEof() {
            throw new UnsupportedOperationException("TLS transports cannot write EOF (half-close); close() instead");
        }

        @Override
        public boolean canWriteEof() {
            return false;
        }

        @Override
        public void close() {
            switch (state) {
                case WRAPPED -> shutdown();
                case UNWRAPPED, HANDSHAKING -> abort();     // as CPython: no closing handshake before the handshake
                default -> {
                    // closing or closed already
                }
            }
        }

        /**
         * Sends close_notify and waits (up to the shutdown timeout) for the peer's, as CPython does, then closes the
         * raw transport; on timeout the raw transport is aborted.
         */
        void shutdown() {
            moveTo(TlsState.SHUTDOWN);
            try {
                engine.closeOutbound();
                wrap(EMPTY);
            } catch (SSLException ignored) {
                // closing anyway
            }
            if (engine.isInboundDone() || state != TlsState.SHUTDOWN) {
                raw.close();        // the peer's close_notify came already, or writing ours failed the connection
            } else {
                shutdownTimer = loop.callLater(options.shutdownTimeout(), () -> {
                    // CPython's _check_shutdown_timeout: the application's connectionLost gets a TimeoutError
                    shutdownTimer = null;
                    if (state == TlsState.SHUTDOWN) {
                        shutdownTimedOut = new io.asyncio4j.TimeoutError("TLS shutdown with " + peer
                                + " timed out after " + options.shutdownTimeout() + " s");
                        moveTo(TlsState.ABORTED);
                        raw.abort();
                    }
                });
            }
        }

        @Override
        public void abort() {
            if (state == TlsState.ABORTED || state == TlsState.CLOSED) {
                return;
            }
            moveTo(TlsState.ABORTED);
            raw.abort();
        }

        @Override
        public boolean isClosing() {
            return state.closing();
        }

        @Override
        public void pauseReading() {
            raw.pauseReading();
        }

        @Override
        public void resumeReading() {
            raw.resumeReading();
        }

        @Override
        public boolean isReading() {
            return raw.isReading();
        }

        @Override
        public void setWriteBufferLimits(int high, int low) {
            raw.setWriteBufferLimits(high, low);
        }

        @Override
        public int getWriteBufferSize() {
            return raw.getWriteBufferSize();
        }

        @Override
        public Object getExtraInfo(String name) {
            return switch (name) {
                case "sslcontext" -> options.context();
                case "ssl_object" -> engine;
                case "cipher" -> engine.getSession().getCipherSuite();
                case "peercert" -> {
                    try {
                        yield engine.getSession().getPeerCertificates()[0];
                    } catch (SSLPeerUnverifiedException e) {
                        yield null;
                    }
                }
                default -> raw.getExtraInfo(name);
            };
        }

        @Override
        public BaseProtocol getProtocol() {
            return app;
        }

        @Override
        public void setProtocol(BaseProtocol protocol) {
            app = protocol;
        }

        @Override
        public String toString() {
            return "<TlsTransport peer=" + peer + " " + state + ">";
        }
    }
}
