package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.examples.FetchDataAndPrintNumbers.fetchData;
import static io.asyncio4j.examples.FetchDataAndPrintNumbers.printNumbers;

import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.Map;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.二, "正序": {@code end} is printed when {@code task1} is done,
 * while {@code task2} still has numbers to print.
 *
 * <p>The seed shows {@code end} right after {@code done fetching}. In virtual time the number 8 is due at exactly
 * the fetch's 2.0 and runs in the same loop iteration, before the main coroutine wakes, so CPython prints
 * {@code 8} before {@code end}, and so does the twin (see {@link AwaitTask1Only}).
 */
public final class EndAfterTask1 {
    private EndAfterTask1() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println("start");
            Task<Map<String, Integer>> task1 = createTask(fetchData(out));
            Task<Void> task2 = createTask(printNumbers(out));
            Map<String, Integer> value = task1.await();
            out.println("end");
            task2.await();
            Py.print(out, value);
            return null;
        });
    }
}
