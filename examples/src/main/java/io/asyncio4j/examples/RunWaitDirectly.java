package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.examples.GatherVersusWait.func1;
import static io.asyncio4j.examples.GatherVersusWait.func2;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Done;
import io.asyncio4j.Runner;
import java.io.PrintStream;
import java.util.List;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 6.二 5.: {@code asyncio.run(asyncio.wait(task_list1))} with the
 * wait itself as the main coroutine, and the done set printed after the loop is gone.
 *
 * <p>CPython 3.11+ rejects the seed's list of bare coroutines ({@code TypeError: Passing coroutines is forbidden,
 * use tasks explicitly.}); the expected output is CPython's for the seed with each coroutine wrapped in a task
 * inside the waiting coroutine, as {@code asyncio.wait} itself did up to 3.10. The twin creates those tasks
 * itself to name them {@code Task-2} and {@code Task-3}, as CPython numbers them here (asyncio4j numbers tasks
 * once per JVM); the repr's {@code coro=...} part and the set's order differ as in
 * {@link WaitReturnsDoneAndPending}.
 */
public final class RunWaitDirectly {
    private RunWaitDirectly() {
    }

    public static void run(Runner runner, PrintStream out) {
        Done<String> result = runner.run(() -> Asyncio.wait(List.of(createTask(func1(out), "Task-2"),
                createTask(func2(out, "func2 return"), "Task-3"))).await());
        Py.print(out, result.done());
    }
}
