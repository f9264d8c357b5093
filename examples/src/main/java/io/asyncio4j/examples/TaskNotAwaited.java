package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.examples.FetchDataAndPrintNumbers.fetchData;
import static io.asyncio4j.examples.FetchDataAndPrintNumbers.printNumbers;

import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.Map;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.二 "await與await task之間的不同", first program: {@code value =
 * task1} without {@code await} is the task itself, printed as {@code <Task pending name='Task-2'>}; each task
 * gets one step ({@code start fetching}, {@code 0}) before the main coroutine's end stops the loop and both are
 * cancelled.
 *
 * <p>The seed calls that first line a report of where task2 runs; it is task1's repr, named {@code Task-2}
 * because the main coroutine's task is {@code Task-1}. CPython's repr also shows {@code coro=<fetch_data() running at FILE:LINE>}, which a Java lambda has no
 * equivalent for. The task is named {@code Task-2} explicitly: asyncio4j numbers tasks once per JVM, so
 * its default name depends on what ran before, while in the seed it is the program's second task.
 */
public final class TaskNotAwaited {
    private TaskNotAwaited() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            Task<Map<String, Integer>> task1 = createTask(fetchData(out), "Task-2");
            createTask(printNumbers(out), "Task-3");
            Task<Map<String, Integer>> value = task1;
            Py.print(out, value);
            return null;
        });
    }
}
