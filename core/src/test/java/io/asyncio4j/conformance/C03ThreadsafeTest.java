package io.asyncio4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of conformance/c03_threadsafe.py. */
class C03ThreadsafeTest {
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void threadsafeCallsAndRunCoroutineThreadsafe() {
        List<String> out = new CopyOnWriteArrayList<>();
        try (Runner r = new Runner().virtualTime(true)) {
            r.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                Future<String> fut = loop.createFuture();
                new Thread(() -> loop.callSoonThreadsafe(() -> fut.setResult("from thread"))).start();
                out.add(fut.await());
                Coro<String> coro = () -> {
                    Asyncio.sleep(0.01).await();
                    return "coro result";
                };
                Thread th = new Thread(() -> {
                    CompletableFuture<String> cf = Asyncio.runCoroutineThreadsafe(coro, loop);
                    try {
                        out.add("thread got " + cf.get(5, TimeUnit.SECONDS));
                    } catch (Exception e) {
                        out.add("thread failed " + e);
                    }
                });
                th.start();
                Asyncio.toThread(() -> {
                    th.join();
                    return null;
                }).await();
                out.add("done");
                return null;
            });
        }
        assertThat(out).containsExactly("from thread", "thread got coro result", "done");
    }
}
