package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;

import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;

/**
 * Seed 001 ("使用asyncio包处理并发"), section "可等待对象", In [13]: the same coroutine scheduled as a task, which
 * can be cancelled or, here, awaited: {@code 42}.
 */
public final class AwaitTask {
    private AwaitTask() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            Task<Integer> task = createTask(AwaitCoroutine.NESTED);
            out.println(task.await());
            return null;
        });
    }
}
