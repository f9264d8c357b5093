package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.List;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 6.一 "gather與wait的區別": two tasks awaited with
 * {@code asyncio.wait} run concurrently, both starting before either ends. The section's {@code func1}/{@code func2}
 * are here for its other programs too.
 */
public final class GatherVersusWait {
    private GatherVersusWait() {
    }

    /** The section's {@code func1()}: returns None. */
    static Coro<String> func1(PrintStream out) {
        return () -> {
            out.println("func1");
            sleep(1).await();
            out.println("func1 end");
            return null;
        };
    }

    /** The section's {@code func2()}, returning {@code result} (None in its first program). */
    static Coro<String> func2(PrintStream out, String result) {
        return () -> {
            out.println("func2");
            sleep(1).await();
            out.println("func2 end");
            return result;
        };
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            List<Task<String>> task = List.of(createTask(func1(out)), createTask(func2(out, null)));
            Asyncio.wait(task).await();
            return null;
        });
    }
}
