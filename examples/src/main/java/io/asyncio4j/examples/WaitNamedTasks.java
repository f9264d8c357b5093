package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.examples.GatherVersusWait.func1;
import static io.asyncio4j.examples.GatherVersusWait.func2;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Done;
import io.asyncio4j.ReturnWhen;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.List;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 6.二 4.: tasks named at creation show their names (and results) in
 * what {@code asyncio.wait(..., timeout=2)} returns; both finish within the timeout.
 *
 * <p>Differences from CPython's line, which the test allows for: CPython's task repr also shows
 * {@code coro=<func1() done, defined at FILE:LINE>}, and a Python set's order varies with object addresses.
 */
public final class WaitNamedTasks {
    private WaitNamedTasks() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println("start");
            List<Task<String>> taskList1 = List.of(createTask(func1(out), "func1"),
                    createTask(func2(out, "func2 return"), "func2"));
            Done<String> result = Asyncio.wait(taskList1, 2.0, ReturnWhen.ALL_COMPLETED).await();
            Py.print(out, result.done(), result.pending());
            out.println("finish");
            return null;
        });
    }
}
