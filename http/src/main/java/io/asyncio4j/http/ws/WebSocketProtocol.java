package io.asyncio4j.http.ws;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.TimerHandle;
import io.asyncio4j.http.ClientWebSocketResponse;
import io.asyncio4j.http.json.JsonCodec;
import io.asyncio4j.net.ConnectionResetError;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;
import io.asyncio4j.streams.FlowControl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * One WebSocket connection after its handshake, either end (aiohttp's {@code WebSocketResponse} and
 * {@code ClientWebSocketResponse} share this): the protocol its transport calls, and the engine behind
 * {@link WebSocket}. Frames are parsed by a {@link WebSocketReader} into an inbox that {@link #receive(Double)}
 * takes from; sends encode with {@link WebSocketWriter}, masked on the client side, and wait for the transport's
 * buffer to drain.
 *
 * <p>{@code receive()} does the protocol's chores, as aiohttp's does: with autoping it answers pings and swallows
 * pongs; with autoclose it answers the peer's close frame before returning it; a protocol breach sends a close
 * frame with the breach's code, reads nothing more (RFC 6455 section 7.1.7) but waits up to
 * {@link WSOptions#timeout()} for the peer to close the connection, and returns an {@link WSMsgType#ERROR}
 * message with {@link #closeCode()} the breach's code; a lost connection returns
 * {@link WSMsgType#CLOSED} with {@link #closeCode()} {@link WSCloseCode#ABNORMAL_CLOSURE}. Once closed, receive
 * returns {@link WSMsgType#CLOSED}, and throws {@link IllegalStateException} after five more calls.
 *
 * <p>Heartbeat: with {@link WSOptions#heartbeat()} set, a ping goes out after that many seconds without input;
 * if nothing arrives within half of it the connection is dropped ({@link #closeCode()} 1006, {@link #exception()}
 * a {@link TimeoutError}).
 *
 * <p>Use one connection from the tasks of its loop only. One task at a time may receive; others may send and
 * close meanwhile (a close from another task ends a waiting receive with {@link WSMsgType#CLOSING}).
 */
public final class WebSocketProtocol implements Protocol {
    private static final Object EOF = new Object();

    private final EventLoop loop;
    private final boolean client;
    private final String protocol;
    private final WSOptions options;
    private final WebSocketReader reader;
    private final PerMessageDeflate deflate;
    private final FlowControl flow;
    private final JsonCodec jsonCodec;
    /** Received messages, a WebSocketError or a connection's exception, then EOF. */
    private final ArrayDeque<Object> inbox = new ArrayDeque<>();
    private Future<Void> wakeup;
    private Transport transport;
    private boolean closed;
    private boolean closing;
    private Integer closeCode;
    private Throwable exception;
    /** Done when the receive under way returns; null when none is. */
    private Future<Void> waiting;
    private int connLost;
    private TimerHandle heartbeatTimer;
    private TimerHandle pongTimer;

    /**
     * A connection without permessage-deflate, whose JSON messages use {@link JsonCodec#defaultCodec()}.
     *
     * @param loop     the loop whose thread runs the transport
     * @param client   true for the client end (masks its frames, expects unmasked ones)
     * @param protocol the negotiated subprotocol, or null
     * @param options  the settings
     * @throws NullPointerException if {@code loop} or {@code options} is null
     */
    public WebSocketProtocol(EventLoop loop, boolean client, String protocol, WSOptions options) {
        this(loop, client, protocol, null, options);
    }

    /**
     * A connection with permessage-deflate negotiated ({@code deflate}; null for none): data messages go
     * compressed, and compressed ones are accepted. JSON messages use {@link JsonCodec#defaultCodec()}.
     *
     * @param loop     the loop whose thread runs the transport
     * @param client   true for the client end (masks its frames, expects unmasked ones)
     * @param protocol the negotiated subprotocol, or null
     * @param deflate  the negotiated permessage-deflate, or null; the connection ends it when the connection is lost
     * @param options  the settings
     * @throws NullPointerException if {@code loop} or {@code options} is null
     */
    public WebSocketProtocol(EventLoop loop, boolean client, String protocol, PerMessageDeflate deflate,
                             WSOptions options) {
        this(loop, client, protocol, deflate, options, JsonCodec.defaultCodec());
    }

    /**
     * As {@link #WebSocketProtocol(EventLoop, boolean, String, PerMessageDeflate, WSOptions)}, with the codec of
     * {@link #sendJson} and {@link #receiveJson}: the client session's or the server application's.
     *
     * @param loop      the loop whose thread runs the transport
     * @param client    true for the client end
     * @param protocol  the negotiated subprotocol, or null
     * @param deflate   the negotiated permessage-deflate, or null
     * @param options   the settings
     * @param jsonCodec the codec of the connection's JSON messages
     */
    public WebSocketProtocol(EventLoop loop, boolean client, String protocol, PerMessageDeflate deflate,
                             WSOptions options, JsonCodec jsonCodec) {
        this.jsonCodec = Objects.requireNonNull(jsonCodec, "jsonCodec");
        this.deflate = deflate;
        this.loop = Objects.requireNonNull(loop, "loop");
        this.client = client;
        this.protocol = protocol;
        this.options = Objects.requireNonNull(options, "options");
        this.reader = new WebSocketReader(!client, options.maxMsgSize(), deflate, this::push);
        this.flow = new FlowControl(loop);
    }

    // ---- the transport's side ----

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        resetHeartbeat();
    }

    @Override
    public void dataReceived(byte[] data) {
        if (reader.failed()) {
            return;
        }
        resetHeartbeat();
        try {
            reader.feed(data);
        } catch (WebSocketError e) {
            push(e);
        }
    }

    @Override
    public boolean eofReceived() {
        push(EOF);
        return false;
    }

    @Override
    public void connectionLost(Throwable exc) {
        cancelHeartbeat();
        if (deflate != null) {
            deflate.end();
        }
        flow.connectionLost(exc);
        if (exc != null) {
            push(exc);
        }
        push(EOF);
    }

    @Override
    public void pauseWriting() {
        flow.pauseWriting();
    }

    @Override
    public void resumeWriting() {
        flow.resumeWriting();
    }

    private void push(Object item) {
        if (inbox.peekLast() == EOF) {
            return;
        }
        inbox.add(item);
        wake();
    }

    private void wake() {
        Future<Void> w = wakeup;
        if (w != null) {
            wakeup = null;
            if (!w.done()) {
                w.setResult(null);
            }
        }
    }

    /** The next item of the inbox, waiting for one; EOF stays. */
    private Object next() {
        while (inbox.isEmpty()) {
            wakeup = loop.createFuture();
            wakeup.await();
        }
        return inbox.peek() == EOF ? EOF : inbox.poll();
    }

    // ---- receiving ----

    /**
     * {@code await ws.receive(timeout)}: the next message, after the chores described above.
     *
     * <p>Cancellation: a cancelled receive sets {@link #closeCode()} to 1006, as a timeout does; the message it was
     * waiting for stays in the inbox for the next receive.
     *
     * @param timeout seconds to wait, or null for {@link WSOptions#receiveTimeout()} (null there: no limit)
     * @return the receive, run when awaited on the loop's thread
     * @throws IllegalStateException (when awaited) if another task is receiving, or after five receives on a
     *                               closed connection
     * @throws TimeoutError (when awaited) if no message came in time ({@link #closeCode()} becomes 1006)
     */
    @CheckReturnValue
    public Coro<WSMessage> receive(Double timeout) {
        return Coro.named("WebSocketProtocol.receive", receiveWithin(timeout));
    }

    /**
     * As {@link #receive(Double)} with a primitive limit, so that {@code receive(5)} compiles; the same behaviour
     * (cancellation and expiry included) for every value.
     *
     * @param timeout seconds to wait
     * @return the receive, run when awaited on the loop's thread
     * @throws IllegalStateException (when awaited) if another task is receiving, or after five receives on a
     *                               closed connection
     * @throws TimeoutError (when awaited) if no message came in time ({@link #closeCode()} becomes 1006)
     */
    @CheckReturnValue
    public Coro<WSMessage> receive(double timeout) {
        return Coro.named("WebSocketProtocol.receive", receiveWithin(timeout));
    }

    private Coro<WSMessage> receiveWithin(Double timeout) {
        Double limit = timeout != null ? timeout : options.receiveTimeout();
        return () -> {
            while (true) {
                if (waiting != null) {
                    throw new IllegalStateException("Concurrent call to receive() is not allowed");
                }
                if (closed) {
                    connLost++;
                    if (connLost >= 5) {
                        throw new IllegalStateException("WebSocket connection is closed.");
                    }
                    return WSMessage.CLOSED;
                }
                if (closing) {
                    return WSMessage.CLOSING;
                }
                Object item;
                Future<Void> w = loop.createFuture();
                waiting = w;
                try {
                    item = limit == null ? next() : Asyncio.waitFor((Coro<Object>) this::next, limit).await();
                } catch (CancelledError | TimeoutError e) {
                    closeCode = WSCloseCode.ABNORMAL_CLOSURE;
                    throw e;
                } finally {
                    waiting = null;
                    w.setResult(null);
                }
                if (item == EOF) {
                    closeCode = WSCloseCode.ABNORMAL_CLOSURE;
                    close(WSCloseCode.OK, "").await();
                    return WSMessage.CLOSED;
                }
                if (item instanceof WebSocketError e) {
                    closeCode = e.code();
                    close(e.code(), "").await();
                    return new WSMessage(WSMsgType.ERROR, e, null);
                }
                if (item instanceof Throwable t) {
                    exception = t;
                    closing = true;
                    closeCode = WSCloseCode.ABNORMAL_CLOSURE;
                    close(WSCloseCode.OK, "").await();
                    return new WSMessage(WSMsgType.ERROR, t, null);
                }
                WSMessage msg = (WSMessage) item;
                switch (msg.type()) {
                    case CLOSE -> {
                        closing = true;
                        closeCode = msg.code();
                        if (!closed && options.autoclose()) {
                            close(WSCloseCode.OK, "").await();
                        }
                    }
                    case CLOSING -> closing = true;
                    case PING -> {
                        if (options.autoping()) {
                            pong(msg.bytes()).await();
                            continue;
                        }
                    }
                    case PONG -> {
                        if (options.autoping()) {
                            continue;
                        }
                    }
                    default -> {
                    }
                }
                return msg;
            }
        };
    }

    /**
     * The text of the next message, aiohttp's {@code receive_str()}.
     *
     * @return the receive, run when awaited on the loop's thread
     * @throws IllegalArgumentException (when awaited) if it is not {@link WSMsgType#TEXT}
     * @throws TimeoutError (when awaited) as {@link #receive(Double)}
     */
    @CheckReturnValue
    public Coro<String> receiveStr() {
        return Coro.named("WebSocketProtocol.receiveStr", () -> expect(receive(null).await(), WSMsgType.TEXT).str());
    }

    /**
     * The payload of the next message, aiohttp's {@code receive_bytes()}.
     *
     * @return the receive, run when awaited on the loop's thread; the array is the caller's to keep
     * @throws IllegalArgumentException (when awaited) if it is not {@link WSMsgType#BINARY}
     * @throws TimeoutError (when awaited) as {@link #receive(Double)}
     */
    @CheckReturnValue
    public Coro<byte[]> receiveBytes() {
        return Coro.named("WebSocketProtocol.receiveBytes", () -> expect(receive(null).await(), WSMsgType.BINARY).bytes());
    }

    /**
     * aiohttp's {@code receive_json()}: the next message's text decoded by this connection's {@link #jsonCodec()}
     * into {@code type}.
     *
     * @param type what to read the message as
     * @param <T>  the result type
     * @return the receive and decoding, run when awaited on the loop's thread
     * @throws IllegalArgumentException (when awaited) if it is not {@link WSMsgType#TEXT}
     * @throws io.asyncio4j.http.json.JSONDecodeError (when awaited) if the text is not valid JSON for {@code type}
     */
    @CheckReturnValue
    public <T> Coro<T> receiveJson(Class<T> type) {
        return Coro.named("WebSocketProtocol.receiveJson", receiveJson((java.lang.reflect.Type) type));
    }

    /**
     * As {@link #receiveJson(Class)}, into any type (a generic one too); {@code T} is unchecked.
     *
     * @param type what to read the message as
     * @param <T>  {@code type} as a Java type
     * @return the receive and decoding, run when awaited
     */
    @CheckReturnValue
    public <T> Coro<T> receiveJson(java.lang.reflect.Type type) {
        return Coro.named("WebSocketProtocol.receiveJson", () -> expect(receive(null).await(), WSMsgType.TEXT).json(type, jsonCodec));
    }

    /**
     * As {@link #receiveJson(Class)}, into the generic type {@code type} captures ({@code new TypeRef<List<Item>>()
     * {}}), typed.
     *
     * @param type what to read the message as
     * @param <T>  the type
     * @return the receive and decoding, run when awaited
     */
    @CheckReturnValue
    public <T> Coro<T> receiveJson(io.asyncio4j.http.json.TypeRef<T> type) {
        return Coro.named("WebSocketProtocol.receiveJson", receiveJson(type.type()));
    }

    /**
     * The codec of {@link #sendJson} and {@link #receiveJson}: the session's ({@code ClientSession.Builder
     * .jsonCodec}) on the client end, the application's ({@code Application.jsonCodec}) on the server end.
     *
     * @return the codec
     */
    public JsonCodec jsonCodec() {
        return jsonCodec;
    }

    private static WSMessage expect(WSMessage msg, WSMsgType type) {
        if (msg.type() != type) {
            throw new IllegalArgumentException("Received message " + msg.type() + ":" + msg.data() + " is not "
                    + type);
        }
        return msg;
    }

    /**
     * Iterates with {@link #receive(Double)} until a {@link WSMsgType#CLOSE}, {@link WSMsgType#CLOSING} or
     * {@link WSMsgType#CLOSED}, which end it ({@code async for msg in ws}); {@code hasNext()} suspends the
     * calling task.
     *
     * @return an iterator to use from one task on the loop's thread; it yields {@link WSMsgType#ERROR} messages too
     */
    public Iterator<WSMessage> iterator() {
        return new Iterator<>() {
            private WSMessage next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    WSMessage m = receive(null).await();
                    WSMsgType t = m.type();
                    if (t == WSMsgType.CLOSE || t == WSMsgType.CLOSING || t == WSMsgType.CLOSED) {
                        done = true;
                    } else {
                        next = m;
                    }
                }
                return next != null;
            }

            @Override
            public WSMessage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                WSMessage m = next;
                next = null;
                return m;
            }
        };
    }

    // ---- sending ----

    /**
     * aiohttp's {@code send_str(data)}: sends a text message, and waits until the transport's buffer has drained.
     *
     * @param data the text, sent in UTF-8; not null
     * @return the send, run when awaited on the loop's thread
     * @throws NullPointerException if {@code data} is null (at once)
     * @throws ConnectionResetError (when awaited) once closed or the transport is closing
     */
    @CheckReturnValue
    public Coro<Void> sendStr(String data) {
        Objects.requireNonNull(data, "data");
        return Coro.named("WebSocketProtocol.sendStr", send(WSMsgType.TEXT, data.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * aiohttp's {@code send_bytes(data)}: sends a binary message, and waits until the transport's buffer has drained.
     *
     * @param data the payload; read when awaited (not copied before), so it must not change until then
     * @return the send, run when awaited on the loop's thread
     * @throws NullPointerException if {@code data} is null (at once)
     * @throws ConnectionResetError (when awaited) once closed or the transport is closing
     */
    @CheckReturnValue
    public Coro<Void> sendBytes(byte[] data) {
        Objects.requireNonNull(data, "data");
        return Coro.named("WebSocketProtocol.sendBytes", send(WSMsgType.BINARY, data));
    }

    /**
     * aiohttp's {@code send_json(data)}: {@code data} encoded by this connection's {@link #jsonCodec()}, sent as a
     * text message.
     *
     * @param data what to send; may be null (the JSON {@code null})
     * @return the send, run when awaited on the loop's thread
     * @throws IllegalArgumentException if the codec cannot serialise it (at once, not when awaited)
     * @throws ConnectionResetError (when awaited) once closed or the transport is closing
     */
    @CheckReturnValue
    public Coro<Void> sendJson(Object data) {
        return Coro.named("WebSocketProtocol.sendJson", sendStr(jsonCodec.encodeToString(data)));
    }

    /**
     * aiohttp's {@code ping(message)}: sends a ping frame. With autoping the peer's pong is swallowed by
     * {@link #receive(Double)}.
     *
     * @param payload at most 125 bytes; read when awaited
     * @return the send, run when awaited on the loop's thread
     * @throws IllegalArgumentException if {@code payload} is longer than 125 bytes (at once)
     * @throws ConnectionResetError (when awaited) once closed or the transport is closing
     */
    @CheckReturnValue
    public Coro<Void> ping(byte[] payload) {
        return Coro.named("WebSocketProtocol.ping", send(WSMsgType.PING, payload));
    }

    /**
     * aiohttp's {@code pong(message)}: sends an unsolicited pong frame.
     *
     * @param payload at most 125 bytes; read when awaited
     * @return the send, run when awaited on the loop's thread
     * @throws IllegalArgumentException if {@code payload} is longer than 125 bytes (at once)
     * @throws ConnectionResetError (when awaited) once closed or the transport is closing
     */
    @CheckReturnValue
    public Coro<Void> pong(byte[] payload) {
        return Coro.named("WebSocketProtocol.pong", send(WSMsgType.PONG, payload));
    }

    private Coro<Void> send(WSMsgType type, byte[] payload) {
        if (type == WSMsgType.PING || type == WSMsgType.PONG) {
            WebSocketWriter.frame(type.value(), payload, true, false); // checks the length now
        }
        return () -> {
            if (closed || transport.isClosing()) {
                throw closingError();
            }
            // compressed in sending order: the compression context runs from message to message
            boolean compress = deflate != null && (type == WSMsgType.TEXT || type == WSMsgType.BINARY);
            transport.write(WebSocketWriter.frame(type.value(), compress ? deflate.compress(payload) : payload,
                    true, client, compress));
            flow.drain().await();
            return null;
        };
    }

    // ---- closing ----

    /**
     * aiohttp's {@code close(code=, message=)}: starts or completes the close handshake. A receive under way in
     * another task first returns {@link WSMsgType#CLOSING}; then this sends a close frame with {@code code} and
     * {@code message} and (unless the peer's close frame already came) waits up to {@link WSOptions#timeout()}
     * seconds for the peer's, skipping other messages, and closes the transport. {@link #closeCode()} becomes the
     * peer's code, or {@link WSCloseCode#ABNORMAL_CLOSURE} if it did not come; a failure to send is kept as
     * {@link #exception()} rather than thrown.
     *
     * <p>Cancellation: a cancelled close drops the connection ({@link #closeCode()} 1006).
     *
     * @param code    the close code to send ({@link WSCloseCode})
     * @param message the reason, at most 123 bytes in UTF-8
     * @return the close, run when awaited on the loop's thread: true if this call closed the WebSocket, false if it
     *         was closed already
     * @throws IllegalArgumentException if {@code message} is longer than 123 bytes in UTF-8 (at once)
     */
    @CheckReturnValue
    public Coro<Boolean> close(int code, String message) {
        byte[] payload = WebSocketWriter.closePayload(code, message);
        return Coro.named("WebSocketProtocol.close", () -> {
            cancelHeartbeat();
            if (waiting != null && !closed) {
                inbox.addFirst(WSMessage.CLOSING);
                wake();
                waiting.await();
            }
            if (closed) {
                return false;
            }
            closed = true;
            try {
                if (transport.isClosing()) {
                    throw closingError();
                }
                transport.write(WebSocketWriter.frame(WSMsgType.CLOSE.value(), payload, true, client));
                flow.drain().await();
            } catch (CancelledError | TimeoutError e) {
                abandon(null);
                throw e;
            } catch (Exception e) {
                abandon(e);
                return true;
            }
            if (closing) {
                closeTransport();
                return true;
            }
            if (reader.failed()) {
                // Failing the connection (RFC 6455 7.1.7): nothing more is read, not even the peer's close frame
                // (aiohttp would wait for one its failed reader cannot see); wait for the peer to close, so that
                // closing with unread input does not reset the connection and destroy our close frame.
                try {
                    Asyncio.waitFor((Coro<Object>) this::next, options.timeout()).await();
                } catch (TimeoutError e) {
                    // the peer did not close in time: close anyway
                }
                closeTransport();
                return true;
            }
            try {
                closeCode = Asyncio.waitFor((Coro<Integer>) this::awaitClose, options.timeout()).await();
                closeTransport();
            } catch (CancelledError e) {
                abandon(null);
                throw e;
            } catch (Exception e) {
                abandon(e);
            }
            return true;
        });
    }

    /**
     * Closes without suspending: the non-waiting half of {@link #close(int, String)}, for {@code try}-with-resources
     * ({@link io.asyncio4j.http.ClientWebSocketResponse#closing()}). If this side is still open, a receive under way
     * in another task returns {@link WSMsgType#CLOSING}, a close frame with {@code code} and {@code message} is
     * written, and the transport is closed once that frame is sent; the peer's close frame is not waited for, so
     * {@link #closeCode()} becomes the peer's code if its close frame had already come, else
     * {@link WSCloseCode#ABNORMAL_CLOSURE}. A failure to write is kept as {@link #exception()}, never thrown.
     *
     * <p>Call it on the loop's thread (in a task or a callback); it never suspends, so it is safe in a task being
     * cancelled. Nothing happens if this side has already closed.
     *
     * @param code    the close code to send ({@link WSCloseCode})
     * @param message the reason, at most 123 bytes in UTF-8
     * @return true if this call closed the WebSocket, false if it was closed already
     * @throws IllegalArgumentException if {@code message} is longer than 123 bytes in UTF-8
     * @throws IllegalStateException if the connection has no transport yet
     */
    public boolean closeWithoutWaiting(int code, String message) {
        byte[] payload = WebSocketWriter.closePayload(code, message);
        if (closed) {
            return false;
        }
        if (transport == null) {
            throw new IllegalStateException("the WebSocket is not connected yet");
        }
        closed = true;
        cancelHeartbeat();
        if (waiting != null) {
            inbox.addFirst(WSMessage.CLOSING);
            wake();
        }
        if (closeCode == null) {
            closeCode = WSCloseCode.ABNORMAL_CLOSURE;
        }
        try {
            if (transport.isClosing()) {
                throw closingError();
            }
            transport.write(WebSocketWriter.frame(WSMsgType.CLOSE.value(), payload, true, client));
        } catch (Exception e) {
            exception = e;
        }
        closeTransport();
        return true;
    }

    /** {@return the loop whose thread runs this connection} */
    public EventLoop loop() {
        return loop;
    }

    /** Skips messages up to the peer's close frame; its code. */
    private int awaitClose() throws IOException {
        while (true) {
            Object item = next();
            if (item == EOF) {
                throw new ConnectionResetError("Connection closed before the peer's close frame",
                        new IOException("EOF"));
            }
            if (item instanceof Throwable t) {
                throw t instanceof IOException io ? io : new IOException(t);
            }
            if (((WSMessage) item).type() == WSMsgType.CLOSE) {
                closing = true;
                return ((WSMessage) item).code();
            }
        }
    }

    private static ConnectionResetError closingError() {
        return new ConnectionResetError("Cannot write to closing transport",
                new IOException("Cannot write to closing transport"));
    }

    private void abandon(Exception e) {
        closeCode = WSCloseCode.ABNORMAL_CLOSURE;
        if (e != null) {
            exception = e;
        }
        closeTransport();
    }

    private void closeTransport() {
        if (transport != null && !transport.isClosing()) {
            transport.close();
        }
    }

    /** {@return whether this side has closed (sent its close frame, or dropped the connection)} */
    public boolean closed() {
        return closed;
    }

    /** {@return the close code: the peer's, or {@link WSCloseCode#ABNORMAL_CLOSURE}; null while open} */
    public Integer closeCode() {
        return closeCode;
    }

    /** {@return the exception that ended the connection, or null} */
    public Throwable exception() {
        return exception;
    }

    /** {@return whether permessage-deflate was negotiated} */
    public boolean compressed() {
        return deflate != null;
    }

    /** {@return the negotiated subprotocol, or null} */
    public String protocol() {
        return protocol;
    }

    /** {@return the transport, or null before the connection is made} */
    public Transport transport() {
        return transport;
    }

    // ---- heartbeat ----

    private void resetHeartbeat() {
        cancelHeartbeat();
        Double h = options.heartbeat();
        if (h != null && !closed) {
            heartbeatTimer = loop.callLater(h, this::sendHeartbeat);
        }
    }

    private void sendHeartbeat() {
        heartbeatTimer = null;
        if (closed || transport.isClosing()) {
            return;
        }
        transport.write(WebSocketWriter.frame(WSMsgType.PING.value(), new byte[0], true, client));
        pongTimer = loop.callLater(options.heartbeat() / 2, this::pongNotReceived);
    }

    private void pongNotReceived() {
        pongTimer = null;
        if (!closed) {
            closed = true;
            closeCode = WSCloseCode.ABNORMAL_CLOSURE;
            exception = new TimeoutError("no pong within " + options.heartbeat() / 2 + " s of a heartbeat ping");
            closeTransport();
        }
    }

    private void cancelHeartbeat() {
        if (heartbeatTimer != null) {
            heartbeatTimer.cancel();
            heartbeatTimer = null;
        }
        if (pongTimer != null) {
            pongTimer.cancel();
            pongTimer = null;
        }
    }

    @Override
    public String toString() {
        return "<WebSocket " + (client ? "client" : "server") + (closed ? " closed" : "") + ">";
    }
}
