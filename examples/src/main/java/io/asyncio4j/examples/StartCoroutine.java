package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 002 (asyncio notes), section "启动一个协程": a coroutine object does nothing until the loop runs it with
 * {@code run_until_complete}; the {@code finally} closes the loop.
 */
public final class StartCoroutine {
    private StartCoroutine() {
    }

    public static void run(Runner runner, PrintStream out) {
        Coro<Void> foo = () -> {
            out.println("这是一个协程");
            return null;
        };
        EventLoop loop = Asyncio.getEventLoop();
        try {
            out.println("开始运行协程");
            Coro<Void> coro = foo;
            out.println("进入事件循环");
            loop.runUntilComplete(coro);
        } finally {
            out.println("关闭事件循环");
            loop.close();
        }
    }
}
