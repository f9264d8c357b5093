package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 11. "異步IO操作管理器": a class with {@code __aenter__} and
 * {@code __aexit__} that each await (a 1 s "connect" and a 1 s "close"), used with {@code async with}.
 *
 * <p>asyncio4j's own resources close without suspending, so {@code try}-with-resources is their {@code async with};
 * a manager whose exit must await is written as what {@code async with} stands for: await {@link #aenter}, run
 * the body, and await {@link #aexit} in a {@code finally}.
 */
public final class AsyncContextManager {
    private Object conn = "conn";

    /** 異步操作數據庫 */
    Coro<String> doSomething() {
        return () -> "Heisenberg";
    }

    /** 異步鏈接數據庫 */
    Coro<AsyncContextManager> aenter() {
        return () -> {
            conn = sleep(1).await();
            return this;
        };
    }

    /** 異步關閉數據庫 */
    Coro<Void> aexit() {
        return () -> sleep(1).await();
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            AsyncContextManager f = new AsyncContextManager().aenter().await();
            try {
                String result = f.doSomething().await();
                out.println(result);
            } finally {
                f.aexit().await();
            }
            return null;
        });
    }
}
