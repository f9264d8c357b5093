package io.asyncio4j.examples;

import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 2.一 "協程(coroutines)": a function runs when called; a coroutine
 * with the same body runs only under {@code asyncio.run}. Both print {@code Heisenberg}.
 */
public final class FunctionVersusCoroutine {
    private FunctionVersusCoroutine() {
    }

    public static void run(Runner runner, PrintStream out) {
        Runnable function = () -> out.println("Heisenberg");
        function.run();

        Coro<Void> main = () -> {
            out.println("Heisenberg");
            return null;
        };
        runner.run(main);
    }
}
