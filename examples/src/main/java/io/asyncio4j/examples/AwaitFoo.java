package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 3. "await", first program: awaiting a coroutine runs it to the end
 * before the caller goes on ({@code done} before {@code finished}, after a 1 s pause).
 */
public final class AwaitFoo {
    private AwaitFoo() {
    }

    /** The seeds' {@code foo(x)}: prints x, sleeps, prints {@code done}. */
    static Coro<Void> foo(PrintStream out, String x, double seconds) {
        return () -> {
            out.println(x);
            Asyncio.sleep(seconds).await();
            out.println("done");
            return null;
        };
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println("this is a");
            foo(out, "text", 1).await();
            out.println("finished");
            return null;
        });
    }
}
