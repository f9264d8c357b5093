package io.asyncio4j;

import com.google.errorprone.annotations.CheckReturnValue;

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
     * A coroutine named {@code name} that reports, as CPython does, if nobody ever awaits it: "coroutine 'name' was
     * never awaited", to its loop's exception handler, when it is collected or at the latest when the loop closes.
     * The library's own coroutines ({@code queue.put(x)}, {@code writer.drain()}, {@code sleep(1)}, ...) are made
     * this way, so that {@code queue.put(x);} without {@code .await()}, which does nothing, does not go unnoticed;
     * a program can name its own coroutine factories the same way.
     *
     * <p>It counts as used once awaited or handed to a task ({@link Asyncio#createTask}, {@code gather}, ...).
     * Made inside a task, it costs a note in that task; one still unused when the task next suspends or ends is
     * watched (a stack is captured then) until it is used, collected, or its loop closes. In debug mode
     * ({@link EventLoop#setDebug}) the report shows where it was created; otherwise it shows the method that
     * created it, at the await that followed. Made outside a task, it is not watched.
     *
     * @param <T> the result type
     * @param name what the report calls it, such as {@code "Queue.put"}
     * @param body the coroutine
     * @return the named coroutine; awaiting it runs {@code body} inline, as {@link #await()} does
     * @throws NullPointerException if {@code name} or {@code body} is null
     */
    @CheckReturnValue
    static <T> Coro<T> named(String name, Coro<T> body) {
        java.util.Objects.requireNonNull(name, "name");
        if (java.util.Objects.requireNonNull(body, "body") instanceof TrackedCoro<T> inner) {
            inner.markUsed(); // the named one answers for it (a method that hands on another's coroutine)
        }
        return new TrackedCoro<>(name, body);
    }

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
