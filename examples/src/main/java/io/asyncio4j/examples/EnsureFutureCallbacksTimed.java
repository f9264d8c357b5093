package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.五 "ensure_future", with timing: {@link EnsureFutureCallbacks}
 * timed inside the coroutine and around {@code asyncio.run}; both take 2 s, not 22.
 *
 * <p>The seed times with {@code time.time()}; the twin reads the loop's clock ({@code loop.time()}, and the
 * runner's loop after the run), which in virtual time makes both lines exactly {@code 2.0 seconds}.
 */
public final class EnsureFutureCallbacksTimed {
    private EnsureFutureCallbacksTimed() {
    }

    public static void run(Runner runner, PrintStream out) {
        EventLoop loop = Asyncio.getEventLoop();
        double start = loop.time();
        runner.run(() -> {
            double innerStart = loop.time();
            EnsureFutureCallbacks.cronScheduler(out).await();
            out.println(Py.str(loop.time() - innerStart) + " seconds");
            return null;
        });
        out.println(Py.str(loop.time() - start) + " seconds");
    }
}
