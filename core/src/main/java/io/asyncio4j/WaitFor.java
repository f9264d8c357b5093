package io.asyncio4j;

import java.util.function.Consumer;

/**
 * CPython 3.12's {@code asyncio.wait_for}: awaits {@code aw} under a deadline. A coroutine runs inline in the
 * current task (as {@code async with timeout(t): return await aw}); a future or task is awaited.
 *
 * <p>On expiry the awaited work is cancelled and {@code waitFor} waits until it has really finished (its
 * {@code finally} blocks ran) before throwing {@link TimeoutError}, whose cause is the {@link CancelledError}; if the
 * work swallows the cancellation and returns a value, that value is returned. A timeout &le; 0 returns the result of
 * a done future at once, and otherwise cancels without waiting a deadline: a coroutine is never started. Cancelling
 * the task that waits cancels the awaited work.
 */
final class WaitFor {
    private WaitFor() {
    }

    static <T> T await(Awaitable<T> aw, Double timeout) {
        if (aw == null) {
            throw new NullPointerException("waitFor: the awaitable is null");
        }
        if (timeout != null && timeout.isNaN()) {
            throw new IllegalArgumentException("waitFor: the timeout is NaN");
        }
        Task<?> task = Tasks.requireCurrentTask("waitFor()");
        if (timeout == null) {
            return aw.await();
        }
        if (timeout <= 0) {
            Future<T> fut = task.loop.ensureFuture(aw);
            if (fut.done()) {
                return fut.result();
            }
            cancelAndWait(task, fut);
            try {
                return fut.result();
            } catch (CancelledError e) {
                throw new TimeoutError(null, e);
            }
        }
        return Timeout.runAfter(timeout, t -> aw.await());
    }

    /** Cancels {@code fut} and waits until it is done, without consuming its outcome. */
    static void cancelAndWait(Task<?> task, Future<?> fut) {
        Future<Void> waiter = task.loop.createFuture();
        Consumer<Future<?>> release = f -> {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        };
        fut.addDoneCallback(release);
        try {
            fut.cancel();
            task.awaitFuture(waiter);
        } finally {
            fut.removeDoneCallback(release);
        }
    }
}
