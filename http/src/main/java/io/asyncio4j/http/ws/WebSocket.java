package io.asyncio4j.http.ws;

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
     * The connection's engine.
     *
     * @throws IllegalStateException if there is none yet (a server response not prepared)
     */
    WebSocketProtocol connection();

    /** @see WebSocketProtocol#receive(Double) */
    default Coro<WSMessage> receive() {
        return connection().receive(null);
    }

    /** @see WebSocketProtocol#receive(Double) */
    default Coro<WSMessage> receive(Double timeout) {
        return connection().receive(timeout);
    }

    /** @see WebSocketProtocol#receiveStr() */
    default Coro<String> receiveStr() {
        return connection().receiveStr();
    }

    /** @see WebSocketProtocol#receiveBytes() */
    default Coro<byte[]> receiveBytes() {
        return connection().receiveBytes();
    }

    /** @see WebSocketProtocol#receiveJson(Class) */
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
    default <T> Coro<T> receiveJson(java.lang.reflect.Type type) {
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

    /** @see WebSocketProtocol#sendStr(String) */
    default Coro<Void> sendStr(String data) {
        return connection().sendStr(data);
    }

    /** @see WebSocketProtocol#sendBytes(byte[]) */
    default Coro<Void> sendBytes(byte[] data) {
        return connection().sendBytes(data);
    }

    /** @see WebSocketProtocol#sendJson(Object) */
    default Coro<Void> sendJson(Object data) {
        return connection().sendJson(data);
    }

    /** @see WebSocketProtocol#ping(byte[]) */
    default Coro<Void> ping() {
        return connection().ping(new byte[0]);
    }

    /** @see WebSocketProtocol#ping(byte[]) */
    default Coro<Void> ping(byte[] payload) {
        return connection().ping(payload);
    }

    /** @see WebSocketProtocol#pong(byte[]) */
    default Coro<Void> pong() {
        return connection().pong(new byte[0]);
    }

    /** @see WebSocketProtocol#pong(byte[]) */
    default Coro<Void> pong(byte[] payload) {
        return connection().pong(payload);
    }

    /** @see WebSocketProtocol#close(int, String) */
    default Coro<Boolean> close() {
        return connection().close(WSCloseCode.OK, "");
    }

    /** @see WebSocketProtocol#close(int, String) */
    default Coro<Boolean> close(int code, String message) {
        return connection().close(code, message);
    }

    /** @see WebSocketProtocol#closed() */
    default boolean closed() {
        return connection().closed();
    }

    /** @see WebSocketProtocol#closeCode() */
    default Integer closeCode() {
        return connection().closeCode();
    }

    /** @see WebSocketProtocol#exception() */
    default Throwable exception() {
        return connection().exception();
    }

    /** @see WebSocketProtocol#protocol() */
    default String protocol() {
        return connection().protocol();
    }

    /** @see WebSocketProtocol#iterator() */
    @Override
    default Iterator<WSMessage> iterator() {
        return connection().iterator();
    }
}
