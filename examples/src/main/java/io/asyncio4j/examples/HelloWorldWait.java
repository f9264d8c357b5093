package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 000 ("同步与异步"), section "asyncio", its first asyncio program: five {@code hello()} coroutines run by
 * {@code loop.run_until_complete(asyncio.wait(tasks))}. All five print before any of them wakes: the five 1 s
 * sleeps overlap and the program takes 1 s, not 5.
 *
 * <p>The seed prints {@code time.time()}; the twin prints {@code loop.time()}, which starts at 0 in virtual time
 * ({@code Hello World:0.0}, then {@code Hello wow World:1.0}). CPython 3.11+ rejects the seed's list of bare
 * coroutines ({@code TypeError: Passing coroutines is forbidden, use tasks explicitly.}); asyncio4j's
 * {@code Asyncio.wait} wraps coroutines in tasks as CPython did up to 3.10, so the twin passes them as the seed
 * does, and its expected output is CPython's for the seed with each coroutine wrapped in a task.
 */
public final class HelloWorldWait {
    private HelloWorldWait() {
    }

    static Coro<Void> hello(PrintStream out) {
        return () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            out.println("Hello World:" + Py.str(loop.time()));
            Asyncio.sleep(1).await();
            out.println("Hello wow World:" + Py.str(loop.time()));
            return null;
        };
    }

    public static void run(Runner runner, PrintStream out) {
        List<Coro<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(hello(out)); // five coroutine objects, as hello() makes a new one on each call
        }
        EventLoop loop = Asyncio.getEventLoop();
        loop.runUntilComplete(Asyncio.wait(tasks));
    }
}
