package io.asyncio4j;

import static io.asyncio4j.VirtualTime.runLogged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Primitive {@code double} and {@link Duration} timeouts and the forms without one (issue 17, item 12):
 * {@code waitFor(t, 5)} and {@code timeout(5, ...)} compile, {@code waitFor(t, null)} still means no limit, and every
 * value behaves as the {@code Double} form does.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimeoutOverloadsTest {
    private static Coro<String> slow(String v, double seconds) {
        return () -> {
            Asyncio.sleep(seconds).await();
            return v;
        };
    }

    @Test
    void waitForTakesAnIntADoubleAndNullAsBefore() {
        List<String> out = runLogged(log -> {
            log.add(Asyncio.waitFor(slow("int", 1), 5).await() + " " + log.now());
            try {
                Asyncio.waitFor(slow("x", 10), 2).await();
            } catch (TimeoutError e) {
                log.add("timeout " + log.now());
            }
            log.add(Asyncio.waitFor(slow("none", 100), null).await() + " " + log.now());
            Double boxed = null;
            log.add(Asyncio.waitFor(slow("boxed", 1), boxed).await() + " " + log.now());
        });
        assertThat(out).containsExactly("int 1.0", "timeout 3.0", "none 103.0", "boxed 104.0");
    }

    /*
     * CPython 3.12: a timeout <= 0 on a pending awaitable times out at once; a done future's result is returned.
     * t = asyncio.create_task(asyncio.sleep(1)); await asyncio.wait_for(t, -1) -> TimeoutError, t.cancelled() True
     * f = loop.create_future(); f.set_result('done'); await asyncio.wait_for(f, -1) -> 'done'
     */
    @Test
    void aNegativeOrNaNDoubleBehavesAsTheBoxedForm() {
        List<String> out = runLogged(log -> {
            for (double t : new double[] {-1, 0, Double.NaN}) {
                log.add(outcome(() -> Asyncio.waitFor(slow("x", 1), t).await()) + " | "
                        + outcome(() -> Asyncio.waitFor(slow("x", 1), Double.valueOf(t)).await()));
                log.add(outcome(() -> Asyncio.timeout(t, slow("x", 1)).await()) + " | "
                        + outcome(() -> Asyncio.timeout(Double.valueOf(t), slow("x", 1)).await()));
            }
            Future<String> done = Asyncio.getRunningLoop().createFuture();
            done.setResult("done");
            log.add(Asyncio.waitFor(done, -1).await());
            log.add("at " + log.now());
        });
        assertThat(out.subList(0, 2)).containsExactly("TimeoutError | TimeoutError", "TimeoutError | TimeoutError");
        for (int i = 0; i < 6; i++) {
            String[] both = out.get(i).split(" \\| ");
            assertThat(both[0]).as(out.get(i)).isEqualTo(both[1]);
        }
        assertThat(out.subList(6, 8)).containsExactly("done", "at 0.0");
    }

    private static String outcome(Coro<String> c) {
        try {
            return "result " + c.await();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    @Test
    void timeoutAndTimeoutAtTakePrimitives() {
        List<String> out = runLogged(log -> {
            try {
                Asyncio.timeout(1, slow("x", 5)).await();
            } catch (TimeoutError e) {
                log.add("timeout " + log.now());
            }
            String moved = Asyncio.timeout(1, (io.asyncio4j.Timeout t) -> {
                t.reschedule(Asyncio.getRunningLoop().time() + 3);
                return slow("moved", 2).await();
            }).await();
            log.add(moved + " " + log.now());
            double at = Asyncio.getRunningLoop().time() + 0.5;
            try {
                Asyncio.timeoutAt(at, slow("x", 5)).await();
            } catch (TimeoutError e) {
                log.add("timeoutAt " + log.now());
            }
            log.add(Asyncio.timeoutAt(at + 10, (io.asyncio4j.Timeout t) -> "body when=" + (t.when() - at)).await());
            log.add(Asyncio.timeout(null, slow("no deadline", 50)).await() + " " + log.now());
        });
        assertThat(out).containsExactly("timeout 1.0", "moved 3.0", "timeoutAt 3.5", "body when=10.0",
                "no deadline 53.5");
    }

    @Test
    void waitAndAsCompletedTakePrimitivesAndHaveFormsWithoutATimeout() {
        List<String> out = runLogged(log -> {
            Task<String> a = Asyncio.createTask(slow("a", 1));
            Task<String> b = Asyncio.createTask(slow("b", 3));
            Done<String> d = Asyncio.wait(List.of(a, b), 2, ReturnWhen.ALL_COMPLETED).await();
            log.add("done=" + d.done().size() + " pending=" + d.pending().size() + " " + log.now());
            d = Asyncio.wait(List.of(a, b), ReturnWhen.ALL_COMPLETED).await();
            log.add("done=" + d.done().size() + " pending=" + d.pending().size() + " " + log.now());
            for (Coro<String> c : Asyncio.asCompleted(List.of(slow("p", 2), slow("q", 1)))) {
                log.add(c.await() + " " + log.now());
            }
            List<String> got = new ArrayList<>();
            try {
                for (Coro<String> c : Asyncio.asCompleted(List.of(slow("r", 1), slow("s", 9)), 4)) {
                    got.add(c.await());
                }
            } catch (TimeoutError e) {
                log.add(got + " then timeout " + log.now());
            }
        });
        assertThat(out).containsExactly("done=1 pending=1 2.0", "done=2 pending=0 3.0", "q 4.0", "p 5.0",
                "[r] then timeout 9.0");
    }

    @Test
    void durationsConvertToSecondsWithNanosecondPrecision() {
        assertThat(Asyncio.seconds(Duration.ofMillis(1500))).isEqualTo(1.5);
        assertThat(Asyncio.seconds(Duration.ofNanos(1))).isEqualTo(1e-9);
        assertThat(Asyncio.seconds(Duration.ofSeconds(3, 250_000_001))).isEqualTo(3.250000001);
        assertThat(Asyncio.seconds(Duration.ofMillis(-500))).isEqualTo(-0.5);
        assertThat(Asyncio.seconds(Duration.ofSeconds(-2, 1))).isEqualTo(-1.999999999);
        assertThat(Asyncio.seconds(null)).isNull();
        assertThatThrownBy(() -> Asyncio.sleep((Duration) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void sleepTakesADurationAndTheDoubleSlotsTakeSecondsOfOne() {
        List<String> out = runLogged(log -> {
            Asyncio.sleep(Duration.ofMillis(1500)).await();
            log.add("slept " + log.now());
            log.add(Asyncio.sleep(Duration.ofSeconds(2), "r").await() + " " + log.now());
            Asyncio.sleep(Duration.ofSeconds(-1)).await();
            log.add("negative " + log.now());
            try {
                Asyncio.waitFor(slow("x", 1), Asyncio.seconds(Duration.ofMillis(250))).await();
            } catch (TimeoutError e) {
                log.add("timeout " + log.now());
            }
            log.add(Asyncio.waitFor(slow("unlimited", 7), Asyncio.seconds(null)).await() + " " + log.now());
        });
        assertThat(out).containsExactly("slept 1.5", "r 3.5", "negative 3.5", "timeout 3.75", "unlimited 10.75");
    }
}
