package io.asyncio4j;

/**
 * A callback scheduled on an {@link EventLoop} by {@code callSoon}. {@link #cancel()} prevents it from running if
 * it has not run yet. The callback runs in the {@link Context} it was scheduled with: a copy of the context current
 * when it was scheduled, unless one was given. Methods must be called on the loop's thread, except that {@code cancel()} of a handle
 * returned by {@code callSoonThreadsafe} races with the loop as in CPython.
 */
public class Handle {
    final Runnable callback;
    volatile boolean cancelled;
    /**
     * The context the callback runs in: a {@link Context} given (entered for the run), or the {@link ContextMap} of
     * the context current at scheduling (run in a copy made only if the callback sets a variable); null for the
     * library's own steps of tasks, which run in their task's.
     */
    final Object context;

    Handle(Runnable callback) {
        this.callback = callback;
        this.context = null;
    }

    Handle(Runnable callback, Object context) {
        this.callback = callback;
        this.context = context;
    }

    /** Stops the callback from running; does nothing if it already ran or was cancelled. */
    public void cancel() {
        cancelled = true;
    }

    /**
     * CPython's {@code Handle.cancelled()}.
     *
     * @return whether {@link #cancel()} was called
     */
    public boolean cancelled() {
        return cancelled;
    }

    /** Runs the callback, handing what it throws to the loop's exception handler. */
    void run(BaseEventLoop loop) {
        try {
            Object c = context;
            if (c == null) {
                invoke();
            } else if (c instanceof ContextMap m) {
                Context.runHandle(m, this, loop.contextSlot);
            } else {
                ((Context) c).runHandle(this, loop.contextSlot);
            }
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
                throw vme;
            }
            loop.reportCallbackError(this, e);
        }
    }

    /** The work itself; subclasses that carry their own state override this instead of passing a Runnable. */
    void invoke() {
        callback.run();
    }

    /** How debug mode names this handle: CPython names a task's step by the task. */
    String formatForLog() {
        return toString();
    }

    String describeCallback() {
        return Repr.callback(callback);
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + (cancelled ? " cancelled " : " ") + describeCallback() + ">";
    }
}
