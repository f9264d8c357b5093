package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 001 ("使用asyncio包处理并发"), section "协程", In [2]: the smallest coroutine, {@code Hello ...}, a 1 s sleep,
 * {@code ... World!}. The notebook's top-level {@code await main()} is {@code asyncio.run(main())}.
 */
public final class HelloWorld {
    private HelloWorld() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println("Hello ...");
            Asyncio.sleep(1).await();
            out.println("... World!");
            return null;
        });
    }
}
