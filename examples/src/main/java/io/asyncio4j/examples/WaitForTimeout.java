package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import io.asyncio4j.TimeoutError;
import java.io.PrintStream;

/**
 * Seed 001 ("使用asyncio包处理并发"), section "超时", In [1]: {@code wait_for} gives an hour-long sleep 1 s, then
 * cancels it and raises {@code TimeoutError}: {@code timeout!}, and {@code yay!} is never printed.
 */
public final class WaitForTimeout {
    private WaitForTimeout() {
    }

    public static void run(Runner runner, PrintStream out) {
        Coro<Void> eternity = () -> {
            Asyncio.sleep(3600).await(); // Sleep for one hour
            out.println("yay!");
            return null;
        };
        runner.run(() -> {
            try {
                Asyncio.waitFor(eternity, 1.0).await(); // Wait for at most 1 second
            } catch (TimeoutError e) {
                out.println("timeout!");
            }
            return null;
        });
    }
}
