package io.asyncio4j;

/**
 * Makes the tasks of an event loop, CPython's task factory ({@code loop.set_task_factory}). Once set with
 * {@link EventLoop#setTaskFactory}, every {@link EventLoop#createTask(Coro, String, Context)} of that loop, and
 * everything built on it ({@link Asyncio#createTask}, {@code gather}, {@link TaskGroup}), asks the factory for its
 * task. {@link Asyncio#eagerTaskFactory()} is the factory of eager tasks.
 *
 * <p>The factory is called on the loop's thread (in a task or a callback), with the loop open. It makes plain tasks
 * with {@link Task#Task(EventLoop, Coro, String, Context) new Task&lt;&gt;(loop, coro, name, context)} (CPython's
 * {@code asyncio.Task(coro, loop=loop, ...)}) and eager ones by delegating to {@link Asyncio#eagerTaskFactory()};
 * calling {@code loop.createTask} inside it would ask the factory again.
 */
@FunctionalInterface
public interface TaskFactory {
    /**
     * Makes a task that runs {@code coro} on {@code loop}.
     *
     * @param <T> the type of the coroutine's result
     * @param loop the loop the task belongs to
     * @param coro the coroutine the task runs
     * @param name the task's name ({@code null}: {@code Task-N})
     * @param context the task's context, or {@code null} for a copy of the current one
     * @return the new task, possibly already done (an eager task that finished without suspending)
     */
    <T> Task<T> create(EventLoop loop, Coro<T> coro, String name, Context context);
}
