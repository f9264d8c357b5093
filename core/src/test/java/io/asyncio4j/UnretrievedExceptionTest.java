package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class UnretrievedExceptionTest {

    @Test
    void forgottenFailedTaskIsReportedToTheExceptionHandler() {
        List<Map<String, Object>> seen = new ArrayList<>();
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            loop.setExceptionHandler((l, ctx) -> seen.add(ctx));
            spawnAndForget();
            for (int i = 0; i < 500 && seen.isEmpty(); i++) {
                System.gc();
                Asyncio.toThread(() -> {
                    Thread.sleep(5);
                    return null;
                }).await();
            }
            return null;
        });
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).get("message")).isEqualTo("Task exception was never retrieved");
        assertThat((Throwable) seen.get(0).get("exception")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("forgotten");
        assertThat(seen.get(0).get("future").toString())
                .isEqualTo("<Task finished name='forgotten' exception=IllegalArgumentException('forgotten')>");
    }

    @Test
    void retrievedExceptionIsNotReported() {
        List<Map<String, Object>> seen = new ArrayList<>();
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> seen.add(ctx));
            Task<Void> t = Asyncio.createTask(() -> {
                throw new IllegalArgumentException("seen");
            });
            Asyncio.gather(true, t).await();
            t = null;
            for (int i = 0; i < 20; i++) {
                System.gc();
                Asyncio.toThread(() -> {
                    Thread.sleep(5);
                    return null;
                }).await();
            }
            return null;
        });
        assertThat(seen).isEmpty();
    }

    private static void spawnAndForget() {
        Asyncio.createTask(() -> {
            throw new IllegalArgumentException("forgotten");
        }, "forgotten");
        Asyncio.sleep(0).await(); // the task fails during this iteration
        Asyncio.sleep(0).await();
    }
}
