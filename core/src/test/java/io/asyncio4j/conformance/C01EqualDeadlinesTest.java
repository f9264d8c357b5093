package io.asyncio4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of conformance/c01_equal_deadlines.py. */
class C01EqualDeadlinesTest {
    static Coro<Void> sleeper(List<String> out, String name, double d) {
        return () -> {
            Asyncio.sleep(d).await();
            out.add("woke " + name);
            return null;
        };
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void equalDeadlinesRunInSchedulingOrder() {
        List<String> out = new ArrayList<>();
        try (Runner r = new Runner().virtualTime(true)) {
            r.run(() -> {
                Asyncio.gather(sleeper(out, "a", 0.02), sleeper(out, "b", 0.01), sleeper(out, "c", 0.02),
                        sleeper(out, "d", 0)).await();
                EventLoop loop = Asyncio.getRunningLoop();
                double t = loop.time();
                loop.callAt(t + 0.01, () -> out.add("at-1"));
                loop.callAt(t + 0.01, () -> out.add("at-2"));
                loop.callSoon(() -> out.add("soon"));
                Asyncio.sleep(0.02).await();
                return null;
            });
        }
        assertThat(out).containsExactly("woke d", "woke b", "woke a", "woke c", "soon", "at-1", "at-2");
    }
}
