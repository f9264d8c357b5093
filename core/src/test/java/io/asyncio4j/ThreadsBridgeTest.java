package io.asyncio4j;

import static io.asyncio4j.VirtualTime.run;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** toThread, runCoroutineThreadsafe and wrapFuture, checked against CPython. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ThreadsBridgeTest {
    static final class KeyError extends RuntimeException {
        KeyError(String msg) {
            super(msg);
        }
    }


    /*
     * import asyncio, threading, concurrent.futures
     * log=[]
     * async def main():
     *     loop = asyncio.get_running_loop()
     *     main_thread = threading.current_thread()
     *     r = await asyncio.to_thread(lambda: (threading.current_thread() is not main_thread, 21 * 2))
     *     log.append(f"to_thread {r}")
     *     exc = KeyError("t")
     *     def raiser(): raise exc
     *     try: await asyncio.to_thread(raiser)
     *     except KeyError as e: log.append(f"to_thread raises same {e is exc}")
     *     # wrap_future of a done concurrent future: done after one iteration
     *     cf = concurrent.futures.Future(); cf.set_result("w")
     *     wf = asyncio.wrap_future(cf)
     *     log.append(f"wrapped done at once {wf.done()}")
     *     await asyncio.sleep(0)
     *     log.append(f"wrapped done after sleep0 {wf.done()} {wf.result()}")
     *     # completed later by a thread
     *     cf2 = concurrent.futures.Future()
     *     threading.Timer(0.01, lambda: cf2.set_result("later")).start()
     *     log.append(f"wrap later {await asyncio.wrap_future(cf2)}")
     *     cf3 = concurrent.futures.Future()
     *     exc3 = KeyError("w3")
     *     threading.Timer(0.01, lambda: cf3.set_exception(exc3)).start()
     *     try: await asyncio.wrap_future(cf3)
     *     except KeyError as e: log.append(f"wrap exception same {e is exc3}")
     *     cf4 = concurrent.futures.Future(); wf4 = asyncio.wrap_future(cf4)
     *     wf4.cancel(); await asyncio.sleep(0)
     *     log.append(f"cancel wrapped cancels source {cf4.cancelled()}")
     *     # run_coroutine_threadsafe
     *     started = threading.Event()
     *     async def coro(x):
     *         await asyncio.sleep(0.01)
     *         return x * 2
     *     async def bad():
     *         await asyncio.sleep(0)
     *         raise exc
     *     async def long():
     *         started.set()
     *         try:
     *             await asyncio.sleep(10)
     *         except asyncio.CancelledError:
     *             log.append("long cancelled")
     *             raise
     *     def other():
     *         out = []
     *         out.append(f"rct {asyncio.run_coroutine_threadsafe(coro(5), loop).result(timeout=5)}")
     *         try: asyncio.run_coroutine_threadsafe(bad(), loop).result(timeout=5)
     *         except KeyError as e: out.append(f"rct raises same {e is exc}")
     *         cf = asyncio.run_coroutine_threadsafe(long(), loop)
     *         started.wait(5)
     *         out.append(f"cf cancel {cf.cancel()}")
     *         return out
     *     out = await asyncio.to_thread(other)
     *     await asyncio.sleep(0.01)
     *     log.extend(out)
     * asyncio.run(main())
     * for l in log: print(l)
     */
    @Test
    void bridgesMatchCPython() {
        List<String> log = new CopyOnWriteArrayList<>();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Thread mainThread = Thread.currentThread();
            String r = Asyncio.toThread(() -> "(" + Py.repr(Thread.currentThread() != mainThread) + ", " + 21 * 2 + ")")
                    .await();
            log.add("to_thread " + r);
            KeyError exc = new KeyError("t");
            try {
                Asyncio.toThread(() -> {
                    throw exc;
                }).await();
            } catch (KeyError e) {
                log.add("to_thread raises same " + Py.repr(e == exc));
            }
            // wrapFuture of a done CompletableFuture: done after one iteration
            CompletableFuture<String> cf = CompletableFuture.completedFuture("w");
            Future<String> wf = Asyncio.wrapFuture(cf);
            log.add("wrapped done at once " + Py.repr(wf.done()));
            Asyncio.sleep(0).await();
            log.add("wrapped done after sleep0 " + Py.repr(wf.done()) + " " + (wf.done() ? wf.result() : "-"));
            // completed later by another thread
            CompletableFuture<String> cf2 = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS).execute(() -> cf2.complete("later"));
            log.add("wrap later " + Asyncio.wrapFuture(cf2).await());
            CompletableFuture<String> cf3 = new CompletableFuture<>();
            KeyError exc3 = new KeyError("w3");
            CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS).execute(() -> cf3.completeExceptionally(exc3));
            try {
                Asyncio.wrapFuture(cf3).await();
            } catch (KeyError e) {
                log.add("wrap exception same " + Py.repr(e == exc3));
            }
            CompletableFuture<String> cf4 = new CompletableFuture<>();
            Future<String> wf4 = Asyncio.wrapFuture(cf4);
            wf4.cancel();
            Asyncio.sleep(0).await();
            log.add("cancel wrapped cancels source " + Py.repr(cf4.isCancelled()));
            // runCoroutineThreadsafe
            CountDownLatch started = new CountDownLatch(1);
            Coro<Integer> coro = () -> {
                Asyncio.sleep(0.01).await();
                return 5 * 2;
            };
            Coro<Integer> bad = () -> {
                Asyncio.sleep(0).await();
                throw exc;
            };
            Coro<Object> longCoro = () -> {
                started.countDown();
                try {
                    Asyncio.sleep(10).await();
                } catch (CancelledError e) {
                    log.add("long cancelled");
                    throw e;
                }
                return null;
            };
            List<String> out = Asyncio.toThread(() -> {
                List<String> o = new ArrayList<>();
                o.add("rct " + Asyncio.runCoroutineThreadsafe(coro, loop).get(5, TimeUnit.SECONDS));
                try {
                    Asyncio.runCoroutineThreadsafe(bad, loop).get(5, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    o.add("rct raises same " + Py.repr(e.getCause() == exc));
                }
                CompletableFuture<Object> lf = Asyncio.runCoroutineThreadsafe(longCoro, loop);
                started.await(5, TimeUnit.SECONDS);
                o.add("cf cancel " + Py.repr(lf.cancel(false)));
                return o;
            }).await();
            Asyncio.sleep(0.01).await();
            log.addAll(out);
            return null;
        });
        assertThat(log).containsExactly(
                "to_thread (True, 42)",
                "to_thread raises same True",
                "wrapped done at once False",
                "wrapped done after sleep0 True w",
                "wrap later later",
                "wrap exception same True",
                "cancel wrapped cancels source True",
                "long cancelled",
                "rct 10",
                "rct raises same True",
                "cf cancel True");
    }

    @Test
    void toThreadRunsOffTheLoopThreadAndKeepsTheLoopRunning() {
        List<String> log = new CopyOnWriteArrayList<>();
        run(() -> {
            CountDownLatch tick = new CountDownLatch(1);
            Task<Object> ticker = Asyncio.createTask(() -> {
                Asyncio.sleep(0).await();
                log.add("ticker ran");
                tick.countDown();
                return null;
            });
            boolean sawTick = Asyncio.toThread(() -> tick.await(5, TimeUnit.SECONDS)).await();
            ticker.await();
            log.add("thread saw the ticker " + sawTick);
            return null;
        });
        assertThat(log).containsExactly("ticker ran", "thread saw the ticker true");
    }

    @Test
    void toThreadCheckedExceptionIsRethrownAsIs() {
        Exception checked = new java.io.IOException("io");
        run(() -> {
            assertThatThrownBy(() -> Asyncio.toThread(() -> {
                throw checked;
            }).await()).isSameAs(checked);
            return null;
        });
    }

    @Test
    void wrapFutureUnwrapsCompletionExceptionAndCancellation() {
        run(() -> {
            KeyError cause = new KeyError("c");
            CompletableFuture<String> a = new CompletableFuture<>();
            a.completeExceptionally(new CompletionException(cause));
            assertThatThrownBy(() -> Asyncio.wrapFuture(a).await()).isSameAs(cause);
            CompletableFuture<String> b = new CompletableFuture<>();
            b.cancel(false);
            Future<String> wb = Asyncio.wrapFuture(b);
            assertThatThrownBy(wb::await).isInstanceOf(CancelledError.class);
            assertThat(wb.cancelled()).isTrue();
            CompletableFuture<String> c = new CompletableFuture<>();
            CompletableFuture<String> chained = c.thenApply(s -> s + "!");
            CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS).execute(() -> c.complete("x"));
            assertThat(Asyncio.wrapFuture(chained).await()).isEqualTo("x!");
            return null;
        });
    }

    @Test
    void runCoroutineThreadsafeOnAClosedLoopFails() {
        EventLoop loop = Asyncio.newEventLoop();
        loop.close();
        assertThatThrownBy(() -> Asyncio.runCoroutineThreadsafe(() -> null, loop))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void runCoroutineThreadsafeFromAPlainThreadWhileTheLoopWaits() throws Exception {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Future<String> gate = loop.createFuture();
            Thread th = new Thread(() -> {
                CompletableFuture<String> cf = Asyncio.runCoroutineThreadsafe(() -> {
                    Asyncio.sleep(0).await();
                    gate.setResult("opened");
                    return Asyncio.currentTask().getName();
                }, loop);
                try {
                    cf.get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            th.start();
            assertThat(loop.runUntilComplete(gate)).isEqualTo("opened");
            th.join();
        } finally {
            loop.close();
        }
    }
}
