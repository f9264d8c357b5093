package io.asyncio4j.streams;

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

    /** The transport underneath. */
    public Transport transport() {
        return transport;
    }

    /** Sends {@code data}, buffering what the socket does not take at once. */
    public void write(byte[] data) {
        transport.write(data);
    }

    /** Sends each array in turn. */
    public void writelines(Iterable<byte[]> data) {
        transport.writelines(data);
    }

    /** Closes this side for writing once the buffer is sent; the peer sees EOF. */
    public void writeEof() {
        transport.writeEof();
    }

    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /**
     * Waits while the transport's buffer is above its high water mark.
     *
     * @throws io.asyncio4j.net.ConnectionError (when awaited) if the connection was lost, or the reader's error
     */
    public Coro<Void> drain() {
        return () -> {
            if (reader != null && reader.exception() != null) {
                throw sneaky(reader.exception());
            }
            if (transport.isClosing()) {
                Asyncio.sleep(0).await(); // let connectionLost run, so drain reports it
            }
            protocol.flow.drain().await();
            return null;
        };
    }

    /** Closes the connection once the buffer is sent. Never waits: await {@link #waitClosed()} for that. */
    @Override
    public void close() {
        transport.close();
    }

    public boolean isClosing() {
        return transport.isClosing();
    }

    /** Waits until the connection is closed. */
    public Coro<Void> waitClosed() {
        return () -> {
            protocol.closed.await();
            return null;
        };
    }

    /** The transport's extra information: {@code "peername"}, {@code "sockname"}, {@code "socket"}. */
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
