package io.asyncio4j.examples;

import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 001 ("使用asyncio包处理并发"), section "可等待对象", In [12]: awaiting a coroutine runs it and gives its
 * result, {@code 42}. A {@code Coro} that is only created, never awaited, does not run at all, as in Python.
 */
public final class AwaitCoroutine {
    private AwaitCoroutine() {
    }

    static final Coro<Integer> NESTED = () -> 42;

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println(NESTED.await()); // will print "42".
            return null;
        });
    }
}
