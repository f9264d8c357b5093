package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.examples.GatherVersusWait.func1;
import static io.asyncio4j.examples.GatherVersusWait.func2;

import io.asyncio4j.Asyncio;
import io.asyncio4j.ReturnWhen;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.List;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 6.二 1.: {@code asyncio.wait(..., timeout=0.5)} returns after
 * 0.5 s with both tasks still sleeping; the program ends and they are cancelled, so neither prints its end.
 */
public final class WaitTimeout {
    private WaitTimeout() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println("start");
            List<Task<String>> taskList1 = List.of(createTask(func1(out)), createTask(func2(out, null)));
            Asyncio.wait(taskList1, 0.5, ReturnWhen.ALL_COMPLETED).await();
            out.println("finish");
            return null;
        });
    }
}
