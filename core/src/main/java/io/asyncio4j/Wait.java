package io.asyncio4j;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * CPython's {@code asyncio.wait}: waits until the futures are done as {@link ReturnWhen} says, or the timeout
 * passes, and returns {@link Done}. It never raises for a child's exception and never cancels anything: on
 * timeout it returns what is done so far; cancelling the waiting task leaves the awaited ones running.
 */
final class Wait {
    private Wait() {
    }

    @SuppressWarnings("unchecked")
    static <T> Done<T> await(Collection<? extends Awaitable<T>> aws, Double timeout, ReturnWhen when) {
        if (aws == null || aws.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        if (when == null) {
            throw new NullPointerException("wait: returnWhen is null");
        }
        Task<?> task = Tasks.requireCurrentTask("wait()");
        BaseEventLoop loop = task.loop;
        Map<Awaitable<T>, Future<T>> unique = new LinkedHashMap<>();
        for (Awaitable<T> aw : aws) {
            unique.computeIfAbsent(aw, loop::ensureFuture);
        }
        Set<Future<T>> fs = new LinkedHashSet<>(unique.values());

        Future<Void> waiter = new Waiter(loop, fs);
        TimerHandle timeoutHandle = timeout == null ? null : loop.callLater(timeout, () -> {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        });
        int[] counter = {fs.size()};
        Consumer<Future<T>> onCompletion = f -> {
            counter[0]--;
            if (counter[0] <= 0 || when == ReturnWhen.FIRST_COMPLETED
                    || (when == ReturnWhen.FIRST_EXCEPTION && f.retrieveException() != null)) {
                if (timeoutHandle != null) {
                    timeoutHandle.cancel();
                }
                if (!waiter.done()) {
                    waiter.setResult(null);
                }
            }
        };
        for (Future<T> f : fs) {
            f.addDoneCallback(onCompletion);
        }
        try {
            task.awaitFuture(waiter);
        } finally {
            if (timeoutHandle != null) {
                timeoutHandle.cancel();
            }
            for (Future<T> f : fs) {
                f.removeDoneCallback(onCompletion);
            }
        }
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> pending = new LinkedHashSet<>();
        for (Future<T> f : fs) {
            (f.done() ? done : pending).add(f);
        }
        return new Done<>(done, pending);
    }

    /**
     * The futures a wait's own future stands for, if {@code waiter} is one, else null: call graphs show them awaited
     * by the task in {@code wait} (CPython 3.14 records that task as their awaiter).
     */
    static Collection<? extends Future<?>> awaitedBy(Future<?> waiter) {
        return waiter instanceof Waiter w ? w.fs : null;
    }

    /** The future a task in {@code wait} awaits; it knows the futures waited for, for call graphs. */
    private static final class Waiter extends Future<Void> {
        final Collection<? extends Future<?>> fs;

        Waiter(BaseEventLoop loop, Collection<? extends Future<?>> fs) {
            super(loop);
            this.fs = fs;
        }
    }
}
