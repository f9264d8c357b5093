package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.四 "future": a bare future from {@code loop.create_future()} is
 * done only when someone sets its result; a task sets it after 2 s and the awaiting coroutine gets
 * {@code say my name}.
 *
 * <p>The section's first program awaits a future nobody ever sets and, as the seed says, never ends; it has no
 * twin (see the tour).
 */
public final class FutureSetAfter {
    private FutureSetAfter() {
    }

    static Coro<Void> setAfter(Future<String> fut) {
        return () -> {
            sleep(2).await();
            fut.setResult("say my name");
            return null;
        };
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            Future<String> fut = Asyncio.getRunningLoop().createFuture();
            createTask(setAfter(fut)).await();
            String data = fut.await();
            out.println(data);
            return null;
        });
    }
}
