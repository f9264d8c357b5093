package io.asyncio4j.http.ws;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Coro;
import io.asyncio4j.http.ClientWebSocketResponse;
import java.util.Iterator;

/**
 * The API both ends of a WebSocket share: the server's {@code WebSocketResponse} and the client's
 * {@link ClientWebSocketResponse}, each over a {@link WebSocketProtocol}. Every method delegates to
 * {@link #connection()}; see {@link WebSocketProtocol} for what each does.
 *
 * <pre>{@code
 * for (WSMessage msg : ws) {                 // async for msg in ws: ends on close
 *     if (msg.type() == WSMsgType.TEXT) {
 *         ws.sendStr("echo " + msg.str()).await();
 *     }
 * }
 * }</pre>
 */
public interface WebSocket extends Iterable<WSMessage> {
    /**
     * {@return the connection's engine}
     *
     * @throws IllegalStateException if there is none yet (a server response not prepared)
     */
    WebSocketProtocol connection();

    /**
     * aiohttp's {@code receive()}: the next message, with the connection's receive timeout.
     *
     * @return the receive, run when awaited on the loop's thread
     * @throws IllegalStateException if there is no connection yet; (when awaited) as
     *                               {@link WebSocketProtocol#receive(Double)}
     * @throws io.asyncio4j.TimeoutError (when awaited) if no message came in time
     * @see WebSocketProtocol#receive(Double)
     */
    @CheckReturnValue
    default Coro<WSMessage> receive() {
        return connection().receive(null);
    }

    /**
     * aiohttp's {@code receive(timeout)}: the next message.
     *
     * @param timeout seconds to wait, or null for {@link WSOptions#receiveTimeout()}
     * @return the receive, run when awaited on the loop's thread
     * @throws IllegalStateException if there is no connection yet; (when awaited) as
     *                               {@link WebSocketProtocol#receive(Double)}
     * @throws io.asyncio4j.TimeoutError (when awaited) if no message came in time
     * @see WebSocketProtocol#receive(Double)
     */
    @CheckReturnValue
    default Coro<WSMessage> receive(Double timeout) {
        return connection().receive(timeout);
    }

    /**
     * As {@link #receive(Double)} with a primitive limit, so that {@code ws.receive(5)} compiles; the same
     * behaviour for every value. Run when awaited, in a task on the loop's thread; cancellation and expiry as
     * {@link WebSocketProtocol#receive(Double)}'s.
     *
     * @param timeout seconds to wait
     * @return the receive, run when awaited on the loop's thread
     * @throws io.asyncio4j.TimeoutError (when awaited) if no message came in time
     * @see WebSocketProtocol#receive(Double)
     */
    @CheckReturnValue
    default Coro<WSMessage> receive(double timeout) {
        return receive(Double.valueOf(timeout));
    }

    /**
     * aiohttp's {@code receive_str()}: the text of the next message.
     *
     * @return the receive, run when awaited on the loop's thread
     * @throws IllegalArgumentException (when awaited) if the message is not {@link WSMsgType#TEXT}
     * @see WebSocketProtocol#receiveStr()
     */
    @CheckReturnValue
    default Coro<String> receiveStr() {
        return connection().receiveStr();
    }

    /**
     * aiohttp's {@code receive_bytes()}: the payload of the next message.
     *
     * @return the receive, run when awaited on the loop's thread
     * @throws IllegalArgumentException (when awaited) if the message is not {@link WSMsgType#BINARY}
     * @see WebSocketProtocol#receiveBytes()
     */
    @CheckReturnValue
    default Coro<byte[]> receiveBytes() {
        return connection().receiveBytes();
    }

    /**
     * aiohttp's {@code receive_json()}: the next text message decoded by {@link #jsonCodec()} into {@code type}.
     *
     * @param type what to read the message as
     * @param <T>  the result type
     * @return the receive and decoding, run when awaited on the loop's thread
     * @throws IllegalArgumentException (when awaited) if the message is not {@link WSMsgType#TEXT}
     * @throws io.asyncio4j.http.json.JSONDecodeError (when awaited) if the text is not valid JSON for {@code type}
     * @see WebSocketProtocol#receiveJson(Class)
     */
    @CheckReturnValue
    default <T> Coro<T> receiveJson(Class<T> type) {
        return connection().receiveJson(type);
    }

    /**
     * The next text message decoded by {@link #jsonCodec()} into {@code type}.
     *
     * @param type what to read the message as
     * @param <T>  {@code type} as a Java type
     * @return the receive and decoding, run when awaited
     * @see WebSocketProtocol#receiveJson(java.lang.reflect.Type)
     */
    @CheckReturnValue
    default <T> Coro<T> receiveJson(java.lang.reflect.Type type) {
        return connection().receiveJson(type);
    }

    /**
     * The next text message decoded by {@link #jsonCodec()} into the generic type {@code type} captures
     * ({@code new TypeRef<List<Item>>() {}}), typed.
     *
     * @param type what to read the message as
     * @param <T>  the type
     * @return the receive and decoding, run when awaited
     * @see WebSocketProtocol#receiveJson(io.asyncio4j.http.json.TypeRef)
     */
    @CheckReturnValue
    default <T> Coro<T> receiveJson(io.asyncio4j.http.json.TypeRef<T> type) {
        return connection().receiveJson(type);
    }

    /**
     * The codec of {@code sendJson} and {@code receiveJson}: the session's or the application's.
     *
     * @return the codec
     * @see WebSocketProtocol#jsonCodec()
     */
    default io.asyncio4j.http.json.JsonCodec jsonCodec() {
        return connection().jsonCodec();
    }

