package io.asyncio4j.http.ws;

import io.asyncio4j.http.json.JsonCodec;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * aiohttp's {@code WSMessage}: one received message or state. What {@code data} holds depends on the type:
 * a {@code String} for {@link WSMsgType#TEXT}, a {@code byte[]} for {@link WSMsgType#BINARY}, {@link WSMsgType#PING}
 * and {@link WSMsgType#PONG}, the {@code Integer} close code for {@link WSMsgType#CLOSE} (with the reason in
 * {@code extra}), the {@code Throwable} for {@link WSMsgType#ERROR}, and null for {@link WSMsgType#CLOSING} and
 * {@link WSMsgType#CLOSED}.
 *
 * @param type  what the message is
 * @param data  the payload, as above
 * @param extra the close reason of a {@link WSMsgType#CLOSE}, else null or ""
 */
public record WSMessage(WSMsgType type, Object data, String extra) {
    static final WSMessage CLOSING = new WSMessage(WSMsgType.CLOSING, null, null);
    static final WSMessage CLOSED = new WSMessage(WSMsgType.CLOSED, null, null);

    /**
     * {@return the text of a {@link WSMsgType#TEXT} message}
     *
     * @throws ClassCastException for a message whose data is not a string
     */
    public String str() {
        return (String) data;
    }

    /**
     * {@return the payload of a {@link WSMsgType#BINARY}, {@link WSMsgType#PING} or {@link WSMsgType#PONG} message;
     * the message's own array, not a copy}
     *
     * @throws ClassCastException for a message whose data is not bytes
     */
    public byte[] bytes() {
        return (byte[]) data;
    }

    /**
     * {@return the close code of a {@link WSMsgType#CLOSE} message}
     *
     * @throws ClassCastException for a message whose data is not an {@code Integer}
     * @throws NullPointerException for a message without data ({@link WSMsgType#CLOSING}, {@link WSMsgType#CLOSED})
     */
    public int code() {
        return (Integer) data;
    }

    /**
     * {@return the exception of an {@link WSMsgType#ERROR} message}
     *
     * @throws ClassCastException for a message whose data is not a {@code Throwable}
     */
    public Throwable exception() {
        return (Throwable) data;
    }

    /**
     * aiohttp's {@code msg.json()}: the text (or UTF-8 bytes) decoded by {@link JsonCodec#defaultCodec()} into
     * {@code type}. A message knows nothing of its connection: to use the session's or application's codec, call
     * {@code msg.json(type, ws.jsonCodec())} or {@code ws.receiveJson(type)}.
     *
     * @param type what to read the message as
     * @param <T>  the result type
     * @return the value
     * @throws io.asyncio4j.http.json.JSONDecodeError if it is not valid JSON for {@code type}
     * @throws ClassCastException if the message is neither text nor bytes
     */
    public <T> T json(Class<T> type) {
        return json(type, JsonCodec.defaultCodec());
    }

    /**
     * As {@link #json(Class)}, into the generic type {@code type} captures ({@code new TypeRef<List<Item>>() {}}),
     * typed, by {@link JsonCodec#defaultCodec()}.
     *
     * @param type what to read the message as
     * @param <T>  the type
     * @return the value
     * @throws io.asyncio4j.http.json.JSONDecodeError if it is not valid JSON for {@code type}
     */
    public <T> T json(io.asyncio4j.http.json.TypeRef<T> type) {
        return json(type.type(), JsonCodec.defaultCodec());
    }

    /**
     * As {@link #json(Type, JsonCodec)}, into the generic type {@code type} captures, typed.
     *
     * @param type  what to read the message as
     * @param codec the codec that reads it
     * @param <T>   the type
     * @return the value
     * @throws io.asyncio4j.http.json.JSONDecodeError if it is not valid JSON for {@code type}
     */
    public <T> T json(io.asyncio4j.http.json.TypeRef<T> type, JsonCodec codec) {
        return json(type.type(), codec);
    }

    /**
     * The text (or UTF-8 bytes) decoded by {@code codec} into {@code type} (a generic type too; {@code T} is then
     * unchecked).
     *
     * @param type  what to read the message as
     * @param codec the codec that reads it
     * @param <T>   {@code type} as a Java type
     * @return the value
     * @throws io.asyncio4j.http.json.JSONDecodeError if it is not valid JSON for {@code type}
     */
    public <T> T json(Type type, JsonCodec codec) {
        Objects.requireNonNull(type, "type");
        return data instanceof byte[] b ? codec.decode(b, type) : codec.decode(str(), type);
    }

    @Override
    public String toString() {
        Object shown = data instanceof byte[] b ? "<" + b.length + " bytes>" : data;
        return "WSMessage(type=" + type + ", data=" + shown + ", extra=" + extra + ")";
    }
}
