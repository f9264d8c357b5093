package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** EventLoop methods; orderings and messages checked against CPython (programs in the comments). */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventLoopTest {
    static final class ZeroDivisionError extends RuntimeException {
        ZeroDivisionError(String msg) {
            super(msg);
        }
    }

    /*
     * loop = asyncio.new_event_loop(); t0 = loop.time()
     * loop.call_at(t0+0.02, log.append, "at .02 #1"); loop.call_later(0.03, log.append, "later .03")
     * h = loop.call_at(t0+0.01, log.append, "cancelled timer"); loop.call_at(t0+0.02, log.append, "at .02 #2")
     * loop.call_at(t0+0.01, log.append, "at .01"); loop.call_later(0, log.append, "later 0")
     * loop.call_later(-1, log.append, "later -1"); loop.call_soon(log.append, "soon 1")
     * hs = loop.call_soon(log.append, "cancelled soon"); loop.call_soon(log.append, "soon 2")
     * h.cancel(); hs.cancel()
     * log.append(f"handles cancelled {h.cancelled()} {hs.cancelled()} when {round(h.when()-t0, 3)}")
     * loop.call_at(t0+0.04, loop.stop); loop.run_forever()
     */
    /**
     * Equal deadlines come out of the timer heap in the order CPython's heapq gives them (TimerHandle.__lt__
     * compares deadlines only), not in scheduling order. CPython 3.11 prints 0 2 6 5 10 9 8 7 1 3 4 for:
     * <pre>
     * async def main():
     *     loop = asyncio.get_running_loop(); t = loop.time() + 2
     *     for i in range(11): loop.call_at(t, print, i)
     *     await asyncio.sleep(3)
     * </pre>
     */
    @Test
    void equalDeadlinesFollowCPythonsHeapOrder() {
        List<Integer> log = new ArrayList<>();
        VirtualTime.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double t = loop.time() + 2;
            for (int i = 0; i < 11; i++) {
                int n = i;
                loop.callAt(t, () -> log.add(n));
            }
            Asyncio.sleep(3).await();
            return null;
        });
        assertThat(log).containsExactly(0, 2, 6, 5, 10, 9, 8, 7, 1, 3, 4);
    }

    @Test
    void timersAndReadyCallbacksOrder() {
        List<String> log = new ArrayList<>();
        try (Runner r = new Runner().virtualTime(true)) {
            EventLoop loop = r.getLoop();
            double t0 = loop.time();
            assertThat(t0).isZero();
            loop.callAt(t0 + 0.02, () -> log.add("at .02 #1"));
            loop.callLater(0.03, () -> log.add("later .03"));
            TimerHandle h = loop.callAt(t0 + 0.01, () -> log.add("cancelled timer"));
            loop.callAt(t0 + 0.02, () -> log.add("at .02 #2"));
            loop.callAt(t0 + 0.01, () -> log.add("at .01"));
            loop.callLater(0, () -> log.add("later 0"));
            loop.callLater(-1, () -> log.add("later -1"));
            loop.callSoon(() -> log.add("soon 1"));
            Handle hs = loop.callSoon(() -> log.add("cancelled soon"));
            loop.callSoon(() -> log.add("soon 2"));
            h.cancel();
            hs.cancel();
            log.add("handles cancelled " + Py.repr(h.cancelled()) + " " + Py.repr(hs.cancelled()) + " when "
                    + (Math.round((h.when() - t0) * 1000) / 1000.0));
            loop.callAt(t0 + 0.04, loop::stop);
            loop.runForever();
            assertThat(loop.time()).isEqualTo(0.04);
        }
        assertThat(log).containsExactly("handles cancelled True True when 0.01", "soon 1", "soon 2", "later -1",
                "later 0", "at .01", "at .02 #1", "at .02 #2", "later .03");
    }

    @Test
    void aHandleCancelledByAnEarlierCallbackOfTheSameIterationDoesNotRun() {
        List<String> log = new ArrayList<>();
        try (Runner r = new Runner().virtualTime(true)) {
            EventLoop loop = r.getLoop();
            Handle[] hb = new Handle[1];
            TimerHandle[] tb = new TimerHandle[1];
            loop.callSoon(() -> {
                log.add("a");
                hb[0].cancel();
            });
            hb[0] = loop.callSoon(() -> log.add("b"));
            loop.callAt(1, () -> {
                log.add("t1");
                tb[0].cancel();
            });
            tb[0] = loop.callAt(1, () -> log.add("t2"));
            loop.callAt(2, loop::stop);
            loop.runForever();
        }
        assertThat(log).containsExactly("a", "t1");
    }

    @Test
    void callLaterUsesTheLoopClock() {
        List<String> log = new ArrayList<>();
        try (Runner r = new Runner().virtualTime(true)) {
            EventLoop loop = r.getLoop();
            TimerHandle h = loop.callLater(5, () -> log.add("at " + loop.time()));
            assertThat(h.when()).isEqualTo(5.0);
            loop.callLater(7.5, loop::stop);
            loop.runForever();
            assertThat(loop.time()).isEqualTo(7.5);
            TimerHandle h2 = loop.callLater(1, () -> log.add("at " + loop.time()));
            assertThat(h2.when()).isEqualTo(8.5);
            loop.callAt(10, loop::stop);
            loop.runForever();
        }
        assertThat(log).containsExactly("at 5.0", "at 8.5");
    }

    /*
     * def a(): log.append("a"); loop.call_soon(c); loop.stop()
     * loop.call_soon(a); loop.call_soon(b); loop.run_forever(); log.append("returned 1")
     * loop.call_soon(loop.stop); loop.run_forever(); log.append("returned 2")
     * def d(): log.append("d"); loop.call_soon(e)
     * loop.call_soon(d); loop.stop(); loop.run_forever(); log.append("returned 3")
     * loop.call_soon(loop.stop); loop.run_forever(); log.append("returned 4")
     */
    @Test
    void stopEndsTheLoopAfterTheCurrentIteration() {
        List<String> log = new ArrayList<>();
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Runnable c = () -> log.add("c");
            loop.callSoon(() -> {
                log.add("a");
                loop.callSoon(c);
                loop.stop();
            });
            loop.callSoon(() -> log.add("b"));
            loop.runForever();
            log.add("returned 1");
            loop.callSoon(loop::stop);
            loop.runForever();
            log.add("returned 2");
            Runnable e = () -> log.add("e");
            loop.callSoon(() -> {
                log.add("d");
                loop.callSoon(e);
            });
            loop.stop();
            loop.runForever();
            log.add("returned 3");
            loop.callSoon(loop::stop);
            loop.runForever();
            log.add("returned 4");
        } finally {
            loop.close();
        }
        assertThat(log).containsExactly("a", "b", "returned 1", "c", "returned 2", "d", "returned 3", "e",
                "returned 4");
    }

    /*
     * CPython: call_soon_threadsafe appends to the same ready queue as call_soon.
     * loop.call_soon(log.append, "ts-a"); loop.call_soon_threadsafe(log.append, "ts-b")
     * loop.call_soon(log.append, "ts-c"); loop.call_soon(loop.stop); loop.run_forever()
     * -> ts-a ts-b ts-c
     */
    @Test
    void callSoonThreadsafeOnTheLoopThreadKeepsFifoWithCallSoon() {
        List<String> log = new ArrayList<>();
        EventLoop loop = Asyncio.newEventLoop();
        try {
            loop.callSoon(() -> log.add("ts-a"));
            loop.callSoonThreadsafe(() -> log.add("ts-b"));
            loop.callSoon(() -> log.add("ts-c"));
            loop.callSoon(loop::stop);
            loop.runForever();
        } finally {
            loop.close();
        }
        assertThat(log).containsExactly("ts-a", "ts-b", "ts-c");
    }

    /* The same from inside a running callback: call_soon(a); call_soon_threadsafe(b); call_soon(c) -> a b c. */
    @Test
    void callSoonThreadsafeInsideARunningLoopKeepsFifoWithCallSoon() {
        List<String> log = new ArrayList<>();
        EventLoop loop = Asyncio.newEventLoop();
        try {
            loop.callSoon(() -> {
                loop.callSoon(() -> log.add("a"));
                loop.callSoonThreadsafe(() -> log.add("b"));
                loop.callSoon(() -> log.add("c"));
                loop.callSoon(() -> loop.callSoon(loop::stop));
            });
            loop.runForever();
        } finally {
            loop.close();
        }
        assertThat(log).containsExactly("a", "b", "c");
    }

    @Test
    void callSoonThreadsafeFromAnotherThreadWakesTheLoop() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        EventLoop loop = Asyncio.newEventLoop();
        AtomicReference<Thread> loopThread = new AtomicReference<>();
        try {
            Thread other = new Thread(() -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
                Handle h = loop.callSoonThreadsafe(() -> {
                    log.add("ran on loop thread " + (Thread.currentThread() == loopThread.get()));
                    loop.stop();
                });
                log.add("handle " + (h != null));
            });
            loop.callSoon(() -> loopThread.set(Thread.currentThread()));
            other.start();
            loop.runForever();
            other.join();
        } finally {
            loop.close();
        }
        assertThat(log).containsExactlyInAnyOrder("handle true", "ran on loop thread true");
    }

    @Test
    void nonThreadsafeCallsFromAnotherThreadAreRejectedWhileRunning() throws Exception {
        EventLoop loop = Asyncio.newEventLoop();
        AtomicReference<Throwable> err = new AtomicReference<>();
        try {
            loop.callSoon(() -> {
                Thread th = new Thread(() -> {
                    try {
                        loop.callSoon(() -> { });
                    } catch (Throwable t) {
                        err.set(t);
                    }
                });
                th.start();
                try {
                    th.join();
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
                loop.stop();
            });
            loop.runForever();
        } finally {
            loop.close();
        }
        assertThat(err.get()).isInstanceOf(IllegalStateException.class);
    }

    /*
     * def inside(): log(f"running {loop.is_running()}"); loop.run_forever() / loop.run_until_complete(fut)
     *   -> RuntimeError("This event loop is already running"); loop.close() -> "Cannot close a running event loop"
     * after: is_running() False, is_closed() False
     */
    @Test
    void runningStateAndReentryErrors() {
        List<String> log = new ArrayList<>();
        EventLoop loop = Asyncio.newEventLoop();
        try {
            assertThat(loop.isRunning()).isFalse();
            loop.callSoon(() -> {
                log.add("running " + Py.repr(loop.isRunning()));
                try {
                    loop.runForever();
                } catch (IllegalStateException e) {
                    log.add("run_forever: " + e.getMessage());
                }
                try {
                    loop.runUntilComplete(loop.createFuture());
                } catch (IllegalStateException e) {
                    log.add("run_until_complete: " + e.getMessage());
                }
                try {
                    loop.close();
                } catch (IllegalStateException e) {
                    log.add("close: " + e.getMessage());
                }
                loop.stop();
            });
            loop.runForever();
            log.add("after running " + Py.repr(loop.isRunning()) + " closed " + Py.repr(loop.isClosed()));
        } finally {
            loop.close();
        }
        assertThat(log).containsExactly("running True", "run_forever: This event loop is already running",
                "run_until_complete: This event loop is already running",
                "close: Cannot close a running event loop", "after running False closed False");
    }

    @Test
    void runForeverFromATaskOfTheLoopFails() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            String msg = loop.runUntilComplete(loop.createTask(() -> {
                try {
                    loop.runForever();
                    return "no error";
                } catch (IllegalStateException e) {
                    return e.getMessage();
                }
            }, null));
            assertThat(msg).isEqualTo("This event loop is already running");
            assertThat(loop.isRunning()).isFalse();
        } finally {
            loop.close();
        }
    }

    /*
     * loop.set_exception_handler(lambda l, ctx: ctxs.append(ctx)); exc = ZeroDivisionError("z")
     * hb = loop.call_soon(boom); loop.call_soon(log.append, "after boom"); loop.call_soon(loop.stop); run_forever()
     * -> after boom; keys ['exception', 'handle', 'message'] exc same True handle same True
     * a handler that raises: loop goes on ("after bad handler")
     */
    @Test
    void aCallbackThatThrowsDoesNotStopTheLoopAndReachesTheHandler() {
        List<String> log = new ArrayList<>();
        List<Map<String, Object>> ctxs = new ArrayList<>();
        List<EventLoop> loops = new ArrayList<>();
        EventLoop loop = Asyncio.newEventLoop();
        try {
            assertThat(loop.getExceptionHandler()).isNull();
            loop.setExceptionHandler((l, ctx) -> {
                loops.add(l);
                ctxs.add(ctx);
            });
            assertThat(loop.getExceptionHandler()).isNotNull();
            ZeroDivisionError exc = new ZeroDivisionError("z");
            Handle hb = loop.callSoon(() -> {
                throw exc;
            });
            loop.callSoon(() -> log.add("after boom"));
            loop.callSoon(loop::stop);
            loop.runForever();
            log.add("keys " + Py.repr(ctxs.get(0).keySet().stream().sorted().toList()) + " exc same "
                    + Py.repr(ctxs.get(0).get("exception") == exc) + " handle same "
                    + Py.repr(ctxs.get(0).get("handle") == hb));
            assertThat((String) ctxs.get(0).get("message")).startsWith("Exception in callback ");
            assertThat(loops).containsExactly(loop);

            loop.setExceptionHandler((l, ctx) -> {
                throw new RuntimeException("handler broke");
            });
            loop.callSoon(() -> {
                throw exc;
            });
            loop.callSoon(() -> log.add("after bad handler"));
            loop.callSoon(loop::stop);
            loop.runForever();
            loop.setExceptionHandler(null);
            assertThat(loop.getExceptionHandler()).isNull();
            loop.callSoon(() -> {
                throw exc;
            });
            loop.callSoon(() -> log.add("after default handler"));
            loop.callSoon(loop::stop);
            loop.runForever();
        } finally {
            loop.close();
        }
        assertThat(log).containsExactly("after boom", "keys ['exception', 'handle', 'message'] exc same True "
                + "handle same True", "after bad handler", "after default handler");
        assertThat(ctxs).hasSize(1);
    }

    @Test
    void callExceptionHandlerPassesTheContext() {
        List<Map<String, Object>> ctxs = new ArrayList<>();
        EventLoop loop = Asyncio.newEventLoop();
        try {
            loop.setExceptionHandler((l, ctx) -> ctxs.add(ctx));
            Map<String, Object> ctx = Map.of("message", "hello");
            loop.callExceptionHandler(ctx);
            assertThat(ctxs).containsExactly(ctx);
            loop.defaultExceptionHandler(Map.of("message", "logged only"));
        } finally {
            loop.close();
        }
    }

    /*
     * loop.run_until_complete(val()) -> 42; run_until_complete(bad()) raises the same exc;
     * loop.call_soon(loop.stop); loop.run_until_complete(pending) -> RuntimeError("Event loop stopped before Future
     * completed.")
     */
    @Test
    void runUntilComplete() {
        ZeroDivisionError exc = new ZeroDivisionError("z");
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Coro<Integer> val = () -> 42;
            assertThat(loop.runUntilComplete(val)).isEqualTo(42);
            Coro<Integer> bad = () -> {
                throw exc;
            };
            assertThatThrownBy(() -> loop.runUntilComplete(bad)).isSameAs(exc);
            Future<Object> pending = loop.createFuture();
            loop.callSoon(loop::stop);
            assertThatThrownBy(() -> loop.runUntilComplete(pending)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Event loop stopped before Future completed.");
            Future<String> f = loop.createFuture();
            loop.callSoon(() -> f.setResult("set"));
            assertThat(loop.runUntilComplete(f)).isEqualTo("set");
            assertThat(loop.isRunning()).isFalse();
        } finally {
            loop.close();
        }
    }

    /*
     * loop.close(); loop.close(); is_closed() True; call_soon / call_later / call_at / call_soon_threadsafe /
     * run_forever / run_until_complete -> RuntimeError("Event loop is closed"); create_task too.
     */
    @Test
    void closedLoop() {
        EventLoop loop = Asyncio.newEventLoop();
        Future<Object> fut = loop.createFuture();
        assertThat(loop.isClosed()).isFalse();
        loop.close();
        loop.close();
        assertThat(loop.isClosed()).isTrue();
        assertThat(loop.isRunning()).isFalse();
        List<Runnable> ops = List.of(() -> loop.callSoon(() -> { }), () -> loop.callLater(1, () -> { }),
                () -> loop.callAt(1, () -> { }), () -> loop.callSoonThreadsafe(() -> { }), loop::runForever,
                () -> loop.runUntilComplete(fut), () -> loop.createTask(() -> null, null));
        for (Runnable op : ops) {
            assertThatThrownBy(op::run).isInstanceOf(IllegalStateException.class).hasMessage("Event loop is closed");
        }
    }

    @Test
    void closeDropsPendingCallbacks() {
        List<String> log = new ArrayList<>();
        EventLoop loop = Asyncio.newEventLoop();
        loop.callSoon(() -> log.add("never"));
        loop.callLater(0, () -> log.add("never"));
        loop.close();
        assertThat(log).isEmpty();
    }

    @Test
    void timeIsMonotonicAndVirtualTimeStartsAtZero() {
        EventLoop real = Asyncio.newEventLoop();
        try {
            double a = real.time();
            double b = real.time();
            assertThat(b).isGreaterThanOrEqualTo(a);
        } finally {
            real.close();
        }
        try (Runner r = new Runner().virtualTime(true)) {
            assertThat(r.getLoop().time()).isZero();
            double end = r.run(() -> {
                Asyncio.sleep(3600).await();
                return Asyncio.getRunningLoop().time();
            });
            assertThat(end).isEqualTo(3600.0);
        }
    }

    @Test
    void debugFlag() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            assertThat(loop.getDebug()).isFalse();
            loop.setDebug(true);
            assertThat(loop.getDebug()).isTrue();
            loop.setDebug(false);
            assertThat(loop.getDebug()).isFalse();
        } finally {
            loop.close();
        }
        try (Runner r = new Runner().debug(true)) {
            assertThat(r.getLoop().getDebug()).isTrue();
        }
    }

    @Test
    void createFutureIsBoundToTheLoop() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Future<String> f = loop.createFuture();
            assertThat(f.getLoop()).isSameAs(loop);
            assertThat(f.done()).isFalse();
            Task<String> t = loop.createTask(() -> "t", "named");
            assertThat(t.getLoop()).isSameAs(loop);
            assertThat(t.getName()).isEqualTo("named");
            assertThat(loop.runUntilComplete(t)).isEqualTo("t");
        } finally {
            loop.close();
        }
    }

    @Test
    void createTaskFirstStepRunsInTheNextIteration() {
        List<String> log = new ArrayList<>();
        EventLoop loop = Asyncio.newEventLoop();
        try {
            loop.callSoon(() -> {
                log.add("cb1");
                loop.createTask(() -> log.add("task"), null);
                loop.callSoon(() -> log.add("cb3"));
            });
            loop.callSoon(() -> log.add("cb2"));
            loop.callSoon(() -> loop.callSoon(() -> loop.callSoon(loop::stop)));
            loop.runForever();
        } finally {
            loop.close();
        }
        assertThat(log).containsExactly("cb1", "cb2", "task", "cb3");
    }

    @Test
    void runInExecutor() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "custom-pool"));
        try (Runner r = new Runner().virtualTime(true)) {
            List<String> got = r.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                List<String> out = new ArrayList<>();
                out.add(loop.runInExecutor(pool, () -> Thread.currentThread().getName()).await());
                Thread loopThread = Thread.currentThread();
                out.add(String.valueOf(loop.runInExecutor(null, () -> Thread.currentThread() != loopThread).await()));
                ZeroDivisionError exc = new ZeroDivisionError("x");
                Future<Object> f = loop.runInExecutor(null, () -> {
                    throw exc;
                });
                try {
                    f.await();
                } catch (ZeroDivisionError e) {
                    out.add("same " + (e == exc));
                }
                return out;
            });
            assertThat(got).containsExactly("custom-pool", "true", "same true");
        } finally {
            pool.shutdownNow();
        }
    }
}
