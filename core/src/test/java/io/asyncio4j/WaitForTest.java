package io.asyncio4j;

import static io.asyncio4j.VirtualTime.run;
import static io.asyncio4j.VirtualTime.runLogged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.VirtualTime.ValueError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** waitFor, checked line by line against CPython 3.12 (test_waitfor's behaviours). */
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class WaitForTest {
    /*
     * CPython 3.12.1 (/tmp program, kept here as the spec):
     *
     * async def slow():
     *     try: await asyncio.sleep(1)
     *     finally: log(f"slow finally {now()}")
     * try: await asyncio.wait_for(slow(), 0.1)
     * except TimeoutError as e: log(f"timeout {now()} cause={type(e.__cause__).__name__}")
     * t = asyncio.create_task(slow())
     * try: await asyncio.wait_for(t, 0.1)
     * except TimeoutError: log(f"task cancelled={t.cancelled()} {now()}")
     * log(await asyncio.wait_for(asyncio.sleep(0.05, 'ok'), 1))
     * log(await asyncio.wait_for(asyncio.sleep(0.05, 'none'), None))
     * inner = asyncio.create_task(asyncio.sleep(5))
     * outer = asyncio.create_task(asyncio.wait_for(inner, 10))
     * await asyncio.sleep(0.1); outer.cancel()
     * try: await outer
     * except asyncio.CancelledError: log(f"outer cancelled, inner cancelled={inner.cancelled()}")
     * async def slow_cleanup():
     *     try: await asyncio.sleep(1)
     *     finally:
     *         await asyncio.sleep(0.5); log(f"cleanup done {now()}")
     * try: await asyncio.wait_for(slow_cleanup(), 0.1)
     * except TimeoutError: log(f"timeout after cleanup {now()}")
     * t = asyncio.create_task(asyncio.sleep(1))
     * try: await asyncio.wait_for(t, 0)
     * except TimeoutError: log(f"t0 task cancelled={t.cancelled()}")
     * async def boom():
     *     await asyncio.sleep(0.01); raise ValueError("x")
     * try: await asyncio.wait_for(boom(), 1)
     * except ValueError as e: log(f"ValueError {e} {now()}")
     * log(f"cancelling={asyncio.current_task().cancelling()}")
     */
    @Test
    void waitForMatchesCPython() {
        List<String> out = runLogged(log -> {
            Coro<Void> slow = () -> {
                try {
                    Asyncio.sleep(1).await();
                } finally {
                    log.add("slow finally " + log.now());
                }
                return null;
            };
            try {
                Asyncio.waitFor(slow, 0.1).await();
            } catch (TimeoutError e) {
                log.add("timeout " + log.now() + " cause=" + e.getCause().getClass().getSimpleName());
            }
            Task<Void> t = Asyncio.createTask(slow);
            try {
                Asyncio.waitFor(t, 0.1).await();
            } catch (TimeoutError e) {
                log.add("task cancelled=" + Py.repr(t.cancelled()) + " " + log.now());
            }
            log.add(Asyncio.waitFor(Asyncio.sleep(0.05, "ok"), 1.0).await());
            log.add(Asyncio.waitFor(Asyncio.sleep(0.05, "none"), null).await());
            Task<Void> inner = Asyncio.createTask(Asyncio.sleep(5));
            Task<Void> outer = Asyncio.createTask(Asyncio.waitFor(inner, 10.0));
            Asyncio.sleep(0.1).await();
            outer.cancel();
            try {
                outer.await();
            } catch (CancelledError e) {
                log.add("outer cancelled, inner cancelled=" + Py.repr(inner.cancelled()));
            }
            Coro<Void> slowCleanup = () -> {
                try {
                    Asyncio.sleep(1).await();
                } finally {
                    Asyncio.sleep(0.5).await();
                    log.add("cleanup done " + log.now());
                }
                return null;
            };
            try {
                Asyncio.waitFor(slowCleanup, 0.1).await();
            } catch (TimeoutError e) {
                log.add("timeout after cleanup " + log.now());
            }
            Task<Void> t2 = Asyncio.createTask(Asyncio.sleep(1));
            try {
                Asyncio.waitFor(t2, 0.0).await();
            } catch (TimeoutError e) {
                log.add("t0 task cancelled=" + Py.repr(t2.cancelled()));
            }
            Coro<Void> boom = () -> {
                Asyncio.sleep(0.01).await();
                throw new ValueError("x");
            };
            try {
                Asyncio.waitFor(boom, 1.0).await();
            } catch (ValueError e) {
                log.add("ValueError " + e.getMessage() + " " + log.now());
            }
            log.add("cancelling=" + Asyncio.currentTask().cancelling());
        });
        assertThat(out).containsExactly(
                "slow finally 0.1",
                "timeout 0.1 cause=CancelledError",
                "slow finally 0.2",
                "task cancelled=True 0.2",
                "ok",
                "none",
                "outer cancelled, inner cancelled=True",
                "cleanup done 1.0",
                "timeout after cleanup 1.0",
                "t0 task cancelled=True",
                "ValueError x 1.01",
                "cancelling=0");
    }

    @Test
    void aCoroutineRunsInlineInTheAwaitingTask() {
        List<Object> seen = run(() -> {
            Task<?> me = Asyncio.currentTask();
            int before = Asyncio.allTasks().size();
            return Asyncio.waitFor(() -> List.<Object>of(Asyncio.currentTask() == me, Asyncio.allTasks().size() - before),
                    1.0).await();
        });
        assertThat(seen).containsExactly(true, 0);
    }

    @Test
    void theExceptionOfTheInnerIsThrownAsTheSameObject() {
        ValueError boom = new ValueError("same");
        Throwable thrown = run(() -> {
            try {
                Asyncio.waitFor(() -> {
                    throw boom;
                }, 1.0).await();
                return null;
            } catch (ValueError e) {
                return e;
            }
        });
        assertThat(thrown).isSameAs(boom);
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        assertThatThrownBy(() -> run(() -> Asyncio.waitFor(null, 1.0).await()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("waitFor");
        assertThatThrownBy(() -> run(() -> Asyncio.waitFor(Asyncio.sleep(1), Double.NaN).await()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Asyncio.waitFor(Asyncio.sleep(0), 1.0).await())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a task");
    }
}
