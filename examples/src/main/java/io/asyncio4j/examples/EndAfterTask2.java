package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.examples.FetchDataAndPrintNumbers.fetchData;
import static io.asyncio4j.examples.FetchDataAndPrintNumbers.printNumbers;

import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.Map;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.二, "两个await task换位": awaiting {@code task2} first moves
 * {@code end} after the last number; the tasks' own lines interleave exactly as in {@link EndAfterTask1}.
 */
public final class EndAfterTask2 {
    private EndAfterTask2() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println("start");
            Task<Map<String, Integer>> task1 = createTask(fetchData(out));
            Task<Void> task2 = createTask(printNumbers(out));
            task2.await();
            out.println("end");
            Map<String, Integer> value = task1.await();
            Py.print(out, value);
            return null;
        });
    }
}
