package io.asyncio4j;

/** Helpers shared by the awaitables: the current task, sleeping, and rethrowing without wrapping. */
final class Tasks {
    private Tasks() {
    }

    /** The task running on this thread. @throws IllegalStateException if none */
    static Task<?> requireCurrentTask(String what) {
        Task<?> task = Carrier.currentTask();
        if (task == null) {
            throw new IllegalStateException(what + " must be called inside a task of a running event loop "
                    + "(use Asyncio.run(...) or loop.runUntilComplete(...) to start one)");
        }
        return task;
    }

    /** {@code sleep(0)}: one bare yield. A shared constant, so the hottest await allocates nothing. */
    static final Coro<Void> YIELD = new Coro<>() {
        @Override
        public Void call() {
            requireCurrentTask("sleep()").yieldOnce();
            return null;
        }

        @Override
        public Void await() {
            return call();
        }
    };

    /** CPython's {@code asyncio.sleep}: a bare yield for a delay &le; 0, else a timer completing a future. */
    static <T> T sleep(double delay, T result) {
        if (Double.isNaN(delay)) {
            throw new IllegalArgumentException("sleep: delay is NaN");
        }
        Task<?> task = requireCurrentTask("sleep()");
        if (delay <= 0) {
            task.yieldOnce();
            return result;
        }
        BaseEventLoop loop = task.loop;
        Future<T> future = loop.createFuture();
        TimerHandle h = loop.callLater(delay, () -> {
            if (!future.done()) {
                future.setResult(result);
            }
        });
        try {
            return task.awaitFuture(future);
        } finally {
            h.cancel();
        }
    }

    /** Throws {@code t} as it is, checked or not; declared to return so callers can write {@code throw}. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }
}
