package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 004 (python进阶教程--asyncio), section "asyncio协程的调用逻辑": a coroutine object, turned into a task with
 * {@code ensure_future} on the thread's event loop, runs when the loop runs it: {@code hello world}.
 */
public final class EnsureFutureHello {
    private EnsureFutureHello() {
    }

    static Coro<Void> hello(PrintStream out, String name) {
        return () -> {
            Py.print(out, "hello", name);
            return null;
        };
    }

    public static void run(Runner runner, PrintStream out) {
        Coro<Void> coro = hello(out, "world");
        EventLoop loop = Asyncio.getEventLoop();
        Future<Void> task = Asyncio.ensureFuture(coro);
        loop.runUntilComplete(task);
    }
}
