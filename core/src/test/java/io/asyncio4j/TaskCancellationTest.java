package io.asyncio4j;

import static io.asyncio4j.VirtualTime.run;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Task cancellation, checked line by line against CPython 3.11/3.12. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskCancellationTest {
    static final class KeyError extends RuntimeException {
        KeyError(String msg) {
            super(msg);
        }
    }


    /*
     * Mirrors this CPython program section by section (python3 prints the expected lines):
     *
     * import asyncio
     * log=[]
     * async def main():
     *     loop = asyncio.get_running_loop()
     *     # 1 cancel task waiting on a future cancels the future
     *     fut = loop.create_future()
     *     async def w():
     *         try:
     *             await fut
     *         except asyncio.CancelledError as e:
     *             log.append(f"w got {e.args}")
     *             raise
     *     t = asyncio.create_task(w())
     *     await asyncio.sleep(0)
     *     log.append(f"cancel {t.cancel('bye')}")
     *     log.append(f"fut cancelled {fut.cancelled()} t done {t.done()} cancelling {t.cancelling()}")
     *     try:
     *         await t
     *     except asyncio.CancelledError as e:
     *         log.append(f"main got {e.args}")
     *     log.append(f"t cancelled {t.cancelled()} cancelling {t.cancelling()}")
     *     try: t.result()
     *     except asyncio.CancelledError as e: log.append(f"result again {e.args}")
     *     log.append(f"cancel done task {t.cancel()} cancelling {t.cancelling()}")
     *     # 2 self-cancel delivered at next suspension
     *     async def selfc():
     *         asyncio.current_task().cancel("self")
     *         log.append("still running")
     *         f = loop.create_future(); f.set_result(1)
     *         await f
     *         log.append("after done future")
     *         async def c(): return 1
     *         await c()
     *         log.append("after coro")
     *         try:
     *             await asyncio.sleep(0)
     *         except asyncio.CancelledError as e:
     *             log.append(f"delivered {e.args}")
     *             raise
     *         log.append("not reached")
     *     t = asyncio.create_task(selfc())
     *     try: await t
     *     except asyncio.CancelledError as e: log.append(f"main got {e.args}")
     *     log.append(f"cancelled {t.cancelled()}")
     *     # 3 self-cancel then await pending future: future gets cancelled
     *     pf = loop.create_future()
     *     async def selfc2():
     *         asyncio.current_task().cancel()
     *         try:
     *             await pf
     *         except asyncio.CancelledError as e:
     *             log.append(f"selfc2 got {e.args} pf cancelled {pf.cancelled()}")
     *             return "swallowed"
     *     t = asyncio.create_task(selfc2())
     *     log.append(f"selfc2 result {await t} cancelled {t.cancelled()} cancelling {t.cancelling()}")
     *     # 4 cancel from another task while target is ready to run (sleep(0) yield)
     *     async def busy():
     *         log.append("busy 1")
     *         await asyncio.sleep(0)
     *         log.append("busy 2")
     *         try:
     *             await asyncio.sleep(0)
     *         except asyncio.CancelledError as e:
     *             log.append(f"busy got {e.args}")
     *             raise
     *     t = asyncio.create_task(busy())
     *     await asyncio.sleep(0)
     *     log.append(f"cancel busy {t.cancel('x')}")
     *     try: await t
     *     except asyncio.CancelledError as e: log.append(f"main got {e.args}")
     *     # 5 cancelled before first step
     *     ran = []
     *     async def body(): ran.append(1)
     *     t = asyncio.create_task(body())
     *     log.append(f"early cancel {t.cancel('early')}")
     *     try: await t
     *     except asyncio.CancelledError as e: log.append(f"early got {e.args}")
     *     log.append(f"ran {ran} cancelled {t.cancelled()}")
     *     # 6 catch and return normally
     *     async def catcher():
     *         try:
     *             await asyncio.sleep(10)
     *         except asyncio.CancelledError:
     *             return "caught"
     *     t = asyncio.create_task(catcher())
     *     await asyncio.sleep(0)
     *     t.cancel()
     *     log.append(f"catcher {await t} cancelled {t.cancelled()} cancelling {t.cancelling()}")
     *     # 7 exception identity
     *     exc = KeyError("k")
     *     async def raiser(): raise exc
     *     t = asyncio.create_task(raiser())
     *     try: await t
     *     except KeyError as e: log.append(f"same {e is exc} {t.exception() is exc}")
     *     # 8 cancelling / uncancel counts
     *     async def sleeper():
     *         await asyncio.sleep(10)
     *     t = asyncio.create_task(sleeper())
     *     await asyncio.sleep(0)
     *     t.cancel(); t.cancel(); t.cancel()
     *     log.append(f"cancelling {t.cancelling()}")
     *     log.append(f"uncancel {t.uncancel()} {t.uncancel()} {t.uncancel()} {t.uncancel()}")
     *     try: await t
     *     except asyncio.CancelledError: log.append(f"sleeper cancelled {t.cancelled()}")
     *     # 9 a future cancelled under a task (not the task): task gets CancelledError, ends cancelled
     *     ff = loop.create_future()
     *     async def w2():
     *         await ff
     *     t = asyncio.create_task(w2())
     *     await asyncio.sleep(0)
     *     ff.cancel("fmsg")
     *     try: await t
     *     except asyncio.CancelledError as e: log.append(f"w2 {e.args} cancelled {t.cancelled()} cancelling {t.cancelling()}")
     *     # 10 cancel a task that is already finishing: body returns right after self-cancel
     *     async def retafter():
     *         asyncio.current_task().cancel("late")
     *         return 5
     *     t = asyncio.create_task(retafter())
     *     try: log.append(f"retafter {await t}")
     *     except asyncio.CancelledError as e: log.append(f"retafter cancelled {e.args} {t.cancelled()}")
     * asyncio.run(main())
     * for l in log: print(l)
     */
    @Test
    void cancellationScenariosMatchCPython() {
        List<String> log = new ArrayList<>();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            // 1: cancel a task waiting on a future cancels that future; the message travels
            Future<Object> fut = loop.createFuture();
            Task<Object> t = Asyncio.createTask(() -> {
                try {
                    return fut.await();
                } catch (CancelledError e) {
                    log.add("w got " + Py.args(e));
                    throw e;
                }
            });
            Asyncio.sleep(0).await();
            log.add("cancel " + Py.repr(t.cancel("bye")));
            log.add("fut cancelled " + Py.repr(fut.cancelled()) + " t done " + Py.repr(t.done()) + " cancelling "
                    + t.cancelling());
            try {
                t.await();
            } catch (CancelledError e) {
                log.add("main got " + Py.args(e));
            }
            log.add("t cancelled " + Py.repr(t.cancelled()) + " cancelling " + t.cancelling());
            try {
                t.result();
            } catch (CancelledError e) {
                log.add("result again " + Py.args(e));
            }
            log.add("cancel done task " + Py.repr(t.cancel()) + " cancelling " + t.cancelling());

            // 2: a self-cancel is delivered at the next suspension, not at a done future or a coroutine
            t = Asyncio.createTask(() -> {
                Asyncio.currentTask().cancel("self");
                log.add("still running");
                Future<Integer> f = loop.createFuture();
                f.setResult(1);
                f.await();
                log.add("after done future");
                Coro<Integer> c = () -> 1;
                c.await();
                log.add("after coro");
                try {
                    Asyncio.sleep(0).await();
                } catch (CancelledError e) {
                    log.add("delivered " + Py.args(e));
                    throw e;
                }
                log.add("not reached");
                return null;
            });
            try {
                t.await();
            } catch (CancelledError e) {
                log.add("main got " + Py.args(e));
            }
            log.add("cancelled " + Py.repr(t.cancelled()));

            // 3: a self-cancel then an await of a pending future cancels that future
            Future<Object> pf = loop.createFuture();
            Task<String> t3 = Asyncio.createTask(() -> {
                Asyncio.currentTask().cancel();
                try {
                    pf.await();
                } catch (CancelledError e) {
                    log.add("selfc2 got " + Py.args(e) + " pf cancelled " + Py.repr(pf.cancelled()));
                    return "swallowed";
                }
                return null;
            });
            log.add("selfc2 result " + t3.await() + " cancelled " + Py.repr(t3.cancelled()) + " cancelling "
                    + t3.cancelling());

            // 4: cancel of a task that is ready to run (after a bare yield)
            t = Asyncio.createTask(() -> {
                log.add("busy 1");
                Asyncio.sleep(0).await();
                log.add("busy 2");
                try {
                    Asyncio.sleep(0).await();
                } catch (CancelledError e) {
                    log.add("busy got " + Py.args(e));
                    throw e;
                }
                return null;
            });
            Asyncio.sleep(0).await();
            log.add("cancel busy " + Py.repr(t.cancel("x")));
            try {
                t.await();
            } catch (CancelledError e) {
                log.add("main got " + Py.args(e));
            }

            // 5: cancelled before its first step: the body never runs
            List<Integer> ran = new ArrayList<>();
            t = Asyncio.createTask(() -> ran.add(1));
            log.add("early cancel " + Py.repr(t.cancel("early")));
            try {
                t.await();
            } catch (CancelledError e) {
                log.add("early got " + Py.args(e));
            }
            log.add("ran " + ran + " cancelled " + Py.repr(t.cancelled()));

            // 6: catching the cancel and returning normally: finished with that result, not cancelled
            Task<String> t6 = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(10).await();
                } catch (CancelledError e) {
                    return "caught";
                }
                return null;
            });
            Asyncio.sleep(0).await();
            t6.cancel();
            log.add("catcher " + t6.await() + " cancelled " + Py.repr(t6.cancelled()) + " cancelling "
                    + t6.cancelling());

            // 7: the exception is the same object
            KeyError exc = new KeyError("k");
            t = Asyncio.createTask(() -> {
                throw exc;
            });
            try {
                t.await();
            } catch (KeyError e) {
                log.add("same " + Py.repr(e == exc) + " " + Py.repr(t.exception() == exc));
            }

            // 8: cancelling() / uncancel() counts
            t = Asyncio.createTask(() -> Asyncio.sleep(10).await());
            Asyncio.sleep(0).await();
            t.cancel();
            t.cancel();
            t.cancel();
            log.add("cancelling " + t.cancelling());
            log.add("uncancel " + t.uncancel() + " " + t.uncancel() + " " + t.uncancel() + " " + t.uncancel());
            try {
                t.await();
            } catch (CancelledError e) {
                log.add("sleeper cancelled " + Py.repr(t.cancelled()));
            }

            // 9: a future cancelled under a task: the task ends cancelled, cancelling() stays 0
            Future<Object> ff = loop.createFuture();
            t = Asyncio.createTask(() -> ff.await());
            Asyncio.sleep(0).await();
            ff.cancel("fmsg");
            try {
                t.await();
            } catch (CancelledError e) {
                log.add("w2 " + Py.args(e) + " cancelled " + Py.repr(t.cancelled()) + " cancelling "
                        + t.cancelling());
            }

            // 10: a self-cancel right before returning: the task ends cancelled with the message
            Task<Integer> t10 = Asyncio.createTask(() -> {
                Asyncio.currentTask().cancel("late");
                return 5;
            });
            try {
                log.add("retafter " + t10.await());
            } catch (CancelledError e) {
                log.add("retafter cancelled " + Py.args(e) + " " + Py.repr(t10.cancelled()));
            }
            return null;
        });
        assertThat(log).containsExactly(
                "cancel True",
                "fut cancelled True t done False cancelling 1",
                "w got ('bye',)",
                "main got ('bye',)",
                "t cancelled True cancelling 1",
                "result again ()",
                "cancel done task False cancelling 1",
                "still running",
                "after done future",
                "after coro",
                "delivered ('self',)",
                "main got ('self',)",
                "cancelled True",
                "selfc2 got () pf cancelled True",
                "selfc2 result swallowed cancelled False cancelling 1",
                "busy 1",
                "cancel busy True",
                "main got ('x',)",
                "early cancel True",
                "early got ('early',)",
                "ran [] cancelled True",
                "catcher caught cancelled False cancelling 1",
                "same True True",
                "cancelling 3",
                "uncancel 2 1 0 0",
                "sleeper cancelled True",
                "w2 ('fmsg',) cancelled True cancelling 0",
                "retafter cancelled ('late',) True");
    }

    @Test
    void cancelledErrorIsAnErrorNotAnException() {
        assertThat(new CancelledError()).isInstanceOf(Error.class).isNotInstanceOf(Exception.class);
        assertThat(new CancelledError().getMessage()).isNull();
        assertThat(new CancelledError("m").getMessage()).isEqualTo("m");
        List<String> log = new ArrayList<>();
        run(() -> {
            Task<Object> t = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(10).await();
                } catch (Exception e) {
                    log.add("swallowed by catch Exception");
                }
                return null;
            });
            Asyncio.sleep(0).await();
            t.cancel();
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class);
            return null;
        });
        assertThat(log).isEmpty();
    }

    @Test
    void theCancelledErrorTheBodyThrowsIsTheOneTheAwaiterGets() {
        run(() -> {
            CancelledError[] inBody = new CancelledError[1];
            Task<Object> t = Asyncio.createTask(() -> {
                try {
                    return Asyncio.sleep(10).await();
                } catch (CancelledError e) {
                    inBody[0] = e;
                    throw e;
                }
            });
            Asyncio.sleep(0).await();
            t.cancel("why");
            Throwable got = null;
            try {
                t.await();
            } catch (CancelledError e) {
                got = e;
            }
            assertThat(got).isSameAs(inBody[0]).hasMessage("why");
            return null;
        });
    }

    @Test
    void cancelOfTheMainTaskPropagatesOutOfRun() {
        assertThatThrownBy(() -> run(() -> {
            Asyncio.currentTask().cancel("main");
            return Asyncio.sleep(1).await();
        })).isInstanceOf(CancelledError.class).hasMessage("main");
    }

    @Test
    void cancelDoneTaskReturnsFalse() {
        run(() -> {
            Task<String> t = Asyncio.createTask(() -> "v");
            t.await();
            assertThat(t.cancel()).isFalse();
            assertThat(t.cancel("m")).isFalse();
            assertThat(t.cancelling()).isZero();
            assertThat(t.cancelled()).isFalse();
            return null;
        });
    }

    /*
     * async def sleeper(): await asyncio.sleep(1)   (wrapped: t.cancel(); await asyncio.sleep(0); t.uncancel())
     * A task whose cancel was requested and then taken back with uncancel() before delivery is still cancelled
     * in 3.11/3.12 (uncancel does not clear _must_cancel before 3.13).
     */
    @Test
    void uncancelBeforeDeliveryDoesNotPreventTheCancel() {
        List<String> log = new ArrayList<>();
        run(() -> {
            Task<Object> t = Asyncio.createTask(() -> {
                Asyncio.currentTask().cancel();
                log.add("uncancel " + Asyncio.currentTask().uncancel());
                try {
                    Asyncio.sleep(0).await();
                    log.add("not cancelled");
                } catch (CancelledError e) {
                    log.add("cancelled anyway");
                }
                return null;
            });
            t.await();
            return null;
        });
        assertThat(log).containsExactly("uncancel 0", "cancelled anyway");
    }

    /*
     * import asyncio
     * log=[]
     * async def main():
     *     loop = asyncio.get_running_loop()
     *     # A: cancel after the awaited future completed but before the task resumed
     *     f = loop.create_future()
     *     async def w():
     *         try:
     *             v = await f
     *             log.append(f"A got {v}")
     *         except asyncio.CancelledError as e:
     *             log.append(f"A cancelled {e.args} f.cancelled {f.cancelled()}")
     *             raise
     *     t = asyncio.create_task(w())
     *     await asyncio.sleep(0)
     *     f.set_result(1)
     *     log.append(f"A cancel {t.cancel('late')} cancelling {t.cancelling()}")
     *     try: await t
     *     except asyncio.CancelledError as e: log.append(f"A main got {e.args}")
     *     # B: two cancels with different messages: the first wins
     *     async def s(): 
     *         try: await asyncio.sleep(10)
     *         except asyncio.CancelledError as e: log.append(f"B got {e.args}"); raise
     *     t = asyncio.create_task(s())
     *     await asyncio.sleep(0)
     *     log.append(f"B {t.cancel('first')} {t.cancel('second')} {t.cancelling()}")
     *     try: await t
     *     except asyncio.CancelledError as e: log.append(f"B main got {e.args}")
     *     # C: body raises CancelledError itself
     *     own = asyncio.CancelledError("own")
     *     async def r(): 
     *         await asyncio.sleep(0)
     *         raise own
     *     t = asyncio.create_task(r())
     *     try: await t
     *     except asyncio.CancelledError as e: log.append(f"C same {e is own} cancelled {t.cancelled()} cancelling {t.cancelling()}")
     *     # D: remove_done_callback after completion
     *     g = loop.create_future()
     *     def cb(x): log.append("D cb ran")
     *     g.add_done_callback(cb)
     *     g.set_result(1)
     *     log.append(f"D removed {g.remove_done_callback(cb)}")
     *     await asyncio.sleep(0)
     *     # E: cancel a task awaiting another task: the inner task is cancelled too
     *     async def inner():
     *         try: await asyncio.sleep(10)
     *         except asyncio.CancelledError: log.append("E inner cancelled"); raise
     *     it = asyncio.create_task(inner())
     *     async def outer(): return await it
     *     ot = asyncio.create_task(outer())
     *     await asyncio.sleep(0)
     *     ot.cancel("o")
     *     try: await ot
     *     except asyncio.CancelledError as e: log.append(f"E outer got {e.args} inner cancelled {it.cancelled()}")
     * asyncio.run(main())
     * # F: stop from inside the main task
     * loop = asyncio.new_event_loop()
     * async def stopper():
     *     asyncio.get_running_loop().stop()
     *     await asyncio.sleep(0.01)
     *     return 1
     * try: loop.run_until_complete(stopper())
     * except RuntimeError as e: log.append(f"F {e}")
     * loop.close()
     * for l in log: print(l)
     */
    @Test
    void moreCancellationScenariosMatchCPython() {
        List<String> log = new ArrayList<>();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            // A: cancel after the awaited future completed but before the task resumed
            Future<Integer> f = loop.createFuture();
            Task<Object> t = Asyncio.createTask(() -> {
                try {
                    int v = f.await();
                    log.add("A got " + v);
                } catch (CancelledError e) {
                    log.add("A cancelled " + Py.args(e) + " f.cancelled " + Py.repr(f.cancelled()));
                    throw e;
                }
                return null;
            });
            Asyncio.sleep(0).await();
            f.setResult(1);
            log.add("A cancel " + Py.repr(t.cancel("late")) + " cancelling " + t.cancelling());
            try {
                t.await();
            } catch (CancelledError e) {
                log.add("A main got " + Py.args(e));
            }
            // B: two cancels with different messages: the first wins
            t = Asyncio.createTask(() -> {
                try {
                    return Asyncio.sleep(10).await();
                } catch (CancelledError e) {
                    log.add("B got " + Py.args(e));
                    throw e;
                }
            });
            Asyncio.sleep(0).await();
            log.add("B " + Py.repr(t.cancel("first")) + " " + Py.repr(t.cancel("second")) + " " + t.cancelling());
            try {
                t.await();
            } catch (CancelledError e) {
                log.add("B main got " + Py.args(e));
            }
            // C: the body throws CancelledError itself
            CancelledError own = new CancelledError("own");
            Task<Object> tc = Asyncio.createTask(() -> {
                Asyncio.sleep(0).await();
                throw own;
            });
            try {
                tc.await();
            } catch (CancelledError e) {
                log.add("C same " + Py.repr(e == own) + " cancelled " + Py.repr(tc.cancelled()) + " cancelling "
                        + tc.cancelling());
            }
            // D: removeDoneCallback after completion
            Future<Integer> g = loop.createFuture();
            java.util.function.Consumer<Future<Integer>> cb = x -> log.add("D cb ran");
            g.addDoneCallback(cb);
            g.setResult(1);
            log.add("D removed " + g.removeDoneCallback(cb));
            Asyncio.sleep(0).await();
            // E: cancelling a task that awaits another task cancels the inner task too
            Task<Object> inner = Asyncio.createTask(() -> {
                try {
                    return Asyncio.sleep(10).await();
                } catch (CancelledError e) {
                    log.add("E inner cancelled");
                    throw e;
                }
            });
            Task<Object> outer = Asyncio.createTask(() -> inner.await());
            Asyncio.sleep(0).await();
            outer.cancel("o");
            try {
                outer.await();
            } catch (CancelledError e) {
                log.add("E outer got " + Py.args(e) + " inner cancelled " + Py.repr(inner.cancelled()));
            }
            return null;
        });
        // F: stop() from inside the main task
        EventLoop loop = Asyncio.newEventLoop();
        try {
            loop.runUntilComplete(() -> {
                Asyncio.getRunningLoop().stop();
                Asyncio.sleep(0.01).await();
                return 1;
            });
        } catch (IllegalStateException e) {
            log.add("F " + e.getMessage());
        } finally {
            loop.close();
        }
        assertThat(log).containsExactly(
                "A cancel True cancelling 1",
                "A cancelled ('late',) f.cancelled False",
                "A main got ('late',)",
                "B True True 2",
                "B got ('first',)",
                "B main got ('first',)",
                "C same True cancelled True cancelling 0",
                "D removed 0",
                "D cb ran",
                "E inner cancelled",
                "E outer got ('o',) inner cancelled True",
                "F Event loop stopped before Future completed.");
    }
}
