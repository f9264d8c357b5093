package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * CPython's {@code _SelectorDatagramTransport}: a UDP endpoint on the loop's selector. {@link #sendto} sends at
 * once, or queues the datagram while the socket's buffer is full; datagrams received go to
 * {@link DatagramProtocol#datagramReceived}. Errors of single datagrams go to
 * {@link DatagramProtocol#errorReceived} and the endpoint stays open. Methods are for the loop's thread.
 */
public final class DatagramTransport {
    private static final int MAX_DATAGRAM = 65536;

    private final EventLoop loop;
    private final DatagramChannel channel;
    private final DatagramProtocol protocol;
    private final InetSocketAddress remote;
    private final ArrayDeque<Object[]> buffer = new ArrayDeque<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final Map<String, Object> extra = new HashMap<>();
    private int bufferSize;
    private boolean closing;
    private boolean lost;

    DatagramTransport(EventLoop loop, DatagramChannel channel, DatagramProtocol protocol, InetSocketAddress remote,
                      Future<Void> waiter) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.protocol = protocol;
        this.remote = remote;
        extra.put("sockname", channel.getLocalAddress());
        extra.put("peername", remote);
        extra.put("socket", channel);
        loop.callSoon(() -> protocol.connectionMade(this));
        loop.callSoon(() -> {
            if (!closing) {
                loop.addReader(channel, this::readReady);
            }
        });
        loop.callSoon(() -> {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        });
    }

    private void readReady() {
        if (closing) {
            return;
        }
        SocketAddress from;
        try {
            readBuffer.clear();
            from = channel.receive(readBuffer);
        } catch (IOException e) {
            protocol.errorReceived(e);
            return;
        }
        if (from == null) {
            return;
        }
        byte[] data = new byte[readBuffer.flip().remaining()];
        readBuffer.get(data);
        protocol.datagramReceived(data, (InetSocketAddress) from);
    }

    /**
     * CPython's {@code sendto}: sends {@code data} to {@code addr}, or to the connected peer if {@code addr} is
     * null; queues a copy if the socket's buffer is full. Never waits. After {@link #close()} the datagram is
     * dropped; a failed send goes to {@link DatagramProtocol#errorReceived}.
     *
     * @param data the datagram
     * @param addr the receiver, or null on a connected endpoint
     * @throws IllegalArgumentException if the endpoint is connected and {@code addr} is another address, or it is
     *         not connected and {@code addr} is null
     */
    public void sendto(byte[] data, InetSocketAddress addr) {
        InetSocketAddress to = addr;
        if (remote != null) {
            if (addr != null && !addr.equals(remote)) {
                throw new IllegalArgumentException("Invalid address: must be None or " + remote);
            }
            to = remote;
        } else if (addr == null) {
            throw new IllegalArgumentException("sendto needs an address: the endpoint is not connected");
        }
        if (closing || lost) {
            return;
        }
        if (buffer.isEmpty()) {
            try {
                if (channel.send(ByteBuffer.wrap(data), to) > 0 || data.length == 0) {
                    return;
                }
            } catch (IOException e) {
                protocol.errorReceived(e);
                return;
            }
            loop.addWriter(channel, this::writeReady);
        }
        buffer.add(new Object[] {data.clone(), to});
        bufferSize += data.length;
    }

    private void writeReady() {
        while (!buffer.isEmpty()) {
            Object[] d = buffer.peekFirst();
            byte[] data = (byte[]) d[0];
            try {
                if (channel.send(ByteBuffer.wrap(data), (SocketAddress) d[1]) == 0 && data.length > 0) {
                    return; // still full
                }
            } catch (IOException e) {
                protocol.errorReceived(e);
            }
            buffer.pollFirst();
            bufferSize -= data.length;
        }
        loop.removeWriter(channel);
        if (closing) {
            connectionLost(null);
        }
    }

    /**
     * CPython's {@code get_write_buffer_size}.
     *
     * @return the bytes of the datagrams queued, not yet sent
     */
    public int getWriteBufferSize() {
        return bufferSize;
    }

    /**
     * CPython's {@code close}: stops receiving and closes once the queued datagrams are sent; the protocol's
     * {@code connectionLost} then gets null. Idempotent.
     */
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        loop.removeReader(channel);
        if (buffer.isEmpty()) {
            loop.callSoon(() -> connectionLost(null));
        }
    }

    /**
     * CPython's {@code abort}: closes at once, dropping queued datagrams; the protocol's {@code connectionLost} gets
     * null.
     */
    public void abort() {
        buffer.clear();
        bufferSize = 0;
        loop.removeWriter(channel);
        closing = true;
        loop.removeReader(channel);
        loop.callSoon(() -> connectionLost(null));
    }

    /**
     * CPython's {@code is_closing}.
     *
     * @return whether {@link #close()} or {@link #abort()} was called
     */
    public boolean isClosing() {
        return closing;
    }

    private void connectionLost(Throwable exc) {
        if (lost) {
            return;
        }
        lost = true;
        try {
            protocol.connectionLost(exc);
        } finally {
            Net.closeQuietly(channel);
        }
    }

    /**
     * CPython's {@code get_extra_info}.
     *
     * @param name {@code "sockname"}, {@code "peername"} or {@code "socket"} (the channel)
     * @return the item ({@code "peername"}: null unless connected), or null for an unknown name
     */
    public Object getExtraInfo(String name) {
        return extra.get(name);
    }

    @Override
    public String toString() {
        return "<DatagramTransport " + extra.get("sockname") + (closing ? " closing" : "") + ">";
    }
}
