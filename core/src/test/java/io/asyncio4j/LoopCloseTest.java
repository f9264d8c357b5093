package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LoopCloseTest {

    @Test
    void closingWithAPendingTaskUnwindsItAndReportsIt() throws Exception {
        EventLoop loop = Asyncio.newEventLoop();
        List<String> out = new ArrayList<>();
        List<Map<String, Object>> reports = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
        Thread[] taskThread = new Thread[1];
        Task<Void> pending = loop.createTask(() -> {
            taskThread[0] = Thread.currentThread();
            try {
                Asyncio.sleep(3600).await();
                out.add("woke");
            } catch (Exception e) {
                out.add("caught " + e);
            } finally {
                out.add("finally ran");
            }
            return null;
        }, "sleeper");
        loop.runUntilComplete(Asyncio.sleep(0)); // the task starts and suspends in its sleep
        loop.close();
        assertThat(out).containsExactly("finally ran");
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).get("message")).isEqualTo("Task was destroyed but it is pending!");
        assertThat(reports.get(0).get("task")).isSameAs(pending);
        taskThread[0].join(5000);
        assertThat(taskThread[0].isAlive()).isFalse();
        assertThat(pending.done()).isFalse();
    }
}
