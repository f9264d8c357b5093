package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Seed 004 (python进阶教程--asyncio), section "回调方法": a done callback reads the task's result ({@code 10 + 3}).
 *
 * <p>The seed's last line, {@code print('返回结果'.format(task.result()))}, has no {@code {}} in its format, so
 * it prints {@code 返回结果} without the result; the twin keeps that ({@code String.formatted} ignores extra
 * arguments the same way).
 */
public final class DoneCallbackResult {
    private DoneCallbackResult() {
    }

    static Coro<Integer> hello(int x) {
        return () -> {
            Asyncio.sleep(x).await();
            return x;
        };
    }

    static Consumer<Future<Integer>> callback(PrintStream out) {
        return future -> {
            int sum = 10 + future.result();
            Py.print(out, "回调返回值是", sum);
        };
    }

    public static void run(Runner runner, PrintStream out) {
        Coro<Integer> coro = hello(3);
        EventLoop loop = Asyncio.getEventLoop();
        Future<Integer> task = Asyncio.ensureFuture(coro);
        task.addDoneCallback(callback(out));
        loop.runUntilComplete(task);
        out.println("返回结果".formatted(task.result()));
    }
}
