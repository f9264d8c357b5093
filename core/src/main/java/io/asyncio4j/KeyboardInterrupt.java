package io.asyncio4j;

/**
 * Thrown by {@link Asyncio#run(Coro)} and {@link Runner#run(Coro)} when Ctrl-C (SIGINT) cancelled the main task and
 * the task ended cancelled: CPython's {@code KeyboardInterrupt} as {@code asyncio.run} raises it. The main task's
 * {@code finally} blocks have run by then, and {@code Asyncio.run} has also cancelled the other tasks, shut the
 * default executor down and closed the loop (the runner's usual closing). Its cause is the {@link CancelledError}
 * the main task ended with.
 *
 * <p>Like CPython's (a {@code BaseException}), it is an {@link Error}, so {@code catch (Exception e)} does not
 * swallow it. Let it leave {@code main}: when the runner that threw it ran on the main thread and the program set no
 * uncaught-exception handler of its own, the main thread ending with it ends the JVM as SIGINT does, with exit
 * status 130 (128 + SIGINT's number; CPython re-raises SIGINT at exit for the same status), running the shutdown
 * hooks and printing nothing. A program that catches it goes on as after any exception.
 */
public class KeyboardInterrupt extends Error {
    private static final long serialVersionUID = 1L;

    /** A keyboard interrupt, with no message (as CPython's). */
    public KeyboardInterrupt() {
        super();
    }
}
