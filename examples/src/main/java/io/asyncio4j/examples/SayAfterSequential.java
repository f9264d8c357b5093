package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Seed 001 ("使用asyncio包处理并发"), section "协程", In [4]: two {@code say_after} coroutines awaited one after the
 * other take 1 s + 2 s = 3 s.
 *
 * <p>The seed prints the wall clock ({@code time.strftime('%X')}); the twin prints {@code loop.time()} as a time
 * of day, so virtual time, which starts at 0, prints {@code started at 00:00:00} and {@code finished at 00:00:03}.
 */
public final class SayAfterSequential {
    private SayAfterSequential() {
    }

    static Coro<Void> sayAfter(PrintStream out, double delay, String what) {
        return () -> {
            Asyncio.sleep(delay).await();
            out.println(what);
            return null;
        };
    }

    /** {@code time.strftime('%X')} on the loop's clock: {@code loop.time()} seconds after midnight. */
    static String clock() {
        long seconds = (long) Math.floor(Asyncio.getRunningLoop().time());
        return LocalTime.ofSecondOfDay(Math.floorMod(seconds, 86_400)).format(DateTimeFormatter.ISO_LOCAL_TIME);
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println("started at " + clock());
            sayAfter(out, 1, "hello").await();
            sayAfter(out, 2, "world").await();
            out.println("finished at " + clock());
            return null;
        });
    }
}
