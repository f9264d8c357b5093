package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The seed's {@code run_in_executor} program: a CPU-bound {@code fib(38)} next to a request that waits 5 s. Computed
 * in a coroutine, the fib blocks the loop and the two take the sum of their times; handed to the loop's default
 * executor with {@code runInExecutor}, it runs on another thread while the loop goes on, and the two take the
 * longer of their times.
 *
 * <pre>
 * async def request(): await asyncio.sleep(5)
 * async def needtime():
 *     start = time.time(); loop = asyncio.get_running_loop()
 *     task3 = loop.run_in_executor(None, calc_fib, 38); task4 = request()
 *     await asyncio.gather(task3, task4)
 *     print(time.time() - start)
 * asyncio.run(needtime())
 * </pre>
 */
public final class RunInExecutor {
    private RunInExecutor() {
    }

    /** Runs both variants: {@code java ... RunInExecutor [n=38] [requestSeconds=5]}. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 38;
        double request = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        Asyncio.run(inCoroutine(System.out, n, request));
        Asyncio.run(inExecutor(System.out, n, request));
    }

    /** The seed's fib: {@code fib(1) = 1, fib(2) = 2}. */
    static long fib(int n) {
        return n <= 2 ? n : fib(n - 1) + fib(n - 2);
    }

    static Coro<Void> request(double seconds) {
        return () -> sleep(seconds).await();
    }

    /** fib computed in a coroutine: it holds the loop, so the request's wait starts only after it. */
    public static Coro<Void> inCoroutine(PrintStream out, int n, double requestSeconds) {
        return () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double start = loop.time();
            Coro<Long> task3 = () -> fib(n);
            Object fib = gather(task3, request(requestSeconds)).await().get(0);
            report(out, "in a coroutine", n, fib, loop.time() - start);
            return null;
        };
    }

    /** fib handed to the default executor: the loop keeps running the request meanwhile. */
    public static Coro<Void> inExecutor(PrintStream out, int n, double requestSeconds) {
        return () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double start = loop.time();
            Future<Long> task3 = loop.runInExecutor(null, () -> fib(n));
            gather(task3, request(requestSeconds)).await();
            report(out, "in the executor", n, task3.result(), loop.time() - start);
            return null;
        };
    }

    private static void report(PrintStream out, String where, int n, Object fib, double seconds) {
        out.printf(Locale.ROOT, "fib(%d) = %s %s: took %.1f s%n", n, fib, where, seconds);
    }
}
