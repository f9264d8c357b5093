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
 * CPython's {@code asyncio.as_completed}: everything is scheduled when it is called (coroutines wrapped in tasks,
 * duplicates counted once); iterating gives one coroutine per distinct awaitable, and the k-th one awaited returns
 * the result of (or throws the exception of) the k-th to finish. When the timeout passes, every await still to come
 * throws {@link TimeoutError}; nothing is cancelled. The iterable can be iterated once. On the loop's thread.
 */
final class AsCompleted<T> implements Iterable<Coro<T>> {
    private final BaseEventLoop loop;
    private final Set<Future<T>> todo = new LinkedHashSet<>();
    private final int count;
    /** Finished futures in completion order; {@link #TIMED_OUT} once per future left when the timeout passed. */
    private final ArrayDeque<Object> finished = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final Consumer<Future<T>> onCompletion = this::onCompletion;
    private TimerHandle timeoutHandle;
    private boolean iterated;

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
        count = todo.size();
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

    /** The next to finish: its result, or its exception thrown. */
    @SuppressWarnings("unchecked")
    private T waitForOne() {
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
        return ((Future<T>) item).result();
    }

    @Override
    public Iterator<Coro<T>> iterator() {
        if (iterated) {
            throw new IllegalStateException("the result of asCompleted can be iterated only once");
        }
        iterated = true;
        return new Iterator<>() {
            private int left = count;

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
                return Coro.named("AsCompleted.next", AsCompleted.this::waitForOne);
            }
        };
    }
}
