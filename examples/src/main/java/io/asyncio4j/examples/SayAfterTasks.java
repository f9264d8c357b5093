package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.examples.SayAfterSequential.clock;
import static io.asyncio4j.examples.SayAfterSequential.sayAfter;

import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;

/**
 * Seed 001 ("使用asyncio包处理并发"), section "协程", In [6]: the same two {@code say_after} calls as tasks run
 * concurrently and take 2 s, not 3. Times print as in {@link SayAfterSequential}: {@code finished at 00:00:02}.
 */
public final class SayAfterTasks {
    private SayAfterTasks() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            Task<Void> task1 = createTask(sayAfter(out, 1, "hello"));
            Task<Void> task2 = createTask(sayAfter(out, 2, "world"));
            out.println("started at " + clock());
            // Wait until both tasks are completed (should take around 2 seconds.)
            task1.await();
            task2.await();
            out.println("finished at " + clock());
            return null;
        });
    }
}
