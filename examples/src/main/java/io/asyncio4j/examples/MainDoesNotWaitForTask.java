package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.examples.AwaitFoo.foo;

import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.一 "await", the last program: the main coroutine sleeps 1 s while
 * its task sleeps 3 s; the program ends after 1 s and the task, cancelled on the way out, never prints
 * {@code done}.
 */
public final class MainDoesNotWaitForTask {
    private MainDoesNotWaitForTask() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println("this is a");
            createTask(foo(out, "text", 3));
            sleep(1).await();
            out.println("finished");
            return null;
        });
    }
}
