package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runner and Asyncio.run, checked against CPython's asyncio.Runner. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunnerTest {
    static final class KeyError extends RuntimeException {
        KeyError(String msg) {
            super(msg);
        }
    }

    /*
     * async def bg():
     *     try: await asyncio.sleep(10); log.append("bg woke")
     *     except asyncio.CancelledError as e:
     *         log.append(f"bg cancelled {e.args}"); await asyncio.sleep(1); log.append("bg cleanup done"); raise
     *     finally: log.append("bg finally")
     * async def ticker(): await asyncio.sleep(1); log.append("ticker 1")
     * with asyncio.Runner() as r:
     *     async def main1(): create_task(ticker()); create_task(bg()); await asyncio.sleep(0); return "main1"
     *     log.append(r.run(main1()))
     *     async def main2(): await asyncio.sleep(2); return "main2"
     *     log.append(r.run(main2()))
     *     loop = r.get_loop(); log.append(f"same loop {loop is r.get_loop()} closed {loop.is_closed()}")
     *     log.append("closing")
     * log.append(f"closed {loop.is_closed()}")
     * r.run(main2()) -> RuntimeError("Runner is closed")
     */
    @Test
    void runTwiceThenCloseCancelsLeftovers() {
        List<String> log = new ArrayList<>();
        Coro<Object> bg = () -> {
            try {
                Asyncio.sleep(10).await();
                log.add("bg woke");
            } catch (CancelledError e) {
                log.add("bg cancelled " + Py.args(e));
                Asyncio.sleep(1).await();
                log.add("bg cleanup done");
                throw e;
            } finally {
                log.add("bg finally");
            }
            return null;
        };
        Coro<Object> ticker = () -> {
            Asyncio.sleep(1).await();
            log.add("ticker 1");
            return null;
        };
        Coro<String> main2 = () -> {
            Asyncio.sleep(2).await();
            return "main2";
        };
        EventLoop loop;
        Runner r = new Runner().virtualTime(true);
        try (r) {
            log.add(r.run(() -> {
                Asyncio.createTask(ticker);
                Asyncio.createTask(bg);
                Asyncio.sleep(0).await();
                return "main1";
            }));
            log.add(r.run(main2));
            loop = r.getLoop();
            log.add("same loop " + Py.repr(loop == r.getLoop()) + " closed " + Py.repr(loop.isClosed()));
            assertThat(loop.time()).isEqualTo(2.0);
            log.add("closing");
        }
        log.add("closed " + Py.repr(loop.isClosed()));
        try {
            r.run(main2);
        } catch (IllegalStateException e) {
            log.add("run after close: " + e.getMessage());
        }
        assertThat(log).containsExactly("main1", "ticker 1", "main2", "same loop True closed False", "closing",
                "bg cancelled ()", "bg cleanup done", "bg finally", "closed True", "run after close: Runner is closed");
        assertThatThrownBy(r::getLoop).isInstanceOf(IllegalStateException.class);
        r.close(); // idempotent
    }

    /*
     * async def stubborn():
     *     try: await asyncio.sleep(10)
     *     except asyncio.CancelledError: raise KeyError("k")
     * main3 sets an exception handler collecting ctx['message'], creates stubborn, sleeps 0; r.run(main3()); r.close()
     * -> ['unhandled exception during asyncio.run() shutdown']
     */
    @Test
    void anExceptionDuringShutdownReachesTheHandler() {
        List<String> ctxs = new ArrayList<>();
        Runner r = new Runner().virtualTime(true);
        r.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((l, c) -> ctxs.add((String) c.get("message")));
            Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(10).await();
                } catch (CancelledError e) {
                    throw new KeyError("k");
                }
                return null;
            });
            Asyncio.sleep(0).await();
            return null;
        });
        r.close();
        assertThat(ctxs).containsExactly("unhandled exception during asyncio.run() shutdown");
    }

    @Test
    void virtualTimeStartsAtZeroAndJumps() {
        try (Runner r = new Runner().virtualTime(true)) {
            List<Double> times = r.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                List<Double> t = new ArrayList<>();
                t.add(loop.time());
                Asyncio.sleep(3600).await();
                t.add(loop.time());
                Asyncio.gather(Asyncio.sleep(5), Asyncio.sleep(2)).await();
                t.add(loop.time());
                return t;
            });
            assertThat(times).containsExactly(0.0, 3600.0, 3605.0);
            long t0 = System.nanoTime();
            r.run(() -> Asyncio.sleep(86400).await());
            assertThat(System.nanoTime() - t0).isLessThan(2_000_000_000L);
            assertThat(r.getLoop().time()).isEqualTo(3605.0 + 86400);
        }
    }

    /*
     * Virtual time must be able to reach any deadline: asyncio.sleep(365 days) returns (in CPython, after a
     * year). Runs in a separate thread because a loop that never fires the timer spins without ever returning.
     */
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void virtualTimeReachesFarDeadlines() {
        try (Runner r = new Runner().virtualTime(true)) {
            double t = r.run(() -> {
                Asyncio.sleep(86400.0 * 365).await();
                return Asyncio.getRunningLoop().time();
            });
            assertThat(t).isEqualTo(86400.0 * 365);
        }
    }

    @Test
    void runReturnsTheResultAndThrowsTheSameException() {
        KeyError exc = new KeyError("x");
        try (Runner r = new Runner().virtualTime(true)) {
            assertThat(r.run(() -> "v")).isEqualTo("v");
            assertThatThrownBy(() -> r.run(() -> {
                Asyncio.sleep(1).await();
                throw exc;
            })).isSameAs(exc);
            assertThat(r.run(() -> "again")).isEqualTo("again");
        }
    }

    @Test
    void runFromARunningLoopFails() {
        try (Runner outer = new Runner().virtualTime(true)) {
            String msg = outer.run(() -> {
                try (Runner inner = new Runner()) {
                    inner.run(() -> null);
                    return "no error";
                } catch (IllegalStateException e) {
                    return e.getMessage();
                }
            });
            assertThat(msg).contains("cannot be called from a running event loop");
            String msg2 = outer.run(() -> {
                try {
                    Asyncio.run(() -> null);
                    return "no error";
                } catch (IllegalStateException e) {
                    return e.getMessage();
                }
            });
            assertThat(msg2).isEqualTo("asyncio.run() cannot be called from a running event loop");
        }
    }

    @Test
    void optionsMustBeSetBeforeTheLoopStarts() {
        try (Runner r = new Runner()) {
            r.getLoop();
            assertThatThrownBy(() -> r.virtualTime(true)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> r.debug(true)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closeWithoutRunAndRunNull() {
        Runner r = new Runner();
        assertThatThrownBy(() -> r.run(null)).isInstanceOf(NullPointerException.class);
        r.close();
        r.close();
        assertThatThrownBy(() -> r.run(() -> null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("Runner is closed");
    }

    @Test
    void theRunnerLoopIsThisThreadsLoopWhileOpen() {
        Runner r = new Runner().virtualTime(true);
        try (r) {
            EventLoop loop = r.getLoop();
            assertThat(Asyncio.getEventLoop()).isSameAs(loop);
        }
        // close() set the thread's loop to null, as CPython's Runner does: get_event_loop() has none to give
        assertThatThrownBy(Asyncio::getEventLoop).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("There is no current event loop in thread ");
    }

    /* asyncio.run(main) cancels leftovers: their finally blocks run; the exception is the same object. */
    @Test
    void asyncioRunCancelsLeftoversAndRethrows() {
        List<String> log = new ArrayList<>();
        String v = Asyncio.run(() -> {
            Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(3600).await();
                } finally {
                    log.add("leftover finally");
                }
                return null;
            });
            Asyncio.sleep(0).await();
            return "v";
        });
        assertThat(v).isEqualTo("v");
        assertThat(log).containsExactly("leftover finally");
        KeyError exc = new KeyError("x");
        assertThatThrownBy(() -> Asyncio.run(() -> {
            throw exc;
        })).isSameAs(exc);
    }
}
