package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000,000 tasks created and finished, half from plain callbacks (carrier-side code) and half from other tasks,
 * on two loops at once so that the JDK's shared table of live virtual threads is contended between carriers.
 * A loop thread that blocked on a monitor held by one of its own parked task threads would hang here.
 */
class CarrierStressTest {
    /**
     * The hazard is the fast carrier's (the loop thread is the only carrier of its tasks); the portable carrier
     * pays two thread hand-offs per switch, so it runs a tenth of the load to keep the suite quick.
     */
    private static final int TOTAL = FastCarrier.UNAVAILABLE == null
            && !"portable".equals(System.getProperty(Carrier.PROPERTY)) ? 1_000_000 : 100_000;
    private static final int LOOPS = 2;
    private static final int BATCH = 1_000;

    @Test
    @Timeout(300)
    void oneMillionTasksFromCallbacksAndTasks() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<AtomicReference<Object>> results = new ArrayList<>();
        for (int i = 0; i < LOOPS; i++) {
            AtomicReference<Object> result = new AtomicReference<>();
            results.add(result);
            threads.add(Thread.ofPlatform().name("stress-loop-" + i).start(() -> {
                try {
                    result.set(Asyncio.run(() -> churn(TOTAL / LOOPS)));
                } catch (Throwable e) {
                    result.set(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        for (AtomicReference<Object> r : results) {
            assertThat(r.get()).isEqualTo((long) TOTAL / LOOPS);
        }
    }

    /** Creates {@code n} tasks, half from callbacks and half from this task, each suspending once; counts ends. */
    private static long churn(int n) {
        EventLoop loop = Asyncio.getRunningLoop();
        long[] finished = {0};
        Future<Void> allDone = loop.createFuture();
        Coro<Void> child = () -> {
            Asyncio.sleep(0).await();
            if (++finished[0] == n && !allDone.done()) {
                allDone.setResult(null);
            }
            return null;
        };
        for (int created = 0; created < n; created += 2 * BATCH) {
            int k = Math.min(BATCH, (n - created) / 2);
            loop.callSoon(() -> {
                assertThat(Asyncio.currentTask()).isNull();
                for (int i = 0; i < k; i++) {
                    loop.createTask(child, null);
                }
            });
            for (int i = 0; i < k; i++) {
                Asyncio.createTask(child);
            }
            Asyncio.sleep(0).await();
        }
        allDone.await();
        assertThat(Asyncio.allTasks()).containsExactly(Asyncio.currentTask());
        return finished[0];
    }
}
