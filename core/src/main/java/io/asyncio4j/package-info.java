/**
 * Python's asyncio in Java: an event loop per thread, {@link io.asyncio4j.Coro coroutines} with an explicit
 * {@code await()}, {@link io.asyncio4j.Future futures} and {@link io.asyncio4j.Task tasks}, with CPython 3.12's
 * semantics down to callback order and cancellation.
 *
 * <h2>Threads</h2>
 * A loop runs on the thread that calls {@link io.asyncio4j.Asyncio#run(io.asyncio4j.Coro)},
 * {@link io.asyncio4j.Runner#run(io.asyncio4j.Coro)} or {@link io.asyncio4j.EventLoop#runUntilComplete}. Each task
 * runs on a virtual thread of its own; with the fast carrier ({@code --add-opens java.base/java.lang=ALL-UNNAMED} on
 * the class path, {@code --add-opens java.base/java.lang=io.asyncio4j} on the module path) the loop's thread is the
 * only carrier of its tasks, otherwise a portable carrier hands control back and forth.
 * Either way exactly one task or callback of a loop runs at a time, and a task gives the loop up only inside an
 * {@code await()} that suspends. Loop objects are not thread-safe: other threads use
 * {@link io.asyncio4j.EventLoop#callSoonThreadsafe(Runnable)} and
 * {@link io.asyncio4j.Asyncio#runCoroutineThreadsafe(io.asyncio4j.Coro, io.asyncio4j.EventLoop)}.
 *
 * <h2>Blocking and monitors</h2>
 * A task that blocks in the JDK (a contended lock or monitor, {@code Thread.sleep}, blocking I/O) blocks its whole
 * loop until it returns, as a blocking call blocks CPython's loop; move such work to
 * {@link io.asyncio4j.Asyncio#toThread(java.util.concurrent.Callable)}. Holding a monitor or lock across an
 * {@code await()} that suspends deadlocks the loop if a callback or another task of the loop needs it meanwhile,
 * as holding a {@code threading.Lock} across {@code await} does in CPython. One exception, on the fast carrier:
 * blocking socket I/O ({@code java.net.Socket}, blocking {@code SocketChannel}s) parks only the task that makes it,
 * and the loop runs other tasks meanwhile (the task is a virtual thread; the JDK's poller hands it back). Debug mode
 * logs callbacks and task steps that hold the loop longer than
 * {@link io.asyncio4j.EventLoop#getSlowCallbackDuration() slowCallbackDuration}.
 *
 * <h2>Cancellation</h2>
 * {@link io.asyncio4j.CancelledError} is an {@link java.lang.Error}, so {@code catch (Exception e)} does not
 * swallow it; it is thrown from the {@code await()} at which a cancelled task is suspended, or at its next one.
 * Ctrl-C cancels {@link io.asyncio4j.Asyncio#run Asyncio.run}'s main task (on the main thread), which then throws
 * {@link io.asyncio4j.KeyboardInterrupt}; {@link io.asyncio4j.EventLoop#addSignalHandler EventLoop.addSignalHandler}
 * runs a callback on the loop for other signals.
 *
 * <h2>Composition</h2>
 * {@link io.asyncio4j.Asyncio#gather gather}, {@link io.asyncio4j.Asyncio#wait(java.util.Collection) wait},
 * {@link io.asyncio4j.Asyncio#waitFor waitFor}, {@link io.asyncio4j.Asyncio#asCompleted asCompleted},
 * {@link io.asyncio4j.Asyncio#shield shield}, {@link io.asyncio4j.Asyncio#timeout(Double, io.asyncio4j.Coro)
 * timeout} (with the {@link io.asyncio4j.Timeout} handle) and {@link io.asyncio4j.TaskGroup} follow CPython 3.12,
 * cancellation rules included: a timeout turns the cancellation it caused into
 * {@link io.asyncio4j.TimeoutError} and lets any other cancellation through; a task group cancels its tasks on the
 * first failure and throws an {@link io.asyncio4j.ExceptionGroup} of all failures.
 *
 * <h2>Synchronisation and queues</h2>
 * {@link io.asyncio4j.Lock}, {@link io.asyncio4j.Event}, {@link io.asyncio4j.Condition},
 * {@link io.asyncio4j.Semaphore}, {@link io.asyncio4j.BoundedSemaphore}, {@link io.asyncio4j.Barrier} and
 * {@link io.asyncio4j.Queue} (with {@link io.asyncio4j.PriorityQueue} and {@link io.asyncio4j.LifoQueue}) are for the
 * tasks of one loop: FIFO-fair, not thread-safe, bound to the loop on which they first wait. A cancelled waiter
 * never takes a permit, an item or a wake-up with it. {@code try (Held h = lock.hold().await()) { ... }} is
 * {@code async with lock:}.
 *
 * <h2>Context variables</h2>
 * {@link io.asyncio4j.ContextVar} and {@link io.asyncio4j.Context} are CPython's {@code contextvars} (PEP 567): a
 * task runs in a copy of its creator's context (or the one given to {@code createTask}), a callback in the one
 * current when it was scheduled, {@code toThread} in a copy of the caller's. Thread-locals do not follow a task's
 * children or callbacks; context variables do.
 */
package io.asyncio4j;
