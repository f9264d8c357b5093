package io.asyncio4j.streams;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.net.BufferedProtocol;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * CPython's {@code StreamReaderProtocol} with its {@code FlowControlMixin}: feeds a {@link StreamReader} from a
 * transport, runs a server's handler as a task, and makes {@link StreamWriter#drain()} wait while the transport's
 * write buffer is above its high water mark.
 *
 * <p>It is both kinds of protocol. A transport that reads into buffers (a socket's) takes the {@link BufferedProtocol}
 * side: while a {@link StreamReader#readinto} waits on the empty reader, the kernel reads straight into the caller's
 * buffer; otherwise into one buffer per loop thread, of which the reader gets an array of its own, as a
 * {@link Protocol} would. A transport that hands out arrays (a pipe's) takes the {@link Protocol} side.
 */
final class StreamReaderProtocol implements Protocol, BufferedProtocol {
    /**
     * Where reads go when no readinto is waiting, one per loop thread (a loop's callbacks never overlap, and the
     * reader gets a copy): an array when the transports read into arrays ({@link Net#nativeSocketIo()}), which
     * {@code Arrays.copyOf} copies without zeroing the new array first; else a direct buffer, which the JDK's channel
     * reads into without a buffer of its own in between.
     */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> Net.nativeSocketIo()
            ? ByteBuffer.allocate(256 * 1024)
            : ByteBuffer.allocateDirect(256 * 1024));

    private final EventLoop loop;
    private final StreamReader reader;
    private final ConnectionHandler handler;
    private StreamWriter writer;
    private Transport transport;
    final FlowControl flow;
    final Future<Void> closed;

    StreamReaderProtocol(EventLoop loop, StreamReader reader, ConnectionHandler handler) {
        this.loop = loop;
        this.reader = reader;
        this.handler = handler;
        this.closed = loop.createFuture();
        this.flow = new FlowControl(loop);
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        reader.setTransport(t);
        if (handler != null) {
            writer = new StreamWriter(t, this, reader);
            Task<Void> task = loop.createTask(() -> {
                handler.handle(reader, writer);
                return null;
            }, null);
            task.addDoneCallback(done -> {
                if (done.cancelled()) {
                    t.close();
                    return;
                }
                Throwable exc = done.exception();
                if (exc != null) {
                    Map<String, Object> ctx = new HashMap<>();
                    ctx.put("message", "Unhandled exception in client_connected_cb");
                    ctx.put("exception", exc);
                    ctx.put("transport", t);
                    loop.callExceptionHandler(ctx);
                    t.close();
                }
            });
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        reader.feedOwned(data); // the transport's array is ours to keep (Protocol's contract)
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        ByteBuffer b = reader.lendable();
        return b != null ? b : SCRATCH.get().clear();
    }

    // The transport calls this in the same callback as getBuffer, with nothing in between: the reader still lends
    // the buffer it lent then, or none, and then the bytes are in the scratch buffer.
    @Override
    public void bufferUpdated(int nbytes) {
        if (nbytes <= 0) {
            return;
        }
        if (reader.lendable() != null) {
            reader.lentFilled(nbytes);
            return;
        }
        ByteBuffer b = SCRATCH.get();
        byte[] data;
        if (b.hasArray()) {
            data = Arrays.copyOfRange(b.array(), b.arrayOffset(), b.arrayOffset() + nbytes);
        } else {
            data = new byte[nbytes];
            b.get(0, data);
        }
        reader.feedOwned(data);
    }

    @Override
    public boolean eofReceived() {
        reader.feedEof();
        return true; // keep the transport open: this side may still write
    }

    @Override
    public void connectionLost(Throwable exc) {
        if (exc == null) {
            reader.feedEof();
        } else {
            reader.setException(exc);
        }
        if (!closed.done()) {
            if (exc == null) {
                closed.setResult(null);
            } else {
                closed.setException(exc);
                closed.exception(); // seen here: nobody has to await waitClosed()
            }
        }
        flow.connectionLost(exc);
    }

    @Override
    public void pauseWriting() {
        flow.pauseWriting();
    }

    @Override
    public void resumeWriting() {
        flow.resumeWriting();
    }
}
