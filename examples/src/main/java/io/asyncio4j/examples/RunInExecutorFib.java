package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.examples.GatherBlockingFib.fib;
import static io.asyncio4j.examples.GatherBlockingFib.sendReq;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 7. "run_in_executor", the third program: {@code fib(38)} handed to
 * the loop's default executor with {@code run_in_executor} runs on another thread while the loop goes on with
 * the 5 s request, so the two take the longer of their times, not the sum. (The seed measured 8.8 s: CPython's
 * GIL lets the computing thread slow the loop down. Java threads run in parallel, so {@code --real-time} shows
 * about 5 s.)
 *
 * <p>The seed calls {@code asyncio.get_runing_loop()}, a typo CPython answers with {@code AttributeError: module
 * 'asyncio' has no attribute 'get_runing_loop'}; the twin calls {@code getRunningLoop()}, and its expected output
 * is CPython's for the corrected program. The twin times with {@code loop.time()}: in virtual time the clock
 * waits for the executor's job before it jumps to the request's deadline, so it prints {@code 5.0} whenever the
 * computation takes less than 5 s, as CPython does on the same virtual clock.
 */
public final class RunInExecutorFib {
    private RunInExecutorFib() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double start = loop.time();
            Future<Long> task3 = loop.runInExecutor(null, () -> fib(38));
            gather(task3, sendReq()).await();
            Py.print(out, loop.time() - start);
            return null;
        });
    }
}
