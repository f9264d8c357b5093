package io.asyncio4j;

import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * The result of an operation that completes later, bound to one {@link EventLoop} (CPython's
 * {@code asyncio.Future}). A future is pending, then exactly once finished with a result, finished with an
 * exception, or cancelled.
 *
 * <p><b>Done callbacks</b> are never run inline: when the future completes, each one is scheduled with
 * {@code callSoon}, in the order they were added; one added after completion is scheduled at once.
 *
 * <p><b>Threads.</b> A future is not thread-safe: use it only on its loop's thread and the loop's tasks (a call
 * from another thread throws {@link IllegalStateException}). From other threads, complete it through
 * {@link EventLoop#callSoonThreadsafe(Runnable)}.
 *
 * <p><b>Cancellation.</b> {@link #cancel(String)} completes a pending future as cancelled; a task awaiting it gets
 * a {@link CancelledError} carrying the message.
 *
 * <p><b>Messages.</b> The {@link InvalidStateError}s say what CPython's C futures (the {@code _asyncio} module,
 * which {@code asyncio} uses) say: "Result is not set." and "Exception is not set." while pending, "invalid state"
 * when completing a done future. The pure-Python {@code futures.py} words them differently ("Result is not
 * ready.", "FINISHED: &lt;Future ...&gt;") but runs only where the C module is missing.
 *
 * @param <T> the result type
 */
public class Future<T> implements Awaitable<T> {
    /** FAILED: finished with an exception, which {@link #result} then holds. */
    private static final byte PENDING = 0, FINISHED = 1, FAILED = 2, CANCELLED = 3;

    final BaseEventLoop loop;
    private byte state;
    /** The result, or the exception when FAILED: one slot, since a parked task costs every byte a million times. */
    private Object result;
    String cancelMessage;
    /** The CancelledError a task's body threw, handed out once by {@link #makeCancelledError()}. */
    CancelledError cancelledExc;
    /** Reports the exception if nobody retrieves it; null once retrieved or if there is none. */
    private UnretrievedException unretrieved;
    /** null, one callback, or an ArrayList of them: most futures have at most one. */
    private Object callbacks;

    Future(BaseEventLoop loop) {
        this.loop = loop;
    }

    /**
     * CPython's {@code Future.done()}.
     *
     * @return whether the future is finished (with a result or an exception) or cancelled
     */
    public boolean done() {
        return state != PENDING;
    }

    /**
     * CPython's {@code Future.cancelled()}.
     *
     * @return whether the future was cancelled
     */
    public boolean cancelled() {
        return state == CANCELLED;
    }

    /**
     * The result: returns it, rethrows the exception the future finished with (the same object), or throws
     * {@link CancelledError} if cancelled.
     *
     * <p>Retrieving the exception (here or through {@link #exception()}) keeps it from being reported as never
     * retrieved. CPython's {@code Future.result()}; it never waits (see {@link #await()}).
     *
     * @return the result
     * @throws CancelledError if the future was cancelled
     * @throws InvalidStateError ("Result is not set.") if the future is still pending
     */
    public T result() {
        switch (state) {
            case CANCELLED -> throw makeCancelledError();
            case PENDING -> throw new InvalidStateError("Result is not set.");
            case FAILED -> {
                markRetrieved();
                throw Tasks.sneakyThrow((Throwable) result);
            }
            default -> {
                @SuppressWarnings("unchecked")
                T value = (T) result;
                return value;
            }
        }
    }

    /**
     * The exception the future finished with (CPython's {@code Future.exception()}); never waits.
     *
     * @return the exception, or {@code null} if the future finished with a result
     * @throws CancelledError if cancelled
     * @throws InvalidStateError ("Exception is not set.") if still pending
     */
    public Throwable exception() {
        switch (state) {
            case CANCELLED -> throw makeCancelledError();
            case PENDING -> throw new InvalidStateError("Exception is not set.");
            case FAILED -> {
                markRetrieved();
                return (Throwable) result;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Finishes the future with {@code value} and schedules its done callbacks (CPython's {@code set_result}); a task
     * awaiting it resumes in a later iteration. Call it on the loop's thread.
     *
     * @param value the result; may be null
     * @throws InvalidStateError ("invalid state") if already done
     */
    public void setResult(T value) {
        complete(value);
    }

    final void complete(T value) {
        loop.checkThread();
        if (state != PENDING) {
            throw new InvalidStateError("invalid state");
        }
        result = value;
        state = FINISHED;
        scheduleCallbacks();
    }

    /**
     * Finishes the future with {@code e}; {@link #result()} and {@code await()} will throw that very object
     * (CPython's {@code set_exception}). If nobody retrieves it, the loop's exception handler reports it ("Future
     * exception was never retrieved", "Task ..." for a task) once the future is unreachable or, at the latest, when
     * the loop closes. Call it on the loop's thread.
     *
     * @param e the exception
     * @throws InvalidStateError ("invalid state") if already done
     * @throws NullPointerException if {@code e} is null
     */
    public void setException(Throwable e) {
        completeExceptionally(e);
    }

    final void completeExceptionally(Throwable e) {
        loop.checkThread();
        if (e == null) {
            throw new NullPointerException("setException(null): the exception is required");
        }
        if (state != PENDING) {
            throw new InvalidStateError("invalid state");
        }
        result = e;
        state = FAILED;
        unretrieved = UnretrievedException.watch(this, e);
        scheduleCallbacks();
    }

    /**
     * Same as {@code cancel(null)}.
     *
     * @return false if the future was already done
     */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future if it is pending and schedules its callbacks.
     *
     * @param msg the message of the {@link CancelledError} that awaiting this future throws; may be null
     * @return false if the future was already done
     */
    public boolean cancel(String msg) {
        return cancelFuture(msg);
    }

    /** Future's own cancel, which a Task's {@code cancel} does not reach. */
    final boolean cancelFuture(String msg) {
        loop.checkThread();
        if (state != PENDING) {
            return false;
        }
        state = CANCELLED;
        cancelMessage = msg;
        scheduleCallbacks();
        return true;
    }

    /**
     * CPython's {@code add_done_callback}: adds a callback run with this future on the loop (through
     * {@code callSoon}, never inline) once it is done; if it is already done, scheduled at once. Callbacks run in the
     * order they were added. It runs in a copy of the {@link Context} current now. Call it on the loop's thread.
     *
     * @param cb the callback; an exception it throws goes to the loop's exception handler
     */
    public void addDoneCallback(Consumer<? super Future<T>> cb) {
        if (cb == null) {
            throw new NullPointerException("addDoneCallback(null)");
        }
        addCallback(new InContext<>(cb, Context.currentMap()));
    }

    /**
     * A done callback of the library's that reads no context variable (a task's wake-up): it runs in no context of
     * its own, which spares the copy of the current one on the path of every task switch.
     */
    void addDoneCallbackWithoutContext(Consumer<? super Future<T>> cb) {
        addCallback(cb);
    }

    @SuppressWarnings("unchecked")
    private void addCallback(Consumer<? super Future<T>> cb) {
        if (state != PENDING) {
            loop.callSoon(doneCallback(cb));
        } else if (callbacks == null) {
            callbacks = cb;
        } else if (callbacks instanceof CallbackList list) {
            list.add(cb);
        } else {
            CallbackList list = new CallbackList();
            list.add((Consumer<Object>) callbacks);
            list.add(cb);
            callbacks = list;
        }
    }

    /**
     * CPython's {@code remove_done_callback}: removes every registration of {@code cb} (compared with
     * {@code equals}). A callback already scheduled because the future is done still runs.
     *
     * @param cb the callback to remove
     * @return how many registrations were removed
     */
    public int removeDoneCallback(Consumer<? super Future<T>> cb) {
        if (callbacks == null) {
            return 0;
        }
        if (callbacks instanceof CallbackList list) {
            int before = list.size();
            list.removeIf(c -> unwrap(c).equals(cb));
            int removed = before - list.size();
            if (list.isEmpty()) {
                callbacks = null;
            }
            return removed;
        }
        if (unwrap(callbacks).equals(cb)) {
            callbacks = null;
            return 1;
        }
        return 0;
    }

    /**
     * CPython's {@code get_loop}.
     *
     * @return the loop this future is bound to
     */
    public EventLoop getLoop() {
        return loop;
    }

    /**
     * Waits for the future inside a task: returns the result at once if done, else suspends the task until it is.
     * If the waiting task is cancelled, this future is cancelled too and {@link CancelledError} is thrown.
     *
     * @throws IllegalStateException outside a task of a running loop
     */
    @Override
    public T await() {
        return Tasks.requireCurrentTask("Future.await()").awaitFuture(this);
    }

    @SuppressWarnings("unchecked")
    private void scheduleCallbacks() {
        Object cbs = callbacks;
        if (cbs == null) {
            return;
        }
        callbacks = null;
        if (cbs instanceof CallbackList list) {
            for (Consumer<Object> cb : list) {
                loop.callSoon(doneCallback((Consumer<? super Future<T>>) (Object) cb));
            }
        } else {
            loop.callSoon(doneCallback((Consumer<? super Future<T>>) cbs));
        }
    }

    /** The handle that runs {@code cb} with this future, in the context it was added in if it has one. */
    private DoneCallback<T> doneCallback(Consumer<? super Future<T>> cb) {
        if (cb instanceof InContext<?> ic) {
            @SuppressWarnings("unchecked")
            Consumer<? super Future<T>> inner = (Consumer<? super Future<T>>) ic.cb;
            return new DoneCallback<>(this, inner, ic.context);
        }
        return new DoneCallback<>(this, cb, null);
    }

    private static Object unwrap(Object cb) {
        return cb instanceof InContext<?> ic ? ic.cb : cb;
    }

    /** A done callback added by {@link #addDoneCallback}, with the context current then (CPython's {@code context}). */
    private record InContext<F>(Consumer<? super F> cb, ContextMap context) implements Consumer<F> {
        @Override
        public void accept(F f) {
            cb.accept(f);
        }
    }

    /** CPython's {@code _make_cancelled_error}: the body's own CancelledError once, then a fresh one. */
    CancelledError makeCancelledError() {
        CancelledError exc = cancelledExc;
        if (exc != null) {
            cancelledExc = null;
            return exc;
        }
        return cancelMessage == null ? new CancelledError() : new CancelledError(cancelMessage);
    }

    /** The exception without the state checks and without marking it retrieved. */
    final Throwable exceptionOrNull() {
        return state == FAILED ? (Throwable) result : null;
    }

    /** The exception of a done future, or null if it succeeded or was cancelled; marks it retrieved. */
    final Throwable retrieveException() {
        if (state != FAILED) {
            return null;
        }
        markRetrieved();
        return (Throwable) result;
    }

    private void markRetrieved() {
        UnretrievedException u = unretrieved;
        if (u != null) {
            u.retrieved();
            unretrieved = null;
        }
    }

    /** CPython's {@code _future_repr_info}: state, then result or exception. */
    String reprInfo() {
        return switch (state) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            case FAILED -> "finished exception=" + Repr.of(result);
            default -> "finished result=" + Repr.of(result);
        };
    }

    @Override
    public String toString() {
        return "<Future " + reprInfo() + ">";
    }

    private static final class CallbackList extends ArrayList<Consumer<Object>> {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("unchecked")
        void add(Consumer<?> cb) {
            super.add((Consumer<Object>) cb);
        }
    }

    /** One scheduled done callback: a Handle that calls {@code cb.accept(future)}, in one allocation. */
    private static final class DoneCallback<T> extends Handle {
        private final Future<T> future;
        private final Consumer<? super Future<T>> cb;

        DoneCallback(Future<T> future, Consumer<? super Future<T>> cb, ContextMap context) {
            super(null, context);
            this.future = future;
            this.cb = cb;
        }

        @Override
        void invoke() {
            cb.accept(future);
        }

        @Override
        String describeCallback() {
            return Repr.callback(cb) + "(" + future + ")";
        }

        @Override
        String formatForLog() {
            return cb instanceof Carrier.TaskThread t ? t.task.toString() : toString();
        }
    }
}
