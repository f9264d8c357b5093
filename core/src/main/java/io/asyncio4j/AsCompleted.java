package io.asyncio4j;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@link Asyncio#asCompleted(Collection, Double)} returns: CPython 3.13's {@code asyncio.as_completed}
 * iterator, which gives the awaitables in the order they finish, in two ways.
 *
 * <p>Everything is scheduled when {@code asCompleted} is called (coroutines wrapped in new tasks, duplicates counted
 * once). Iterated as an {@code Iterable<Coro<T>>} (Python's plain {@code for}), it gives one coroutine per distinct
 * awaitable, and the k-th one awaited returns the result of (or throws the exception of) the k-th to finish.
 * {@link #futures()} (Python 3.13's {@code async for}) gives instead the finished tasks and futures themselves, the
 * very objects that were passed (for a coroutine, the task that wraps it), so that each result can be told apart by
 * where it came from:
 *
 * <pre>{@code
 * Task<Connection> v4 = Asyncio.createTask(Streams.openConnection("127.0.0.1", 80));
 * Task<Connection> v6 = Asyncio.createTask(Streams.openConnection("::1", 80));
 * for (Future<Connection> first : Asyncio.asCompleted(List.of(v4, v6)).futures()) {
 *     System.out.println((first == v4 ? "IPv4" : "IPv6") + " finished first");
 *     break;
 * }
 * }</pre>
 *
 * <p><b>Timeout.</b> When the timeout passes, every step still to come (an await of the plain form, a
 * {@code next()} of {@link #futures()}) throws {@link TimeoutError}; nothing is cancelled.
 *
 * <p><b>One count.</b> Both ways draw from the same sequence, as in CPython, where the object is its own iterator
 * and async iterator: each step, of either kind, takes the next of the awaitables still to come, and the
 * iterations end once every one has been handed out. {@link #iterator()} and {@link #futures()}'s iterator can each
 * be asked for once.
 *
 * <p><b>Threads.</b> Made on the loop's thread (inside a task or a callback of the loop, or before the loop runs,
 * with {@link Asyncio#getEventLoop()}'s loop); the steps that wait run inside a task of that loop.
 *
 * @param <T> the type of the results
 */
final class AsCompleted<T> implements Iterable<Coro<T>> {
    private final BaseEventLoop loop;
    private final Set<Future<T>> todo = new LinkedHashSet<>();
    /** Finished futures in completion order; {@link #TIMED_OUT} once per future left when the timeout passed. */
    private final ArrayDeque<Object> finished = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final Consumer<Future<T>> onCompletion = this::onCompletion;
    private TimerHandle timeoutHandle;
    private boolean iterated;
    private boolean iteratedFutures;
    /** The steps still to hand out, of either kind: CPython's {@code _todo_left}. */
    private int left;

    private static final Object TIMED_OUT = new Object();

    AsCompleted(Collection<? extends Awaitable<T>> aws, Double timeout) {
        if (aws == null) {
            throw new NullPointerException("asCompleted: the collection is null");
        }
        if (timeout != null && timeout.isNaN()) {
            throw new IllegalArgumentException("asCompleted: the timeout is NaN");
        }
        loop = (BaseEventLoop) Asyncio.getEventLoop();
        for (Awaitable<T> aw : new LinkedHashSet<>(aws)) {
            todo.add(loop.ensureFuture(aw));
        }
        left = todo.size();
        for (Future<T> f : todo) {
            f.addDoneCallback(onCompletion);
        }
        if (!todo.isEmpty() && timeout != null) {
            timeoutHandle = loop.callLater(timeout, this::onTimeout);
        }
    }

    private void onTimeout() {
        for (Future<T> f : todo) {
            f.removeDoneCallback(onCompletion);
            put(TIMED_OUT);
        }
        todo.clear();
    }

    private void onCompletion(Future<T> f) {
        if (todo.isEmpty()) {
            return; // the timeout came first
        }
        todo.remove(f);
        put(f);
        if (todo.isEmpty() && timeoutHandle != null) {
            timeoutHandle.cancel();
        }
    }

    private void put(Object item) {
        finished.add(item);
        wakeNextGetter();
    }

    private void wakeNextGetter() {
        for (Future<Void> g; (g = getters.poll()) != null; ) {
            if (!g.done()) {
                g.setResult(null);
                return;
            }
        }
    }

    /** The next to finish, as it is (done); {@link TimeoutError} if the timeout passed first. */
    @SuppressWarnings("unchecked")
    private Future<T> waitForOne() {
        Task<?> task = Tasks.requireCurrentTask("asCompleted");
        while (finished.isEmpty()) {
            Future<Void> getter = loop.createFuture();
            getters.add(getter);
            try {
                task.awaitFuture(getter);
            } catch (Throwable e) {
                getter.cancel();
                getters.remove(getter);
                if (!finished.isEmpty() && !getter.cancelled()) {
                    wakeNextGetter(); // hand the wake-up this task will not use to the next waiter
                }
                throw e;
            }
        }
        Object item = finished.poll();
        if (item == TIMED_OUT) {
            throw new TimeoutError();
        }
        return (Future<T>) item;
    }

    /**
     * The plain iteration, CPython's {@code for c in as_completed(fs)}: one coroutine per distinct awaitable, each
     * to be awaited inside a task; the k-th awaited returns the result of (or throws the exception of) the k-th to
     * finish, or throws {@link TimeoutError} once the timeout has passed. {@code hasNext()} and {@code next()}
     * never wait.
     *
     * @return the iterator over the coroutines
     * @throws IllegalStateException if called a second time
     */
    @Override
    public Iterator<Coro<T>> iterator() {
        if (iterated) {
            throw new IllegalStateException("the result of asCompleted can be iterated only once");
        }
        iterated = true;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @CheckReturnValue
            @Override
            public Coro<T> next() {
                if (left == 0) {
                    throw new NoSuchElementException();
                }
                left--;
                return Coro.named("AsCompleted.next", () -> waitForOne().result());
            }
        };
    }

    /**
     * The awaitables themselves in the order they finish: CPython 3.13's {@code async for f in as_completed(fs)},
     * which yields the tasks and futures that were passed (a coroutine passed in: the task that wraps it), each
     * already done. Its iterator's {@code next()} awaits the next to finish, so it must be called inside a task on
     * the loop's thread, and suspends that task until one finishes; {@code hasNext()} never waits. A failed or
     * cancelled one is given like the others (its {@link Future#exception()} or {@link Future#cancelled()} tells):
     * the iteration does not throw its exception.
     *
     * <pre>{@code
     * for (Future<String> f : Asyncio.asCompletedFutures(tasks, 10.0)) {   // async for f in as_completed(...)
     *     System.out.println(names.get(f) + ": " + f.result());
     * }
     * }</pre>
     *
     * <p><b>Errors.</b> {@code next()} throws {@link TimeoutError} once the timeout has passed (for every step
     * still to come), {@link CancelledError} if the awaiting task is cancelled while it waits (that step is used
     * up, as in CPython), {@link IllegalStateException} outside a task, {@link NoSuchElementException} past the
     * end.
     *
     * <p>The CPython rule followed is 3.13's: 3.12 had only the plain iteration, whose coroutines hide which
     * awaitable finished.
     *
     * @return an iterable over the finished awaitables, whose iterator can be asked for once
     */
    public Iterable<Future<T>> futures() {
        return () -> {
            if (iteratedFutures) {
                throw new IllegalStateException("the futures() of asCompleted can be iterated only once");
            }
            iteratedFutures = true;
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return left > 0;
                }

                @Override
                public Future<T> next() {
                    if (left == 0) {
                        throw new NoSuchElementException();
                    }
                    left--;
                    return waitForOne();
                }
            };
        };
    }
}
