package io.asyncio4j.streams;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.net.BaseProtocol;
import io.asyncio4j.net.ReadTransport;
import java.io.IOException;
import java.io.InputStream;

/**
 * The read end of a child's pipe as a read-only transport (CPython's {@code _UnixReadPipeTransport}): what a
 * subprocess's {@link StreamReader} pauses when more than twice its limit is unread and resumes when its reads bring
 * that down, so a child that writes faster than the program reads blocks on its full pipe instead of filling this
 * process's memory.
 *
 * <p>The pipe itself blocks, so a pump task of {@link Subprocess} reads it on a helper thread and feeds the reader;
 * before each read it awaits {@link #whenReading()}.
 *
 * <p><b>Threads.</b> The loop's thread only.
 */
final class PipeReadTransport extends ReadTransport {
    private final EventLoop loop;
    private final InputStream pipe;
    private boolean paused;
    private boolean closing;
    /** Completed when reading resumes; null while reading. */
    private Future<Void> resumed;

    PipeReadTransport(EventLoop loop, InputStream pipe) {
        this.loop = loop;
        this.pipe = pipe;
    }

    /** Done at once while reading; else completes when {@link #resumeReading()} is called (or the pipe closes). */
    Future<Void> whenReading() {
        if (!paused || closing) {
            Future<Void> now = loop.createFuture();
            now.setResult(null);
            return now;
        }
        if (resumed == null) {
            resumed = loop.createFuture();
        }
        return resumed;
    }

    @Override
    public void pauseReading() {
        paused = true;
    }

    @Override
    public void resumeReading() {
        paused = false;
        wakePump();
    }

    @Override
    public boolean isReading() {
        return !paused && !closing;
    }

    private void wakePump() {
        Future<Void> r = resumed;
        resumed = null;
        if (r != null && !r.done()) {
            r.setResult(null);
        }
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            pipe.close();
        } catch (IOException ignored) {
            // closing a pipe we only read: nothing to lose
        }
        wakePump();
    }

    @Override
    public void abort() {
        close();
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public Object getExtraInfo(String name) {
        return "pipe".equals(name) ? pipe : null;
    }

    @Override
    public BaseProtocol getProtocol() {
        return null;
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        throw new UnsupportedOperationException("a subprocess's read pipe feeds its StreamReader, not a protocol");
    }

    @Override
    public String toString() {
        return "<PipeReadTransport" + (closing ? " closed" : paused ? " paused" : " reading") + ">";
    }
}
