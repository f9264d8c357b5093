package io.asyncio4j.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * CPython's {@code _SelectorSocketTransport}: a TCP or Unix domain socket connection driven by its loop's
 * selector. Reads go to the protocol as they arrive (a {@link BufferedProtocol} gets them in its own buffer);
 * writes are sent at once when the socket takes them and buffered otherwise, with the water marks of
 * {@link Transport}. Every method is for the loop's thread. Errors close the transport and reach the protocol's
 * {@code connectionLost}; unexpected ones are also reported to the loop's exception handler. The channel is closed
 * when the protocol has been told.
 *
 * <p><b>Bytes and copies.</b> A {@link Protocol} gets each read in a new array of exactly the bytes read, which it
 * owns: nothing of the transport's ever shows through it, and it stays as it is after later reads. A
 * {@link BufferedProtocol} gets its bytes in the buffer it lent, which the transport writes only during the read
 * that follows {@code getBuffer}. {@link #write(byte[])} and {@link #write(ByteBuffer)} send what the socket takes
 * at once straight from the caller's array or buffer (write-through) and copy only the rest, which they buffer; once
 * they return, the caller may change or reuse its array or buffer. Where the JDK's foreign calls may be used (native
 * access enabled for this module, and {@code sun.nio.ch} exported to it: see {@code NativeSocketIo}), reads go from
 * the kernel into one array per loop thread, copied once into the protocol's (or straight into a
 * {@code BufferedProtocol}'s buffer, heap or direct), and writes go from the caller's array or buffer to the kernel,
 * with no direct buffer in between; otherwise reads go through one direct buffer per loop thread (a
 * {@code BufferedProtocol}'s direct buffer is read into as it is) and writes of arrays through the JDK's temporary
 * direct buffers.
 */
public final class SocketTransport implements Transport {
    private static final int MAX_READ = 256 * 1024;
    /** One read buffer per loop thread: callbacks of a loop never overlap, and the protocol gets a copy. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_READ));
    private static final ByteBuffer[] NO_BUFFERS = new ByteBuffer[0];
    private static final NativeSocketIo NATIVE = NativeSocketIo.INSTANCE;
    /**
     * With {@link NativeSocketIo}: one array per loop thread that the kernel reads into, of which the protocol gets
     * an exact copy ({@code Arrays.copyOf}, which the JIT fills without zeroing first). Never handed out.
     */
    private static final ThreadLocal<byte[]> READ_ARRAY = ThreadLocal.withInitial(() -> new byte[MAX_READ]);

    private final EventLoop loop;
    private final SocketChannel channel;
    /** The channel's descriptor when {@link NativeSocketIo} is used, else -1. */
    private final int fd;
    private BaseProtocol protocol;
    private final Runnable onConnectionLost;
    private final String peer;
    private final Map<String, Object> extra = new HashMap<>();
    private final ArrayDeque<ByteBuffer> buffer = new ArrayDeque<>();
    private int bufferSize;
    private final WriteFlowControl flow;
    private boolean closing;
    private boolean eof;
    private boolean paused;
    private int connLost;
    /** Set while {@link Net#sendfile} owns the socket: writes are refused (CPython's {@code _empty_waiter}). */
    private boolean sendfileActive;
    /** Completed when the write buffer empties (or failed when the connection is lost); null if nobody waits. */
    private Future<Void> emptyWaiter;

    private SocketTransport(EventLoop loop, SocketChannel channel, BaseProtocol protocol, Runnable onConnectionLost) {
        this.loop = loop;
        this.channel = channel;
        this.protocol = protocol;
        this.onConnectionLost = onConnectionLost;
        this.flow = new WriteFlowControl(loop, this);
        this.fd = NATIVE != null ? NATIVE.fd(channel) : -1;
        String p;
        try {
            p = String.valueOf(channel.getRemoteAddress());
            extra.put("peername", channel.getRemoteAddress());
            extra.put("sockname", channel.getLocalAddress());
        } catch (IOException e) {
            p = "?";
        }
        this.peer = p;
        extra.put("socket", channel);
    }

    /**
     * Wraps a connected channel (CPython's {@code connect_accepted_socket} without the task): makes it
     * non-blocking, with {@code TCP_NODELAY} if it is a TCP one (a Unix domain channel has no such option), then,
     * in the next iterations, calls {@code protocol.connectionMade}, starts reading and completes {@code waiter}
     * (if not null). {@code onConnectionLost} (may be null) runs after
     * the protocol's {@code connectionLost}. Call it on {@code loop}'s thread.
     *
     * @param loop the loop that drives the transport
     * @param channel a connected channel, now owned by the transport (closing the transport closes it)
     * @param protocol the protocol the transport calls
     * @param waiter completed (with null) once {@code connectionMade} has run, or null
     * @param onConnectionLost run after the protocol's {@code connectionLost}, or null
     * @return the transport
     * @throws ConnectionError if the channel cannot be configured
     */
    public static SocketTransport attach(EventLoop loop, SocketChannel channel, BaseProtocol protocol,
                                         Future<Void> waiter, Runnable onConnectionLost) {
        try {
            channel.configureBlocking(false);
            if (!(channel.getLocalAddress() instanceof java.net.UnixDomainSocketAddress)) { // a TCP-only option
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
        } catch (IOException e) {
            throw ConnectionError.of(String.valueOf(channel), e);
        }
        SocketTransport t = new SocketTransport(loop, channel, protocol, onConnectionLost);
        loop.callSoon(() -> protocol.connectionMade(t));
        loop.callSoon(() -> {
            if (!t.closing && !t.paused) {
                loop.addReader(channel, t::readReady);
            }
        });
        if (waiter != null) {
            loop.callSoon(() -> {
                if (!waiter.done()) {
                    waiter.setResult(null);
                }
            });
        }
        return t;
    }

    // ---- reading ----

    private void readReady() {
        if (closing) {
            return;
        }
        int n;
        String failed = "Fatal read error on socket transport"; // CPython's messages, by the step that failed
        try {
            if (protocol instanceof BufferedProtocol bp) {
                failed = "Fatal error: protocol.get_buffer() call failed.";
                ByteBuffer buf = bp.getBuffer(-1);
                if (buf == null || !buf.hasRemaining()) {
                    throw new IllegalStateException("get_buffer() returned an empty buffer");
                }
                failed = "Fatal read error on socket transport";
                if (fd >= 0) {
                    // Heap or direct, the kernel writes into the buffer itself (a heap one: not into a temporary
                    // direct buffer first).
                    n = NATIVE.read(fd, buf);
                    if (n > 0) {
                        buf.position(buf.position() + n);
                    }
                } else {
                    n = channel.read(buf);
                }
                if (n > 0) {
                    failed = "Fatal error: protocol.buffer_updated() call failed.";
                    bp.bufferUpdated(n);
                }
            } else {
                // One read of up to 256 KiB, as CPython's transport: it takes all that has arrived, and a second
                // read would cost a system call that finds nothing. The protocol gets an array of its own.
                byte[] data = null;
                if (fd >= 0) {
                    byte[] scratch = READ_ARRAY.get();
                    n = NATIVE.read(fd, scratch, 0, scratch.length);
                    if (n > 0) {
                        data = Arrays.copyOf(scratch, n);
                    }
                } else {
                    ByteBuffer buf = READ_BUFFER.get();
                    buf.clear();
                    n = channel.read(buf);
                    if (buf.position() > 0) {
                        data = new byte[buf.position()];
                        buf.flip().get(data);
                    }
                }
                if (data != null) {
                    failed = "Fatal error: protocol.data_received() call failed.";
                    ((Protocol) protocol).dataReceived(data);
                }
            }
        } catch (Throwable e) {
            // As CPython's transport (BaseException there): whatever fails closes this transport. Left open, a
            // read that keeps failing before it reads (a class that cannot load without a free descriptor) would
            // fail again at every readiness, for ever, holding its descriptor.
            if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
                throw vme;
            }
            fatalError(e, failed);
            return;
        }
        if (n < 0) {
            readEof();
        }
    }

    private void readEof() {
        boolean keepOpen;
        try {
            keepOpen = protocol instanceof BufferedProtocol bp ? bp.eofReceived() : ((Protocol) protocol).eofReceived();
        } catch (RuntimeException e) {
            fatalError(e, "Fatal error: protocol.eofReceived() call failed.");
            return;
        }
        if (keepOpen) {
            loop.removeReader(channel); // half-closed: we may still write
        } else {
            close();
        }
    }

    @Override
    public void pauseReading() {
        if (closing || paused) {
            return;
        }
        paused = true;
        loop.removeReader(channel);
    }

    @Override
    public void resumeReading() {
        if (closing || !paused) {
            return;
        }
        paused = false;
        loop.addReader(channel, this::readReady);
    }

    @Override
    public boolean isReading() {
        return !paused && !closing;
    }

    // ---- writing ----

    @Override
    public void write(byte[] data) {
        if (data == null) {
            throw new NullPointerException("write(null)");
        }
        if (!writable(data.length)) {
            return;
        }
        ByteBuffer b;
        if (buffer.isEmpty()) {
            // Write-through: what the socket takes now goes from the caller's array; only the rest is copied.
            int written;
            try {
                written = writeNow(data, 0, data.length);
            } catch (IOException e) {
                fatalError(e, "Fatal write error on socket transport");
                return;
            }
            if (written == data.length) {
                return;
            }
            b = ByteBuffer.wrap(Arrays.copyOfRange(data, written, data.length));
            loop.addWriter(channel, this::writeReady);
        } else {
            b = ByteBuffer.wrap(data.clone());
        }
        buffer.add(b);
        bufferSize += b.remaining();
        flow.maybePauseProtocol();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here, with nothing buffered before it, what the socket takes at once goes straight from {@code data}: from
     * a direct buffer with no copy at all (a {@link BufferedProtocol} reading into a direct buffer and writing it
     * back moves no byte through the Java heap), from a heap buffer as {@link #write(byte[])} does. Only the rest is
     * copied.
     */
    @Override
    public void write(ByteBuffer data) {
        if (data == null) {
            throw new NullPointerException("write(null)");
        }
        if (!writable(data.remaining())) {
            data.position(data.limit());
            return;
        }
        if (buffer.isEmpty()) {
            try {
                if (fd >= 0) {
                    data.position(data.position() + NATIVE.write(fd, data));
                } else {
                    channel.write(data); // a direct buffer goes to the kernel as it is, a heap one as write(byte[])
                }
            } catch (IOException e) {
                data.position(data.limit());
                fatalError(e, "Fatal write error on socket transport");
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
            loop.addWriter(channel, this::writeReady);
        }
        byte[] rest = new byte[data.remaining()];
        data.get(rest);
        buffer.add(ByteBuffer.wrap(rest));
        bufferSize += rest.length;
        flow.maybePauseProtocol();
    }

    /**
     * The checks of a write of {@code n} bytes: throws where CPython raises, and says whether there is anything to
     * send.
     */
    private boolean writable(int n) {
        if (eof) {
            throw new IllegalStateException("Cannot call write() after write_eof()");
        }
        if (sendfileActive) {
            throw new IllegalStateException("unable to write; sendfile is in progress");
        }
        // CPython warns after a few writes to a lost connection; the data goes nowhere either way.
        return n > 0 && connLost == 0;
    }

    private void writeReady() {
        if (connLost > 0) {
            return;
        }
        try {
            if (buffer.size() == 1) {
                ByteBuffer b = buffer.peekFirst();
                b.position(b.position() + writeNow(b.array(), b.arrayOffset() + b.position(), b.remaining()));
            } else {
                channel.write(buffer.toArray(NO_BUFFERS)); // one gathering system call for them all
            }
        } catch (IOException e) {
            loop.removeWriter(channel);
            buffer.clear();
            bufferSize = 0;
            fatalError(e, "Fatal write error on socket transport");
            return;
        }
        while (!buffer.isEmpty() && !buffer.peekFirst().hasRemaining()) {
            buffer.pollFirst();
        }
        bufferSize = 0;
        for (ByteBuffer b : buffer) {
            bufferSize += b.remaining();
        }
        flow.maybeResumeProtocol();
        if (buffer.isEmpty()) {
            loop.removeWriter(channel);
            completeEmptyWaiter(null);
            if (closing) {
                callConnectionLost(null);
            } else if (eof) {
                shutdownOutput();
            }
        }
    }

    /**
     * Writes what the socket takes of {@code a[off, off + len)} now, straight from the array where
     * {@link NativeSocketIo} may be used.
     *
     * @return how many bytes were written
     */
    private int writeNow(byte[] a, int off, int len) throws IOException {
        if (fd >= 0) {
            return NATIVE.write(fd, a, off, len);
        }
        ByteBuffer b = ByteBuffer.wrap(a, off, len);
        channel.write(b);
        return b.position() - off;
    }

    @Override
    public void writeEof() {
        if (closing || eof) {
            return;
        }
        eof = true;
        if (buffer.isEmpty()) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fatalError(e, "Fatal error on shutdownOutput");
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        flow.setLimits(high, low);
    }

    @Override
    public int getWriteBufferSize() {
        return bufferSize;
    }

    // ---- closing ----

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        loop.removeReader(channel);
        if (buffer.isEmpty()) {
            connLost++;
            loop.removeWriter(channel);
            loop.callSoon(() -> callConnectionLost(null));
        }
    }

    @Override
    public void abort() {
        forceClose(null);
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    private void fatalError(Throwable e, String message) {
        boolean expected = e instanceof IOException io && ConnectionError.of(peer, io) instanceof ConnectionResetError;
        if (!expected) {
            report(message, e);
        }
        forceClose(e instanceof IOException io ? ConnectionError.of(peer, io) : e);
    }

    private void forceClose(Throwable exc) {
        if (connLost > 0) {
            return;
        }
        if (!buffer.isEmpty()) {
            buffer.clear();
            bufferSize = 0;
            loop.removeWriter(channel);
        }
        if (!closing) {
            closing = true;
            loop.removeReader(channel);
        }
        connLost++;
        completeEmptyWaiter(exc != null ? exc : new ConnectionResetError("Connection is closed", null));
        loop.callSoon(() -> callConnectionLost(exc));
    }

    // ---- sendfile (Net.sendfile's zero-copy path) ----

    /** Whether reads and writes may go through {@link NativeSocketIo} (for tests). */
    boolean usesNativeIo() {
        return fd >= 0;
    }

    /** The socket, for {@link Net#sendfile}'s {@code transferTo}. */
    SocketChannel channel() {
        return channel;
    }

    /**
     * CPython's {@code _make_empty_waiter}: a future completed once everything buffered has been written (at once
     * if nothing is), failed if the connection is lost first.
     *
     * @throws IllegalStateException if a sendfile already owns the socket
     */
    Future<Void> emptyWaiter() {
        if (emptyWaiter != null || sendfileActive) {
            throw new IllegalStateException("sendfile is in progress");
        }
        Future<Void> f = loop.createFuture();
        if (buffer.isEmpty()) {
            f.setResult(null);
        } else {
            emptyWaiter = f;
        }
        return f;
    }

    /** Marks the socket as owned by sendfile (writes refused) or given back. */
    void sendfileActive(boolean active) {
        sendfileActive = active;
        if (!active) {
            emptyWaiter = null;
        }
    }

    private void completeEmptyWaiter(Throwable exc) {
        Future<Void> f = emptyWaiter;
        emptyWaiter = null;
        if (f != null && !f.done()) {
            if (exc == null) {
                f.setResult(null);
            } else {
                f.setException(exc);
            }
        }
    }

    private void callConnectionLost(Throwable exc) {
        try {
            protocol.connectionLost(exc);
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a socket that failed: nothing more to do
            }
            if (onConnectionLost != null) {
                onConnectionLost.run();
            }
        }
    }

    private void report(String message, Throwable e) {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("message", message);
        ctx.put("exception", e);
        ctx.put("transport", this);
        ctx.put("protocol", protocol);
        loop.callExceptionHandler(ctx);
    }

    @Override
    public Object getExtraInfo(String name) {
        return extra.get(name);
    }

    @Override
    public BaseProtocol getProtocol() {
        return protocol;
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        this.protocol = java.util.Objects.requireNonNull(protocol, "setProtocol(null)");
    }

    @Override
    public String toString() {
        return "<SocketTransport " + (closing ? "closing" : "open") + " peer=" + peer + " buffered=" + bufferSize + ">";
    }
}
