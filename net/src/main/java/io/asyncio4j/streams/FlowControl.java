package io.asyncio4j.streams;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.net.ConnectionResetError;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * CPython's {@code FlowControlMixin}: the writing side of a protocol's flow control. The protocol forwards its
 * transport's {@code pauseWriting}, {@code resumeWriting} and {@code connectionLost} here, and a task that writes
 * awaits {@link #drain()} to wait while the transport's buffer is above its high water mark. Used by
 * {@link StreamWriter#drain()} and by protocols of other packages (the HTTP server). For the loop's thread. The
 * transport side, which decides when to call {@code pauseWriting} and {@code resumeWriting}, is
 * {@link io.asyncio4j.net.WriteFlowControl}.
 */
public final class FlowControl {
    private final EventLoop loop;
    private boolean paused;
    private boolean connectionLost;
    private Throwable lostWith;
    private final ArrayDeque<Future<Void>> drainWaiters = new ArrayDeque<>();

    /**
     * Flow control for one connection, not paused.
     *
     * @param loop the loop whose thread calls this object; the drain waiters are its futures
     */
    public FlowControl(EventLoop loop) {
        this.loop = loop;
    }

    /** The transport's buffer went above its high water mark. */
    public void pauseWriting() {
        paused = true;
    }

    /** The transport's buffer drained to its low water mark: wakes the tasks in {@link #drain()}. */
    public void resumeWriting() {
        paused = false;
        for (Future<Void> w : drainWaiters) {
            if (!w.done()) {
                w.setResult(null);
            }
        }
    }

    /**
     * The connection is lost: wakes the waiters, with {@code exc} if any; every later {@link #drain()} throws.
     *
     * @param exc null for a regular close, else the error
     */
    public void connectionLost(Throwable exc) {
        connectionLost = true;
        lostWith = exc;
        for (Future<Void> w : drainWaiters) {
            if (!w.done()) {
                if (exc == null) {
                    w.setResult(null);
                } else {
                    w.setException(exc);
                }
            }
        }
        drainWaiters.clear();
    }

    /**
     * Whether writing is paused.
     *
     * @return true between {@link #pauseWriting()} and {@link #resumeWriting()}
     */
    public boolean isPaused() {
        return paused;
    }

    /**
     * CPython's {@code _drain_helper}: returns at once unless writing is paused, else waits for
     * {@link #resumeWriting()}. Cancelling the wait leaves the flow control as it was.
     *
     * @return a coroutine to await inside a task
     * @throws ConnectionResetError (when awaited) if the connection is lost, before or during the wait (or the
     *         error the connection was lost with, if it was lost during the wait)
     */
    @CheckReturnValue
    public Coro<Void> drain() {
        return Coro.named("FlowControl.drain", () -> {
            if (connectionLost) {
                throw new ConnectionResetError("Connection lost", lostWith instanceof IOException io ? io
                        : new IOException("Connection lost", lostWith));
            }
            if (!paused) {
                return null;
            }
            Future<Void> w = loop.createFuture();
            drainWaiters.add(w);
            try {
                w.await();
            } finally {
                drainWaiters.remove(w);
            }
            return null;
        });
    }
}
