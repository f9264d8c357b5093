package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 7. "run_in_executor", the blocking function: {@code func1} sleeps
 * 2 s with a blocking {@code time.sleep} on a thread of a pool the program owns, and the coroutine awaits it as a
 * future; a function without a return value gives {@code None}.
 *
 * <p>The blocking sleep is a real 2 s {@code Thread.sleep} on the pool's thread, in virtual time too: the loop's
 * clock cannot skip another thread's sleep. The output does not depend on it.
 */
public final class RunInExecutorThreadPool {
    private RunInExecutorThreadPool() {
    }

    static Void func1(PrintStream out) throws InterruptedException {
        out.println("func1 start");
        Thread.sleep(2000);
        out.println("func1 end");
        return null;
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (ExecutorService pool = Executors.newCachedThreadPool()) {
                Future<Void> fut = loop.runInExecutor(pool, () -> func1(out));
                Void result = fut.await();
                Py.print(out, "thread pool", result);
            }
            return null;
        });
    }
}
