package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import java.io.PrintStream;
import java.util.List;

/**
 * Seed 004 (python进阶教程--asyncio), section "在协程中的并发": three tasks made with {@code ensure_future} and
 * run together by {@code run_until_complete(asyncio.wait(tasks))}; 3 s in all, and each task keeps its result.
 */
public final class ConcurrentTasksWait {
    private ConcurrentTasksWait() {
    }

    static Coro<String> doSomeWork(PrintStream out, int x) {
        return () -> {
            Py.print(out, "等待", x);
            Asyncio.sleep(x).await(); // 模拟一个等待耗时操作
            return "Done after %ss".formatted(x);
        };
    }

    public static void run(Runner runner, PrintStream out) {
        Coro<String> coro1 = doSomeWork(out, 1);
        Coro<String> coro2 = doSomeWork(out, 2);
        Coro<String> coro3 = doSomeWork(out, 3);
        List<Future<String>> tasks = List.of(Asyncio.ensureFuture(coro1), Asyncio.ensureFuture(coro2),
                Asyncio.ensureFuture(coro3));
        EventLoop loop = Asyncio.getEventLoop();
        loop.runUntilComplete(Asyncio.wait(tasks));
        for (Future<String> task : tasks) {
            Py.print(out, "任务返回的结果是", task.result());
        }
    }
}
