package io.asyncio4j.http.ws;

/**
 * aiohttp's {@code WSMsgType}: the kind of a {@link WSMessage}. The first six are RFC 6455 opcodes; {@link #CLOSING},
 * {@link #CLOSED} and {@link #ERROR} are not frames but states that {@code receive()} reports.
 */
public enum WSMsgType {
    /** A continuation frame (never a message's type: fragments are joined before delivery). */
    CONTINUATION(0x0),
    /** A text message: {@link WSMessage#data()} is a {@code String}. */
    TEXT(0x1),
    /** A binary message: {@link WSMessage#data()} is a {@code byte[]}. */
    BINARY(0x2),
    /** A ping (delivered only without autoping): {@link WSMessage#data()} is its {@code byte[]} payload. */
    PING(0x9),
    /** A pong (delivered only without autoping): {@link WSMessage#data()} is its {@code byte[]} payload. */
    PONG(0xA),
    /** The peer's close frame: {@link WSMessage#data()} is the {@code Integer} code, {@code extra()} the reason. */
    CLOSE(0x8),
    /** This side is closing ({@code close()} was called from another task while a {@code receive()} waited). */
    CLOSING(0x100),
    /** The connection is closed: every further {@code receive()} returns this. */
    CLOSED(0x101),
    /** A protocol error or connection failure: {@link WSMessage#data()} is the {@code Throwable}. */
    ERROR(0x102);

    private final int value;

    WSMsgType(int value) {
        this.value = value;
    }

    /** {@return the opcode (0x0..0xA) or aiohttp's number for the three states (0x100..0x102)} */
    public int value() {
        return value;
    }
}
