package io.asyncio4j;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Bridges between the loop and other threads: {@code toThread}, {@code runCoroutineThreadsafe} and
 * {@code wrapFuture} (CPython's {@code to_thread}, {@code run_coroutine_threadsafe} and {@code wrap_future}).
 */
final class Threads {
    private Threads() {
    }

    static <T> T toThread(Callable<T> fn) {
        Task<?> task = Tasks.requireCurrentTask("toThread()");
        Context ctx = Context.copyContext(); // asyncio.to_thread: the function sees the caller's context variables
        return task.awaitFuture(task.loop.runInExecutor(null, () -> ctx.run(fn)));
    }

    /** Submits {@code coro} to {@code loop} from any thread; the result arrives in the returned future. */
    static <T> CompletableFuture<T> runCoroutineThreadsafe(Coro<T> coro, EventLoop loop) {
        if (coro == null || loop == null) {
            throw new NullPointerException("runCoroutineThreadsafe needs a coroutine and a loop");
        }
        BaseEventLoop l = (BaseEventLoop) loop;
        CompletableFuture<T> result = new CompletableFuture<>();
        l.callSoonThreadsafe(() -> {
            if (result.isDone()) {
                return; // cancelled before it started
            }
            Task<T> task;
            try {
                task = l.createTask(coro, null);
            } catch (Throwable e) {
                result.completeExceptionally(e);
                throw e;
            }
            task.addDoneCallback(t -> {
                if (t.cancelled()) {
                    result.cancel(false);
                } else if (t.retrieveException() != null) {
                    result.completeExceptionally(t.exceptionOrNull());
                } else {
                    result.complete(t.result());
                }
            });
            result.whenComplete((v, e) -> {
                if (result.isCancelled() && !l.isClosed()) {
                    l.callSoonThreadsafe(() -> task.cancel());
                }
            });
        });
        return result;
    }

    /** A loop future that follows {@code stage}; cancelling it cancels the stage when it can be. */
    static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        if (stage == null) {
            throw new NullPointerException("wrapFuture(null)");
        }
        BaseEventLoop l = (BaseEventLoop) Asyncio.getEventLoop();
        Future<T> fut = l.createFuture();
        l.externalWorkStarted();
        stage.whenComplete((value, error) -> l.externalWorkDone(() -> {
            if (fut.done()) {
                return;
            }
            if (error == null) {
                fut.setResult(value);
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof java.util.concurrent.CancellationException) {
                fut.cancel();
            } else {
                fut.setException(cause);
            }
        }));
        fut.addDoneCallback(f -> {
            if (f.cancelled()) {
                try {
                    stage.toCompletableFuture().cancel(false);
                } catch (UnsupportedOperationException ignored) {
                    // a stage that cannot be viewed as a CompletableFuture cannot be cancelled
                }
            }
        });
        return fut;
    }
}
