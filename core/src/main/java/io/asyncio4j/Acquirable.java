package io.asyncio4j;

import com.google.errorprone.annotations.CheckReturnValue;

/**
 * CPython's {@code _ContextManagerMixin}: what {@link Lock} and {@link Semaphore} (and through its lock,
 * {@link Condition}) share: {@code acquire()} as a coroutine and {@code hold()}, the {@code async with} form.
 */
abstract class Acquirable extends LoopBound {
    /** What a report of a never-awaited {@code acquire()} calls it: {@code Lock.acquire}, {@code Semaphore.acquire}. */
    private final String acquireName = getClass().getSimpleName() + ".acquire";
    private final String holdName = getClass().getSimpleName() + ".hold";

    /** Acquires, waiting as long as needed; on the task's thread. */
    abstract boolean doAcquire();

    /** Releases what {@link #doAcquire()} acquired. */
    public abstract void release();

    /**
     * CPython's {@code acquire()}: acquires, waiting in FIFO order while it cannot. Await it inside a task of the
     * loop the object is bound to.
     *
     * @return a coroutine giving true once acquired
     * @throws CancelledError (when awaited) if the waiting task is cancelled; nothing is acquired then
     */
    @CheckReturnValue
    public Coro<Boolean> acquire() {
        return Coro.named(acquireName, this::doAcquire);
    }

    /**
     * Acquires, as {@link #acquire()}, and gives a {@link Held} whose {@code close()} releases: Python's
     * {@code async with x:}, as {@code try (Held h = x.hold().await()) { ... }}.
     *
     * @return a coroutine giving the {@code Held} once acquired; if the waiting task is cancelled it throws
     *         {@link CancelledError} and nothing is acquired
     */
    @CheckReturnValue
    public Coro<Held> hold() {
        return Coro.named(holdName, () -> {
            doAcquire();
            return Held.releasing(this::release);
        });
    }
}
