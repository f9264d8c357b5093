package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Done;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.Set;

/**
 * Seed 001 ("使用asyncio包处理并发"), section "简单等待", In [2]: {@code asyncio.wait} returns the done and pending
 * sets holding the very task passed in: {@code done}. The notebook's top-level awaits run in a main coroutine.
 */
public final class SimpleWait {
    private SimpleWait() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            Task<Integer> task = createTask(() -> 42);
            Done<Integer> done = Asyncio.wait(Set.of(task)).await();
            if (done.done().contains(task)) {
                out.println("done");
            }
            return null;
        });
    }
}
