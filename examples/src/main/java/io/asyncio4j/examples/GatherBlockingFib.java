package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 7. "run_in_executor", the second program: the CPU-bound
 * {@code fib(38)} computed in a coroutine, gathered with a 5 s request. The computation holds the loop, so the
 * request's wait starts only after it and the two take the sum of their times (the seed measured 10.2 s: about
 * 5 s of fib, then 5 s of sleep).
 *
 * <p>The twin times with {@code loop.time()} where the seed uses {@code time.time()}. Virtual time stands still
 * while a callback computes, so in virtual time it prints {@code 5.0}, as CPython does on the same virtual clock;
 * {@code --real-time} shows the sum (Java computes fib(38) in well under a second).
 */
public final class GatherBlockingFib {
    private GatherBlockingFib() {
    }

    /** The seed's fib: {@code fib(1) = 1, fib(2) = 2}. */
    static long fib(int n) {
        return n == 1 || n == 2 ? n : fib(n - 1) + fib(n - 2);
    }

    /** The seed's {@code send_req()}/{@code request()}: a request that takes 5 s. */
    static Coro<Void> sendReq() {
        return () -> sleep(5).await();
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double start = loop.time();
            Coro<Void> task3 = () -> {
                Py.print(out, fib(38));
                return null;
            };
            gather(task3, sendReq()).await();
            Py.print(out, loop.time() - start);
            return null;
        });
    }
}
