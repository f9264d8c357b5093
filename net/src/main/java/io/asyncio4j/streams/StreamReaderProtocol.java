package io.asyncio4j.streams;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;
import java.util.HashMap;
import java.util.Map;

/**
 * CPython's {@code StreamReaderProtocol} with its {@code FlowControlMixin}: feeds a {@link StreamReader} from a
 * transport, runs a server's handler as a task, and makes {@link StreamWriter#drain()} wait while the transport's
 * write buffer is above its high water mark.
 */
final class StreamReaderProtocol implements Protocol {
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
