package io.asyncio4j.examples;

import static io.asyncio4j.examples.FetchDataAndPrintNumbers.fetchData;
import static io.asyncio4j.examples.FetchDataAndPrintNumbers.printNumbers;

import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.二, 例子1: awaiting the two coroutines directly, without tasks,
 * runs them one after the other: the fetch completes before the first number.
 */
public final class AwaitCoroutinesInSequence {
    private AwaitCoroutinesInSequence() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            fetchData(out).await();
            printNumbers(out).await();
            return null;
        });
    }
}