    /**
     * aiohttp's {@code send_str(data)}: sends a text message.
     *
     * @param data the text, sent in UTF-8; not null
     * @return the send, run when awaited on the loop's thread; it completes when the transport's buffer has drained
     * @throws io.asyncio4j.net.ConnectionResetError (when awaited) once closed
     * @see WebSocketProtocol#sendStr(String)
     */
    @CheckReturnValue
    default Coro<Void> sendStr(String data) {
        return connection().sendStr(data);
    }

    /**
     * aiohttp's {@code send_bytes(data)}: sends a binary message.
     *
     * @param data the payload, not null; it must not change until the send is awaited
     * @return the send, run when awaited on the loop's thread; it completes when the transport's buffer has drained
     * @throws io.asyncio4j.net.ConnectionResetError (when awaited) once closed
     * @see WebSocketProtocol#sendBytes(byte[])
     */
    @CheckReturnValue
    default Coro<Void> sendBytes(byte[] data) {
        return connection().sendBytes(data);
    }

    /**
     * aiohttp's {@code send_json(data)}: {@code data} encoded by {@link #jsonCodec()}, sent as a text message.
     *
     * @param data what to send; may be null
     * @return the send, run when awaited on the loop's thread
     * @throws IllegalArgumentException if the codec cannot serialise {@code data} (at once)
     * @throws io.asyncio4j.net.ConnectionResetError (when awaited) once closed
     * @see WebSocketProtocol#sendJson(Object)
     */
    @CheckReturnValue
    default Coro<Void> sendJson(Object data) {
        return connection().sendJson(data);
    }

    /**
     * aiohttp's {@code ping()}: sends a ping with an empty payload.
     *
     * @return the send, run when awaited on the loop's thread
     * @throws io.asyncio4j.net.ConnectionResetError (when awaited) once closed
     * @see WebSocketProtocol#ping(byte[])
     */
    @CheckReturnValue
    default Coro<Void> ping() {
        return connection().ping(new byte[0]);
    }

    /**
     * aiohttp's {@code ping(message)}: sends a ping.
     *
     * @param payload at most 125 bytes
     * @return the send, run when awaited on the loop's thread
     * @throws IllegalArgumentException if {@code payload} is longer than 125 bytes (at once)
     * @throws io.asyncio4j.net.ConnectionResetError (when awaited) once closed
     * @see WebSocketProtocol#ping(byte[])
     */
    @CheckReturnValue
    default Coro<Void> ping(byte[] payload) {
        return connection().ping(payload);
    }

    /**
     * aiohttp's {@code pong()}: sends an unsolicited pong with an empty payload.
     *
     * @return the send, run when awaited on the loop's thread
     * @throws io.asyncio4j.net.ConnectionResetError (when awaited) once closed
     * @see WebSocketProtocol#pong(byte[])
     */
    @CheckReturnValue
    default Coro<Void> pong() {
        return connection().pong(new byte[0]);
    }

    /**
     * aiohttp's {@code pong(message)}: sends an unsolicited pong.
     *
     * @param payload at most 125 bytes
     * @return the send, run when awaited on the loop's thread
     * @throws IllegalArgumentException if {@code payload} is longer than 125 bytes (at once)
     * @throws io.asyncio4j.net.ConnectionResetError (when awaited) once closed
     * @see WebSocketProtocol#pong(byte[])
     */
    @CheckReturnValue
    default Coro<Void> pong(byte[] payload) {
        return connection().pong(payload);
    }

    /**
     * aiohttp's {@code close()}: the close handshake with code 1000 ({@link WSCloseCode#OK}) and no reason.
     *
     * @return the close, run when awaited on the loop's thread: true if this call closed the WebSocket, false if it
     *         was closed already
     * @see WebSocketProtocol#close(int, String)
     */
    @CheckReturnValue
    default Coro<Boolean> close() {
        return connection().close(WSCloseCode.OK, "");
    }

    /**
     * aiohttp's {@code close(code=, message=)}: the close handshake with {@code code} and {@code message}.
     *
     * @param code    the close code to send ({@link WSCloseCode})
     * @param message the reason, at most 123 bytes in UTF-8
     * @return the close, run when awaited on the loop's thread: true if this call closed the WebSocket, false if it
     *         was closed already
     * @throws IllegalArgumentException if {@code message} is longer than 123 bytes in UTF-8 (at once)
     * @see WebSocketProtocol#close(int, String)
     */
    @CheckReturnValue
    default Coro<Boolean> close(int code, String message) {
        return connection().close(code, message);
    }

    /**
     * {@return whether this side has closed (sent its close frame, or dropped the connection)}
     *
     * @see WebSocketProtocol#closed()
     */
    default boolean closed() {
        return connection().closed();
    }

    /**
     * {@return the close code: the peer's, or {@link WSCloseCode#ABNORMAL_CLOSURE}; null while open}
     *
     * @see WebSocketProtocol#closeCode()
     */
    default Integer closeCode() {
        return connection().closeCode();
    }

    /**
     * {@return the exception that ended the connection, or null}
     *
     * @see WebSocketProtocol#exception()
     */
    default Throwable exception() {
        return connection().exception();
    }

    /**
     * {@return the negotiated subprotocol, or null}
     *
     * @see WebSocketProtocol#protocol()
     */
    default String protocol() {
        return connection().protocol();
    }

    /**
     * Iterates over the messages until a close ({@code async for msg in ws}); {@code hasNext()} suspends the calling
     * task.
     *
     * @return an iterator to use from one task on the loop's thread
     * @see WebSocketProtocol#iterator()
     */
    @Override
    default Iterator<WSMessage> iterator() {
        return connection().iterator();
    }
}
