package io.asyncio4j.streams;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.net.BaseProtocol;
import io.asyncio4j.net.Transport;
import io.asyncio4j.net.WriteFlowControl;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * A write-only transport over a blocking {@link OutputStream} (a child process's stdin): writes are queued and a
 * helper thread of {@code pumps} sends them, handing completion back to the loop. The write buffer counts the bytes
 * not yet taken by the pipe, those being sent included; its water marks pause and resume the protocol through the
 * same {@link WriteFlowControl} as sockets, so {@link StreamWriter#drain()} waits while the child does not read.
 */
final class PipeWriteTransport implements Transport {
    private final EventLoop loop;
    private final OutputStream out;
    private final ExecutorService pumps;
    private BaseProtocol protocol;
    private final List<byte[]> pending = new ArrayList<>();
    private int bufferSize;
    private boolean writing;
    private boolean closing;
    private boolean lost;
    private final WriteFlowControl flow;

    PipeWriteTransport(EventLoop loop, OutputStream out, ExecutorService pumps, BaseProtocol protocol) {
        this.loop = loop;
        this.out = out;
        this.pumps = pumps;
        this.protocol = protocol;
        this.flow = new WriteFlowControl(loop, this);
    }

    @Override
    public void write(byte[] data) {
        if (closing) {
            throw new IllegalStateException("write() on a closed pipe");
        }
        if (lost || data.length == 0) {
            return;
        }
        pending.add(data.clone());
        bufferSize += data.length;
        flow.maybePauseProtocol();
        flush();
    }

    private void flush() {
        if (writing || lost) {
            return;
        }
        if (pending.isEmpty()) {
            if (closing) {
                finish(null);
            }
            return;
        }
        List<byte[]> batch = new ArrayList<>(pending);
        pending.clear();
        writing = true;
        Future<Void> job = loop.runInExecutor(pumps, () -> {
            for (byte[] b : batch) {
                out.write(b);
            }
            out.flush();
            return null;
        });
        job.addDoneCallback(f -> {
            writing = false;
            for (byte[] b : batch) {
                bufferSize -= b.length;
            }
            if (f.exception() != null) {
                pending.clear();
                bufferSize = 0;
                finish(f.exception());
                return;
            }
            flow.maybeResumeProtocol(); // may write more
            flush();
        });
    }

    private void finish(Throwable exc) {
        if (lost) {
            return;
        }
        lost = true;
        closing = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // the child may have exited already
        }
        protocol.connectionLost(exc);
    }

    @Override
    public void writeEof() {
        close();
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        flush();
    }

    @Override
    public void abort() {
        pending.clear();
        bufferSize = 0;
        closing = true;
        if (!writing) {
            finish(null);
        }
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void pauseReading() {
    }

    @Override
    public void resumeReading() {
    }

    @Override
    public boolean isReading() {
        return false;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        flow.setLimits(high, low);
    }

    @Override
    public int getWriteBufferSize() {
        return bufferSize;
    }

    @Override
    public Object getExtraInfo(String name) {
        return "pipe".equals(name) ? out : null;
    }

    @Override
    public BaseProtocol getProtocol() {
        return protocol;
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        this.protocol = java.util.Objects.requireNonNull(protocol, "setProtocol(null)");
    }
}
