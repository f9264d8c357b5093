package io.asyncio4j.examples;

import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 3. "await", the matryoshka: coroutines awaiting coroutines run
 * in order, each getting the inner one's return value.
 */
public final class NestedAwaits {
    private NestedAwaits() {
    }

    public static void run(Runner runner, PrintStream out) {
        Coro<String> asyncfunction = () -> {
            out.println("I am a async function");
            return "Heisenberg";
        };
        Coro<Void> callback = () -> {
            out.println("I used the return value of asyncfunction");
            String result = asyncfunction.await();
            Py.print(out, "The return value of asyncfunction is:", result);
            return null;
        };
        runner.run(() -> {
            out.println("I will use the async function which used the async function");
            callback.await();
            return null;
        });
    }
}
