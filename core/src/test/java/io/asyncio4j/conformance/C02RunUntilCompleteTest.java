package io.asyncio4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of conformance/c02_run_until_complete.py (a plain new loop: real time, 10 ms sleeps). */
class C02RunUntilCompleteTest {
    static Coro<Integer> hello(int x) {
        return () -> {
            Asyncio.sleep(0.01).await();
            return x;
        };
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void runUntilCompleteOnANewLoop() {
        List<String> out = new ArrayList<>();
        EventLoop loop = Asyncio.newEventLoop();
        Task<Integer> task = loop.createTask(hello(3), null);
        task.addDoneCallback(fut -> out.add("callback sum " + (10 + fut.result())));
        out.add("result " + loop.runUntilComplete(task));
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(loop.createTask(hello(i), null));
        }
        loop.runUntilComplete(Asyncio.wait(tasks));
        List<Integer> results = new ArrayList<>();
        for (Task<Integer> t : tasks) {
            results.add(t.result());
        }
        out.add(results.toString());
        loop.close();
        out.add("closed " + (loop.isClosed() ? "True" : "False"));
        assertThat(out).containsExactly("callback sum 13", "result 3", "[0, 1, 2]", "closed True");
    }
}
