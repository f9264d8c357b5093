package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.examples.FetchDataAndPrintNumbers.fetchData;
import static io.asyncio4j.examples.FetchDataAndPrintNumbers.printNumbers;

import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.二, 例子2: {@code print_numbers} as a task, {@code fetch_data}
 * awaited directly: the task runs whenever the awaited coroutine sleeps, so the two interleave anyway.
 */
public final class TaskNextToAwaitedCoroutine {
    private TaskNextToAwaitedCoroutine() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            Task<Void> task2 = createTask(printNumbers(out));
            fetchData(out).await();
            task2.await();
            return null;
        });
    }
}
