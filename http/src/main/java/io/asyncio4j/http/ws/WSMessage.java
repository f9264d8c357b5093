package io.asyncio4j.http.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

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
    private static final ObjectMapper JSON = new ObjectMapper();
    static final WSMessage CLOSING = new WSMessage(WSMsgType.CLOSING, null, null);
    static final WSMessage CLOSED = new WSMessage(WSMsgType.CLOSED, null, null);

    /** The text of a {@link WSMsgType#TEXT} message. @throws ClassCastException for another type */
    public String str() {
        return (String) data;
    }

    /** The payload of a {@link WSMsgType#BINARY}, {@link WSMsgType#PING} or {@link WSMsgType#PONG} message. */
    public byte[] bytes() {
        return (byte[]) data;
    }

    /** The close code of a {@link WSMsgType#CLOSE} message. */
    public int code() {
        return (Integer) data;
    }

    /** The exception of an {@link WSMsgType#ERROR} message. */
    public Throwable exception() {
        return (Throwable) data;
    }

    /**
     * {@code msg.json()}: the text (or UTF-8 bytes) parsed by Jackson into {@code type}.
     *
     * @throws UncheckedIOException if it is not valid JSON for {@code type}
     */
    public <T> T json(Class<T> type) {
        try {
            return data instanceof byte[] b ? JSON.readValue(b, type) : JSON.readValue(str(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        Object shown = data instanceof byte[] b ? "<" + b.length + " bytes>" : data;
        return "WSMessage(type=" + type + ", data=" + shown + ", extra=" + extra + ")";
    }
}
