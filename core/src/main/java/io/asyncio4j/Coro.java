package io.asyncio4j;

/**
 * A coroutine: a body that runs on the task that awaits it, Python's {@code async def}. A {@code Coro} is lazy:
 * creating one runs nothing; {@link #await()} runs {@link #call()} inline in the current task (no new task, no
 * extra loop iteration), and {@link Asyncio#createTask(Coro)} runs it concurrently as a new {@link Task}.
 *
 * <pre>{@code
 * Coro<String> fetch = () -> {
 *     Asyncio.sleep(0.5).await();   // suspends this task; other tasks run meanwhile
 *     return "data";
 * };
 * String s = fetch.await();           // inside a task: runs the body here
 * }</pre>
 *
 * <p>Inside the body, the code between two suspending {@code await()}s runs without interruption by any other
 * task of the loop: no locks are needed for state shared only by tasks of one loop.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface Coro<T> extends Awaitable<T> {
    /**
     * The body. Call it through {@link #await()}, which checks that it runs inside a task.
     *
     * @return the coroutine's result
     * @throws Exception any exception, checked or not; {@link #await()} rethrows it as it is
     */
    T call() throws Exception;

    /**
     * Runs {@link #call()} inline in the current task and returns its result; the exception it throws is thrown
     * here as the very same object, checked or not.
     *
     * @throws IllegalStateException if the current thread is not running a task of a running loop
     */
    @Override
    default T await() {
        Tasks.requireCurrentTask("Coro.await()");
        try {
            return call();
        } catch (Exception e) {
            throw Tasks.sneakyThrow(e);
        }
    }
}
