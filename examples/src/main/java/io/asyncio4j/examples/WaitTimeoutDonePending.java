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
 * Seed 003 (python學習筆記, 第二十八課), section 6.二 3.: {@code done, pending = await asyncio.wait(...,
 * timeout=0.5)}: nothing is done after 0.5 s ({@code set()}) and both tasks are pending.
 *
 * <p>Differences from CPython's lines, which the test allows for: CPython's pending task repr also shows
 * {@code coro=<func2() running at FILE:LINE> wait_for=<Future pending cb=[Task.task_wakeup()]>}, and a Python
 * set's order varies with object addresses. The tasks are named {@code Task-2} and {@code Task-3} explicitly,
 * as CPython numbers them in this program: asyncio4j numbers tasks once per JVM.
 */
public final class WaitTimeoutDonePending {
    private WaitTimeoutDonePending() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println("start");
            List<Task<String>> taskList1 = List.of(createTask(func1(out), "Task-2"),
                    createTask(func2(out, "func2 finish"), "Task-3"));
            Done<String> result = Asyncio.wait(taskList1, 0.5, ReturnWhen.ALL_COMPLETED).await();
            Py.print(out, result.done());
            Py.print(out, result.pending());
            out.println("finish");
            return null;
        });
    }
}
