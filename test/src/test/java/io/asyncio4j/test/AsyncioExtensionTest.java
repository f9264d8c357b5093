package io.asyncio4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * AsyncioExtension on this class's own tests (virtual time, the loop parameter, lifecycle methods on the loop), and
 * on small test classes run through the JUnit launcher to see them fail: a failing child task, a deadlock, a
 * leftover task. (The nested classes are not run by the build itself: surefire skips nested classes.)
 */
@ExtendWith(AsyncioExtension.class)
class AsyncioExtensionTest {
    private EventLoop before;

    @BeforeEach
    void setUp(EventLoop loop) {
        assertThat(Asyncio.getRunningLoop()).isSameAs(loop);
        before = loop;
    }

    @AfterEach
    void tearDown(EventLoop loop) {
        assertThat(Asyncio.getRunningLoop()).isSameAs(loop).isSameAs(before);
    }

    @Test
    void anHourOfSleepIsInstantInVirtualTime(EventLoop loop) {
        long t0 = System.nanoTime();
        double start = loop.time();
        Asyncio.sleep(3600).await();
        assertThat(loop.time() - start).isEqualTo(3600.0);
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(Asyncio.currentTask()).isNotNull();
        assertThat(loop).isSameAs(before);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 60, 86400})
    void parameterizedTestsRunOnTheLoopToo(double seconds, EventLoop loop) {
        double start = loop.time();
        Asyncio.sleep(seconds).await();
        assertThat(loop.time() - start).isEqualTo(seconds);
    }

    @Test
    @TestLoopConfig(virtualTime = false)
    void realTimeOnRequest(EventLoop loop) {
        long t0 = System.nanoTime();
        Asyncio.sleep(0.05).await();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(45));
    }

    @Test
    void aFailingChildTaskFailsTheTest() {
        List<Throwable> failures = failuresOf(FailingChild.class);
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Task exception was never retrieved")
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("the child failed");
    }

    @Test
    void aDeadlockedTestFailsWithAClearMessageWithinItsTimeout() {
        long t0 = System.nanoTime();
        List<Throwable> failures = failuresOf(Deadlocked.class);
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(10));
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not finish within 500 ms of real time")
                .hasMessageContaining("second").hasMessageContaining("first");
    }

    @Test
    void aLeftoverTaskFailsTheTest() {
        List<Throwable> failures = failuresOf(Leftover.class);
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("still pending when the test ended").hasMessageContaining("ticker");
    }

    @Test
    void aPassingClassPasses() {
        assertThat(failuresOf(Passing.class)).isEmpty();
    }

    private static List<Throwable> failuresOf(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Thread runner = new Thread(() -> LauncherFactory.create().execute(
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener));
        runner.start(); // a thread of its own: this test's thread is running this test's loop
        try {
            runner.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsFoundCount()).isEqualTo(1);
        List<Throwable> failures = new ArrayList<>();
        summary.getFailures().forEach(f -> failures.add(f.getException()));
        return failures;
    }

    @ExtendWith(AsyncioExtension.class)
    static class FailingChild {
        @Test
        void test() {
            Asyncio.createTask(() -> {
                Asyncio.sleep(1).await();
                throw new IllegalStateException("the child failed");
            });
            Asyncio.sleep(2).await();
        }
    }

    @ExtendWith(AsyncioExtension.class)
    @TestLoopConfig(timeoutSeconds = 0.5)
    static class Deadlocked {
        @Test
        void test(EventLoop loop) {
            io.asyncio4j.Future<Void> a = loop.createFuture();
            io.asyncio4j.Future<Void> b = loop.createFuture();
            Task<Void> first = Asyncio.createTask(() -> {
                a.await();
                b.setResult(null);
                return null;
            }, "first");
            Task<Void> second = Asyncio.createTask(() -> {
                b.await();
                a.setResult(null);
                return null;
            }, "second");
            Asyncio.gather(first, second).await();
        }
    }

    @ExtendWith(AsyncioExtension.class)
    static class Leftover {
        @Test
        void test() {
            Asyncio.createTask(() -> {
                while (true) {
                    Asyncio.sleep(1).await();
                }
            }, "ticker");
        }
    }

    @ExtendWith(AsyncioExtension.class)
    static class Passing {
        @Test
        void test(EventLoop loop) {
            Task<Integer> child = Asyncio.createTask(() -> {
                Asyncio.sleep(5).await();
                return 42;
            });
            assertThat(child.await()).isEqualTo(42);
            assertThat(loop.time()).isEqualTo(5.0);
        }
    }
}
