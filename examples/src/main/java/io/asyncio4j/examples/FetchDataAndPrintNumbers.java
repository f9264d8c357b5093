package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.Map;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.二 "await與await task之間的不同", with {@code await task2} then
 * {@code value = await task1} (the same program is the section's 例子3): two tasks interleave on one loop, the
 * numbers every 0.25 s while the fetch sleeps 2 s, and awaiting {@code task2} first lets both finish.
 *
 * <p>The seed's first listing of this program shows three lines its code cannot print ({@code start fetching
 * again}, {@code done fetching again}, {@code really done fetching}); the twin prints what CPython prints, as the
 * seed's 例子3 shows.
 */
public final class FetchDataAndPrintNumbers {
    private FetchDataAndPrintNumbers() {
    }

    /** The seed's {@code fetch_data()}. */
    static Coro<Map<String, Integer>> fetchData(PrintStream out) {
        return () -> {
            out.println("start fetching");
            sleep(2).await();
            out.println("done fetching");
            return Map.of("data", 1);
        };
    }

    /** The seed's {@code print_numbers()}. */
    static Coro<Void> printNumbers(PrintStream out) {
        return () -> {
            for (int i = 0; i < 10; i++) {
                out.println(i);
                sleep(0.25).await();
            }
            return null;
        };
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            Task<Map<String, Integer>> task1 = createTask(fetchData(out));
            Task<Void> task2 = createTask(printNumbers(out));
            task2.await();
            Map<String, Integer> value = task1.await();
            Py.print(out, value);
            return null;
        });
    }
}
