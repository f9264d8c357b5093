package io.asyncio4j;

/**
 * CPython's {@code _ContextManagerMixin}: what {@link Lock} and {@link Semaphore} (and through its lock,
 * {@link Condition}) share: {@code acquire()} as a coroutine and {@code hold()}, the {@code async with} form.
 */
abstract class Acquirable extends LoopBound {
    /** Acquires, waiting as long as needed; on the task's thread. */
    abstract boolean doAcquire();

    /** Releases what {@link #doAcquire()} acquired. */
    public abstract void release();

    /**
     * Acquires, waiting in FIFO order while it cannot; returns true.
     *
     * @throws CancelledError (when awaited) if the waiting task is cancelled; nothing is acquired then
     */
    public Coro<Boolean> acquire() {
        return this::doAcquire;
    }

    /** Acquires and returns a {@link Held} whose {@code close()} releases: {@code async with x:}. */
    public Coro<Held> hold() {
        return () -> {
            doAcquire();
            return Held.releasing(this::release);
        };
    }
}
