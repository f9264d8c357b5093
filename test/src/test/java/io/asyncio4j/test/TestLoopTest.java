package io.asyncio4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** TestLoop.runTest and TestLoop on their own: virtual time, unhandled failures, leftovers, the real-time timeout. */
class TestLoopTest {
    @Test
    void anHourOfSleepTakesNoRealTime() {
        long t0 = System.nanoTime();
        double slept = TestLoop.runTest(() -> {
            double start = Asyncio.getRunningLoop().time();
            Asyncio.sleep(3600).await();
            return Asyncio.getRunningLoop().time() - start;
        });
        assertThat(slept).isEqualTo(3600.0);
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void theBodyRunsAsATaskAndItsExceptionIsThrownAsItIs() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThat(TestLoop.runTest(() -> Asyncio.currentTask() != null)).isTrue();
        assertThatThrownBy(() -> TestLoop.runTest(() -> {
            throw boom;
        })).isSameAs(boom);
    }

    @Test
    void aChildTaskThatFailsUnobservedFailsTheTest() {
        assertThatThrownBy(() -> TestLoop.runTest(() -> {
            Asyncio.createTask(() -> {
                Asyncio.sleep(1).await();
                throw new IllegalStateException("the child failed");
            });
            Asyncio.sleep(2).await();
            return null;
        })).isInstanceOf(AssertionError.class).hasMessageContaining("Task exception was never retrieved")
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("the child failed");
    }

    @Test
    void aChildFailureTheBodyAwaitedIsTheBodysBusiness() {
        String seen = TestLoop.runTest(() -> {
            Task<Object> child = Asyncio.createTask(() -> {
                throw new IllegalStateException("expected");
            });
            try {
                child.await();
                return "no exception";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        });
        assertThat(seen).isEqualTo("expected");
    }

    @Test
    void anExceptionInACallbackFailsTheTest() {
        assertThatThrownBy(() -> TestLoop.runTest(() -> {
            Asyncio.getRunningLoop().callSoon(() -> {
                throw new IllegalArgumentException("in a callback");
            });
            Asyncio.sleep(0).await();
            return null;
        })).isInstanceOf(AssertionError.class).cause().hasMessage("in a callback");
    }

    @Test
    void leftoverTasksAreCancelledAndReported() {
        boolean[] finallyRan = {false};
        assertThatThrownBy(() -> TestLoop.runTest(() -> {
            Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(10).await();
                } finally {
                    finallyRan[0] = true;
                }
                return null;
            }, "forgotten");
            return null;
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 task(s) still pending when the test ended, cancelled")
                .hasMessageContaining("forgotten");
        assertThat(finallyRan[0]).isTrue();
    }

    @Test
    void aDeadlockedTestFailsWithinItsTimeout() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> TestLoop.runTest(Duration.ofMillis(300), () -> {
            Future<Object> never = Asyncio.getRunningLoop().createFuture();
            Task<Object> waiter = Asyncio.createTask(never::await, "waiter");
            return waiter.await();
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not finish within 300 ms of real time")
                .hasMessageContaining("waiter");
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aTestLoopIsSharedByItsRunsAndCanUseRealTime() {
        try (TestLoop t = new TestLoop(false, Duration.ofSeconds(10))) {
            assertThat(t.run(() -> Asyncio.getRunningLoop())).isSameAs(t.loop());
            long t0 = System.nanoTime();
            t.run(() -> Asyncio.sleep(0.05).await());
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(45));
        }
        assertThatThrownBy(() -> new TestLoop(true, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
