package io.asyncio4j.streams;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.net.Transport;

/**
 * CPython's {@code asyncio.StreamWriter}: the writing end of a stream connection. {@link #write} never waits: it
 * hands the bytes to the transport, which sends them as the peer takes them; await {@link #drain()} after writing
 * to wait while too much is buffered (and to learn that the connection failed). Methods are for the loop's thread.
 *
 * <pre>{@code
 * writer.write(response);
 * writer.drain().await();
 * writer.close();
 * writer.waitClosed().await();
 * }</pre>
 */
public final class StreamWriter implements AutoCloseable {
    private final Transport transport;
    private final StreamReaderProtocol protocol;
    private final StreamReader reader;

    StreamWriter(Transport transport, StreamReaderProtocol protocol, StreamReader reader) {
        this.transport = transport;
        this.protocol = protocol;
        this.reader = reader;
    }

    /**
     * CPython's {@code StreamWriter.transport}.
     *
     * @return the transport underneath
     */
    public Transport transport() {
        return transport;
    }

    /**
     * CPython's {@code write}: sends {@code data}, buffering (a copy of) what the socket does not take at once. Never
     * waits; follow a burst of writes with {@link #drain()}.
     *
     * @param data the bytes to send
     */
    public void write(byte[] data) {
        transport.write(data);
    }

    /**
     * Sends the bytes remaining in {@code data}, as {@link Transport#write(java.nio.ByteBuffer)}: what the socket
     * takes at once goes straight from the buffer (from a direct one without a copy), the rest is copied and
     * buffered. When it returns, {@code data}'s position is at its limit and the caller may reuse it. Never waits;
     * follow a burst of writes with {@link #drain()}.
     *
     * @param data the bytes to send, from its position to its limit
     */
    public void write(java.nio.ByteBuffer data) {
        transport.write(data);
    }

    /**
     * CPython's {@code writelines}: sends each array in turn, as {@link #write(byte[])}.
     *
     * @param data the arrays to send
     */
    public void writelines(Iterable<byte[]> data) {
        transport.writelines(data);
    }

    /** CPython's {@code write_eof}: closes this side for writing once the buffer is sent; the peer sees EOF. */
    public void writeEof() {
        transport.writeEof();
    }

    /**
     * CPython's {@code can_write_eof}.
     *
     * @return whether {@link #writeEof()} is supported (not over TLS)
     */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /**
     * CPython's {@code drain}: waits while the transport's buffer is above its high water mark. Cancelling the
     * awaiting task ends only the wait; the buffered bytes are still sent.
     *
     * @return a coroutine to await inside a task
     * @throws io.asyncio4j.net.ConnectionError (when awaited) if the connection was lost, or the reader's error
     */
    @CheckReturnValue
    public Coro<Void> drain() {
        return Coro.named("StreamWriter.drain", () -> {
            if (reader != null && reader.exception() != null) {
                throw sneaky(reader.exception());
            }
            if (transport.isClosing()) {
                Asyncio.sleep(0).await(); // let connectionLost run, so drain reports it
            }
            protocol.flow.drain().await();
            return null;
        });
    }

    /**
     * CPython's {@code close}: closes the connection once the buffer is sent. Never waits: await
     * {@link #waitClosed()} for that.
     */
    @Override
    public void close() {
        transport.close();
    }

    /**
     * CPython's {@code is_closing}.
     *
     * @return whether the transport is closing or closed
     */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /**
     * CPython's {@code wait_closed}: waits until the connection is closed (the protocol's {@code connectionLost} has
     * run). Cancelling the awaiting task ends only the wait.
     *
     * @return a coroutine to await inside a task
     */
    @CheckReturnValue
    public Coro<Void> waitClosed() {
        return Coro.named("StreamWriter.waitClosed", () -> {
            protocol.closed.await();
            return null;
        });
    }

    /**
     * CPython's {@code get_extra_info}; see {@link Transport#getExtraInfo(String)} for the names.
     *
     * @param name the name of the item, such as {@code "peername"}, {@code "sockname"} or {@code "socket"}
     * @return the item, or null for an unknown name
     */
    public Object getExtraInfo(String name) {
        return transport.getExtraInfo(name);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    @Override
    public String toString() {
        return "<StreamWriter transport=" + transport + ">";
    }
}
