package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.examples.AwaitFoo.foo;

import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.一 "await", with {@code await task}: awaiting the task lets it
 * finish, so {@code done} prints before {@code finished}.
 */
public final class AwaitCreatedTask {
    private AwaitCreatedTask() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println("this is a");
            Task<Void> task = createTask(foo(out, "text", 1));
            task.await();
            out.println("finished");
            return null;
        });
    }
}
