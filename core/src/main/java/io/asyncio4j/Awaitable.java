package io.asyncio4j;

/**
 * Something a task can wait for: a {@link Coro} (runs inline), a {@link Future} or a {@link Task}.
 *
 * <p>{@link #await()} may only be called inside a task of a running loop; anywhere else it throws
 * {@link IllegalStateException}. It returns the result or throws the very exception the awaited work threw
 * (checked exceptions too, unwrapped). Awaiting something that is already done returns at once without giving
 * the loop to anyone else; awaiting something pending suspends the current task, and other tasks and callbacks
 * of the loop run until it is done.
 *
 * <p>Cancellation: if the awaiting task is cancelled while suspended here, {@code await()} throws
 * {@link CancelledError}; when the awaited object is a {@link Future} it is cancelled too.
 *
 * @param <T> the result type
 */
public interface Awaitable<T> {
    /**
     * Python's {@code await}: suspends the current task until this is done (see the class comment).
     *
     * @return the result; the exception is thrown as the same object, and a cancellation of the awaiting task as
     *         {@link CancelledError}
     * @throws IllegalStateException if the current thread is not running a task of a running loop
     */
    T await();
}
