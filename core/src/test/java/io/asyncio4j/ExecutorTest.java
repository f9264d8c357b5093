package io.asyncio4j;

import static io.asyncio4j.VirtualTime.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** runInExecutor, the default executor and setDefaultExecutor. */
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class ExecutorTest {
    @Test
    void theDefaultExecutorRunsOnPlatformDaemonThreads() {
        List<Object> r = run(() -> Asyncio.getRunningLoop().runInExecutor(null, () -> {
            Thread t = Thread.currentThread();
            return List.<Object>of(t.isVirtual(), t.isDaemon(), t.getName().startsWith("asyncio4j-executor-"));
        }).await());
        assertThat(r).containsExactly(false, true, true);
    }

    @Test
    void anyExecutorCanRunTheCall() throws Exception {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> new Thread(r, "mine"));
        try {
            String name = run(() -> Asyncio.getRunningLoop().runInExecutor(ex,
                    () -> Thread.currentThread().getName()).await());
            assertThat(name).isEqualTo("mine");
        } finally {
            ex.shutdown();
            assertThat(ex.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void cancellingTheFutureBeforeTheCallStartsMeansItNeverRuns() throws Exception {
        ExecutorService ex = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        try {
            List<Object> r = run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                Future<Boolean> first = loop.runInExecutor(ex, () -> release.await(5, TimeUnit.SECONDS));
                Future<Boolean> second = loop.runInExecutor(ex, () -> secondRan.getAndSet(true));
                Asyncio.sleep(0).await();
                second.cancel();
                Asyncio.sleep(0).await(); // the done callback that cancels the job runs in this iteration
                release.countDown();
                boolean firstResult = first.await();
                return List.<Object>of(firstResult, second.cancelled());
            });
            assertThat(r).containsExactly(true, true);
        } finally {
            ex.shutdown();
            assertThat(ex.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(secondRan).isFalse();
    }

    @Test
    void setDefaultExecutorIsUsedByToThreadAndShutDownByRun() {
        ExecutorService ex = Executors.newFixedThreadPool(2, r -> new Thread(r, "default-of-mine"));
        List<String> names = new ArrayList<>();
        run(() -> {
            Asyncio.getRunningLoop().setDefaultExecutor(ex);
            names.add(Asyncio.toThread(() -> Thread.currentThread().getName()).await());
            names.add(Asyncio.getRunningLoop().runInExecutor(null, () -> Thread.currentThread().getName()).await());
            return null;
        });
        assertThat(names).containsExactly("default-of-mine", "default-of-mine");
        assertThat(ex.isShutdown()).isTrue();
    }

    @Test
    void theExceptionOfTheCallIsThrownAsTheSameObject() {
        IllegalStateException boom = new IllegalStateException("in the executor");
        Throwable t = run(() -> {
            try {
                Asyncio.toThread(() -> {
                    throw boom;
                }).await();
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertThat(t).isSameAs(boom);
    }

    @Test
    void badCallsAreRefusedClearly() {
        assertThatThrownBy(() -> run(() -> Asyncio.getRunningLoop().runInExecutor(null, null)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("callable");
        assertThatThrownBy(() -> run(() -> {
            Asyncio.getRunningLoop().setDefaultExecutor(null);
            return null;
        })).isInstanceOf(NullPointerException.class).hasMessageContaining("setDefaultExecutor");
    }
}
