package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.examples.FetchDataAndPrintNumbers.fetchData;
import static io.asyncio4j.examples.FetchDataAndPrintNumbers.printNumbers;

import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.Map;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.二 "await與await task之間的不同", with {@code value = await task1}
 * only: the program ends when the fetch does, and {@code print_numbers} is cancelled before it reaches 9.
 *
 * <p>The seed shows the numbers stop at 7. On the real clock they do, just: the number 8 is due 2 s after
 * start plus the small delays of eight wake-ups, a moment after the fetch. In virtual time both are due at
 * exactly 2.0 and run in the same loop iteration, so CPython prints {@code 8} before {@code {'data': 1}}, and so
 * does the twin; {@code --real-time} shows the seed's lines.
 */
public final class AwaitTask1Only {
    private AwaitTask1Only() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            Task<Map<String, Integer>> task1 = createTask(fetchData(out));
            createTask(printNumbers(out));
            Map<String, Integer> value = task1.await();
            Py.print(out, value);
            return null;
        });
    }
}
