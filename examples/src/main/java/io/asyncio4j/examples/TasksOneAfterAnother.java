package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.examples.FetchDataAndPrintNumbers.fetchData;
import static io.asyncio4j.examples.FetchDataAndPrintNumbers.printNumbers;

import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.Map;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.二, the last program: each task is created only after the
 * previous one is awaited, so nothing overlaps: a 2 s pause, then all ten numbers.
 */
public final class TasksOneAfterAnother {
    private TasksOneAfterAnother() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println("start");
            Task<Map<String, Integer>> task1 = createTask(fetchData(out));
            Map<String, Integer> value = task1.await();
            out.println("end");
            Task<Void> task2 = createTask(printNumbers(out));
            task2.await();
            Py.print(out, value);
            return null;
        });
    }
}
