package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.gather;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import java.io.PrintStream;
import java.util.List;

/**
 * Seed 001 ("使用asyncio包处理并发"), section "并发运行任务", In [19]: three factorials computed concurrently by
 * {@code gather}, one step per second each; the results come back in argument order, {@code [2, 6, 24]}.
 */
public final class GatherFactorials {
    private GatherFactorials() {
    }

    static Coro<Long> factorial(PrintStream out, String name, int number) {
        return () -> {
            long f = 1;
            int i = 2;
            for (; i <= number; i++) {
                out.println("Task " + name + ": Compute factorial(" + i + ")...");
                Asyncio.sleep(1).await();
                f *= i;
            }
            // Python's loop variable keeps its last value; the Java loop went one past it.
            out.println("Task " + name + ": factorial(" + (i - 1) + ") = " + f);
            return f;
        };
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            // Schedule three calls *concurrently*:
            List<Long> l = gather(factorial(out, "A", 2), factorial(out, "B", 3), factorial(out, "C", 4)).await();
            Py.print(out, l);
            return null;
        });
    }
}
