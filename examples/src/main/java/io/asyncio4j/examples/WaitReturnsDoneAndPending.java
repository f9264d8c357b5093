package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.examples.GatherVersusWait.func1;
import static io.asyncio4j.examples.GatherVersusWait.func2;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Done;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.List;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 6.二 2.: what {@code asyncio.wait} returns, printed: the tuple of
 * the done set, holding both finished tasks with their results, and the empty pending set.
 *
 * <p>Differences from CPython's line, which the test allows for: CPython's task repr also shows
 * {@code coro=<func2() done, defined at FILE:LINE>}, and a Python set's order follows object addresses, so it
 * varies. The tasks are named {@code Task-2} and {@code Task-3} explicitly, as CPython numbers them in this
 * program: asyncio4j numbers tasks once per JVM.
 */
public final class WaitReturnsDoneAndPending {
    private WaitReturnsDoneAndPending() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println("start");
            List<Task<String>> taskList1 = List.of(createTask(func1(out), "Task-2"),
                    createTask(func2(out, "func2 finish"), "Task-3"));
            Done<String> done = Asyncio.wait(taskList1).await();
            Py.print(out, done);
            out.println("finish");
            return null;
        });
    }
}
