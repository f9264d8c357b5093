package io.asyncio4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import io.asyncio4j.TimeoutError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of conformance/c06_wait_for_edge.py. */
class C06WaitForEdgeTest {
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void waitForEdges() {
        List<String> out = new ArrayList<>();
        try (Runner r = new Runner().virtualTime(true)) {
            r.run(() -> {
                Future<String> fut = Asyncio.getRunningLoop().createFuture();
                fut.setResult("done");
                out.add(Asyncio.waitFor(fut, 0.0).await());
                boolean[] started = {false};
                try {
                    Asyncio.waitFor(() -> {
                        started[0] = true;
                        return Asyncio.sleep(1).await();
                    }, 0.0).await();
                } catch (TimeoutError e) {
                    out.add("timeout 0, started: " + (started[0] ? "True" : "False"));
                }
                int v = Asyncio.waitFor(() -> {
                    try {
                        Asyncio.sleep(1).await();
                    } catch (CancelledError e) {
                        return 42;
                    }
                    return 0;
                }, 0.01).await();
                out.add("suppressed cancel returns " + v);
                return null;
            });
        }
        assertThat(out).containsExactly("done", "timeout 0, started: False", "suppressed cancel returns 42");
    }
}
