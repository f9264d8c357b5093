package io.asyncio4j;

import static io.asyncio4j.VirtualTime.run;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** gather and wait, checked line by line against CPython. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GatherWaitTest {
    static final class Boom extends RuntimeException {
        Boom(String msg) {
            super(msg);
        }
    }


    static Coro<String> work(List<String> log, DoubleSupplier now, String name, double d, boolean fail) {
        return () -> {
            Asyncio.sleep(d).await();
            if (log != null) {
                log.add(name + " done " + Py.round1(now.getAsDouble()));
            }
            if (fail) {
                throw new Boom(name);
            }
            return name;
        };
    }

    static List<String> reprs(List<?> xs) {
        List<String> out = new ArrayList<>();
        for (Object x : xs) {
            out.add(Py.repr(x));
        }
        return out;
    }

    /*
     * import asyncio
     * log=[]
     * class Boom(Exception): pass
     * async def main():
     *     loop = asyncio.get_running_loop()
     *     t0 = loop.time()
     *     def now(): return round(loop.time() - t0, 1)
     *     async def work(name, d, fail=False):
     *         await asyncio.sleep(d)
     *         log.append(f"{name} done {now()}")
     *         if fail: raise Boom(name)
     *         return name
     *     log.append(f"gather {await asyncio.gather(work('a', .3), work('b', .1), work('c', .2))} {now()}")
     *     try:
     *         await asyncio.gather(work('d', .3), work('e', .1, True), work('f', .2, True))
     *     except Boom as e:
     *         log.append(f"gather raised {e.args} {now()}")
     *     await asyncio.sleep(0.5)
     *     t0 = loop.time()
     *     r = await asyncio.gather(work('g', .2), work('h', .1, True), return_exceptions=True)
     *     log.append(f"return_exceptions {[repr(x) for x in r]} {now()}")
     *     log.append(f"empty {await asyncio.gather()}")
     *     # cancel the gather
     *     t0 = loop.time()
     *     t1 = asyncio.create_task(work('x', 1)); t2 = asyncio.create_task(work('y', 2))
     *     g = asyncio.gather(t1, t2)
     *     await asyncio.sleep(0)
     *     log.append(f"g.cancel {g.cancel('gc')}")
     *     try: await g
     *     except asyncio.CancelledError as e: log.append(f"g raised {e.args} g.cancelled {g.cancelled()} {now()}")
     *     log.append(f"children cancelled {t1.cancelled()} {t2.cancelled()}")
     *     # cancelling the task that awaits gather cancels children
     *     t3 = asyncio.create_task(work('p', 1)); t4 = asyncio.create_task(work('q', 2))
     *     async def waiter(): return await asyncio.gather(t3, t4)
     *     wt = asyncio.create_task(waiter())
     *     await asyncio.sleep(0)
     *     wt.cancel()
     *     try: await wt
     *     except asyncio.CancelledError as e: log.append(f"waiter cancelled {wt.cancelled()} children {t3.cancelled()} {t4.cancelled()}")
     *     # a child cancelled: gather raises CancelledError, others keep running
     *     t0 = loop.time()
     *     t5 = asyncio.create_task(work('m', 1)); t6 = asyncio.create_task(work('n', 0.5))
     *     g2 = asyncio.gather(t5, t6)
     *     await asyncio.sleep(0)
     *     t5.cancel('child')
     *     try: await g2
     *     except asyncio.CancelledError as e: log.append(f"g2 raised {e.args} {g2.cancelled()} t6 done {t6.done()} {now()}")
     *     await t6
     *     # return_exceptions with cancelled child
     *     t7 = asyncio.create_task(work('o', 1))
     *     g3 = asyncio.gather(t7, work('s', 0.1), return_exceptions=True)
     *     await asyncio.sleep(0)
     *     t7.cancel('c7')
     *     log.append(f"g3 {[repr(x) for x in await g3]}")
     * asyncio.run(main())
     * for l in log: print(l)
     */
    @Test
    void gatherMatchesCPython() {
        List<String> log = new ArrayList<>();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double[] t0 = {loop.time()};
            DoubleSupplier now = () -> loop.time() - t0[0];
            log.add("gather " + Py.repr(Asyncio.gather(work(log, now, "a", .3, false), work(log, now, "b", .1, false),
                    work(log, now, "c", .2, false)).await()) + " " + Py.round1(now.getAsDouble()));
            try {
                Asyncio.gather(work(log, now, "d", .3, false), work(log, now, "e", .1, true),
                        work(log, now, "f", .2, true)).await();
            } catch (Boom e) {
                log.add("gather raised " + Py.args(e) + " " + Py.round1(now.getAsDouble()));
            }
            Asyncio.sleep(0.5).await();
            t0[0] = loop.time();
            List<Object> r = Asyncio.gather(true, work(log, now, "g", .2, false), work(log, now, "h", .1, true))
                    .await();
            log.add("return_exceptions " + Py.repr(reprs(r)) + " " + Py.round1(now.getAsDouble()));
            log.add("empty " + Py.repr(Asyncio.<Object>gather().await()));
            // cancel the gather
            t0[0] = loop.time();
            Task<String> t1 = Asyncio.createTask(work(log, now, "x", 1, false));
            Task<String> t2 = Asyncio.createTask(work(log, now, "y", 2, false));
            Future<List<String>> g = Asyncio.gather(t1, t2);
            Asyncio.sleep(0).await();
            log.add("g.cancel " + Py.repr(g.cancel("gc")));
            try {
                g.await();
            } catch (CancelledError e) {
                log.add("g raised " + Py.args(e) + " g.cancelled " + Py.repr(g.cancelled()) + " "
                        + Py.round1(now.getAsDouble()));
            }
            log.add("children cancelled " + Py.repr(t1.cancelled()) + " " + Py.repr(t2.cancelled()));
            // cancelling the task that awaits gather cancels the children
            Task<String> t3 = Asyncio.createTask(work(log, now, "p", 1, false));
            Task<String> t4 = Asyncio.createTask(work(log, now, "q", 2, false));
            Task<List<String>> wt = Asyncio.createTask(() -> Asyncio.gather(t3, t4).await());
            Asyncio.sleep(0).await();
            wt.cancel();
            try {
                wt.await();
            } catch (CancelledError e) {
                log.add("waiter cancelled " + Py.repr(wt.cancelled()) + " children " + Py.repr(t3.cancelled()) + " "
                        + Py.repr(t4.cancelled()));
            }
            // a child cancelled: gather raises CancelledError, the others keep running
            t0[0] = loop.time();
            Task<String> t5 = Asyncio.createTask(work(log, now, "m", 1, false));
            Task<String> t6 = Asyncio.createTask(work(log, now, "n", 0.5, false));
            Future<List<String>> g2 = Asyncio.gather(t5, t6);
            Asyncio.sleep(0).await();
            t5.cancel("child");
            try {
                g2.await();
            } catch (CancelledError e) {
                log.add("g2 raised " + Py.args(e) + " " + Py.repr(g2.cancelled()) + " t6 done " + Py.repr(t6.done())
                        + " " + Py.round1(now.getAsDouble()));
            }
            t6.await();
            // returnExceptions with a cancelled child
            Task<String> t7 = Asyncio.createTask(work(log, now, "o", 1, false));
            Future<List<Object>> g3 = Asyncio.gather(true, t7, work(log, now, "s", 0.1, false));
            Asyncio.sleep(0).await();
            t7.cancel("c7");
            log.add("g3 " + Py.repr(reprs(g3.await())));
            return null;
        });
        assertThat(log).containsExactly(
                "b done 0.1",
                "c done 0.2",
                "a done 0.3",
                "gather ['a', 'b', 'c'] 0.3",
                "e done 0.4",
                "gather raised ('e',) 0.4",
                "f done 0.5",
                "d done 0.6",
                "h done 0.1",
                "g done 0.2",
                "return_exceptions [\"'g'\", \"Boom('h')\"] 0.2",
                "empty []",
                "g.cancel True",
                "g raised ('gc',) g.cancelled False 0.0",
                "children cancelled True True",
                "waiter cancelled True children True True",
                "g2 raised ('child',) False t6 done False 0.0",
                "n done 0.5",
                "s done 0.6",
                "g3 [\"CancelledError('')\", \"'s'\"]");
    }

    @Test
    void gatherOfTheSameAwaitableTwiceUsesOneTask() {
        List<String> log = new ArrayList<>();
        run(() -> {
            Coro<String> c = () -> {
                log.add("ran");
                return "v";
            };
            assertThat(Asyncio.gather(c, c).await()).containsExactly("v", "v");
            assertThat(Asyncio.gather(List.of(work(null, null, "l", 0, false))).await()).containsExactly("l");
            return null;
        });
        assertThat(log).containsExactly("ran");
    }

    @Test
    void gatherReturnsAFutureAtOnceAndWrapsCorosInTasks() {
        run(() -> {
            int before = Asyncio.allTasks().size();
            Future<List<String>> g = Asyncio.gather(work(null, null, "a", 1, false), work(null, null, "b", 1, false));
            assertThat(g.done()).isFalse();
            assertThat(Asyncio.allTasks()).hasSize(before + 2);
            assertThat(g.await()).containsExactly("a", "b");
            return null;
        });
    }

    static String names(Collection<? extends Future<?>> s) {
        return Py.repr(s.stream().map(f -> ((Task<?>) f).getName()).sorted().toList());
    }

    /*
     * import asyncio
     * log=[]
     * class Boom(Exception): pass
     * async def main():
     *     loop = asyncio.get_running_loop()
     *     t0 = loop.time()
     *     def now(): return round(loop.time() - t0, 1)
     *     async def work(name, d, fail=False):
     *         await asyncio.sleep(d)
     *         if fail: raise Boom(name)
     *         return name
     *     def names(s): return sorted(t.get_name() for t in s)
     *     def mk(): 
     *         return [asyncio.create_task(work('a', .1), name='a'), asyncio.create_task(work('b', .2, True), name='b'),
     *                 asyncio.create_task(work('c', .3), name='c')]
     *     ts = mk()
     *     done, pending = await asyncio.wait(ts)
     *     log.append(f"ALL {names(done)} {names(pending)} {now()}")
     *     t0 = loop.time(); ts = mk()
     *     done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
     *     log.append(f"FIRST_COMPLETED {names(done)} {names(pending)} {now()}")
     *     done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
     *     log.append(f"FIRST_EXCEPTION {names(done)} {names(pending)} {now()}")
     *     done, pending = await asyncio.wait(ts, timeout=0.04)
     *     log.append(f"timeout {names(done)} {names(pending)} {now()} c cancelled {ts[2].cancelled()}")
     *     log.append(f"c result {await ts[2]} {now()}")
     *     t0 = loop.time(); ts = mk()
     *     done, pending = await asyncio.wait(ts, timeout=0.12)
     *     log.append(f"timeout2 {names(done)} {names(pending)} {now()}")
     *     done, pending = await asyncio.wait(ts, timeout=10)
     *     log.append(f"timeout3 {names(done)} {names(pending)} {now()} exc {ts[1].exception()!r}")
     *     try: await asyncio.wait([])
     *     except ValueError as e: log.append(f"empty: {e}")
     *     # wait on already-done futures: counts iterations
     *     it = 0
     *     running = True
     *     def tick():
     *         nonlocal it
     *         it += 1
     *         if running: loop.call_soon(tick)
     *     loop.call_soon(tick)
     *     await asyncio.sleep(0)
     *     f = loop.create_future(); f.set_result(1)
     *     log.append(f"before wait {it}")
     *     done, pending = await asyncio.wait([f])
     *     log.append(f"after wait {it} {len(done)} {len(pending)}")
     *     ts = [asyncio.create_task(work('z', 0))]
     *     log.append(f"before wait2 {it}")
     *     await asyncio.wait(ts)
     *     log.append(f"after wait2 {it}")
     *     running = False
     *     # cancelling the task waiting in wait() does not cancel the children
     *     t0 = loop.time()
     *     kids = [asyncio.create_task(work('k', 1))]
     *     async def waiter(): await asyncio.wait(kids)
     *     wt = asyncio.create_task(waiter())
     *     await asyncio.sleep(0.1)
     *     wt.cancel()
     *     try: await wt
     *     except asyncio.CancelledError: log.append(f"waiter cancelled, kid cancelled {kids[0].cancelled()} result {await kids[0]} {now()}")
     * asyncio.run(main())
     * for l in log: print(l)
     * (Java: Boom is unchecked; wait() of an empty collection throws IllegalArgumentException.)
     */
    @Test
    void waitMatchesCPython() {
        List<String> log = new ArrayList<>();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double[] t0 = {loop.time()};
            DoubleSupplier now = () -> loop.time() - t0[0];
            java.util.function.Supplier<List<Task<String>>> mk = () -> List.of(
                    Asyncio.createTask(work(null, now, "a", .1, false), "a"),
                    Asyncio.createTask(work(null, now, "b", .2, true), "b"),
                    Asyncio.createTask(work(null, now, "c", .3, false), "c"));
            List<Task<String>> ts = mk.get();
            Done<String> d = Asyncio.wait(ts).await();
            log.add("ALL " + names(d.done()) + " " + names(d.pending()) + " " + Py.round1(now.getAsDouble()));
            t0[0] = loop.time();
            ts = mk.get();
            d = Asyncio.wait(ts, null, ReturnWhen.FIRST_COMPLETED).await();
            log.add("FIRST_COMPLETED " + names(d.done()) + " " + names(d.pending()) + " "
                    + Py.round1(now.getAsDouble()));
            d = Asyncio.wait(ts, null, ReturnWhen.FIRST_EXCEPTION).await();
            log.add("FIRST_EXCEPTION " + names(d.done()) + " " + names(d.pending()) + " "
                    + Py.round1(now.getAsDouble()));
            d = Asyncio.wait(ts, 0.04, ReturnWhen.ALL_COMPLETED).await();
            log.add("timeout " + names(d.done()) + " " + names(d.pending()) + " " + Py.round1(now.getAsDouble())
                    + " c cancelled " + Py.repr(ts.get(2).cancelled()));
            log.add("c result " + ts.get(2).await() + " " + Py.round1(now.getAsDouble()));
            t0[0] = loop.time();
            ts = mk.get();
            d = Asyncio.wait(ts, 0.12, ReturnWhen.ALL_COMPLETED).await();
            log.add("timeout2 " + names(d.done()) + " " + names(d.pending()) + " " + Py.round1(now.getAsDouble()));
            d = Asyncio.wait(ts, 10.0, ReturnWhen.ALL_COMPLETED).await();
            log.add("timeout3 " + names(d.done()) + " " + names(d.pending()) + " " + Py.round1(now.getAsDouble())
                    + " exc " + Py.repr(ts.get(1).exception()));
            try {
                Asyncio.wait(List.<Task<String>>of()).await();
            } catch (IllegalArgumentException e) {
                log.add("empty: " + e.getMessage());
            }
            // waiting on done futures: iterations counted by a call_soon chain
            int[] it = {0};
            boolean[] running = {true};
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                it[0]++;
                if (running[0]) {
                    loop.callSoon(tick[0]);
                }
            };
            loop.callSoon(tick[0]);
            Asyncio.sleep(0).await();
            Future<Integer> f = loop.createFuture();
            f.setResult(1);
            log.add("before wait " + it[0]);
            Done<Integer> d1 = Asyncio.wait(List.of(f)).await();
            log.add("after wait " + it[0] + " " + d1.done().size() + " " + d1.pending().size());
            List<Task<String>> zs = List.of(Asyncio.createTask(work(null, now, "z", 0, false)));
            log.add("before wait2 " + it[0]);
            Asyncio.wait(zs).await();
            log.add("after wait2 " + it[0]);
            running[0] = false;
            // cancelling the task waiting in wait() does not cancel the children
            t0[0] = loop.time();
            List<Task<String>> kids = List.of(Asyncio.createTask(work(null, now, "k", 1, false)));
            Task<Object> wt = Asyncio.createTask(() -> Asyncio.wait(kids).await());
            Asyncio.sleep(0.1).await();
            wt.cancel();
            try {
                wt.await();
            } catch (CancelledError e) {
                log.add("waiter cancelled, kid cancelled " + Py.repr(kids.get(0).cancelled()) + " result "
                        + kids.get(0).await() + " " + Py.round1(now.getAsDouble()));
            }
            return null;
        });
        assertThat(log).containsExactly(
                "ALL ['a', 'b', 'c'] [] 0.3",
                "FIRST_COMPLETED ['a'] ['b', 'c'] 0.1",
                "FIRST_EXCEPTION ['a', 'b'] ['c'] 0.2",
                "timeout ['a', 'b'] ['c'] 0.2 c cancelled False",
                "c result c 0.3",
                "timeout2 ['a'] ['b', 'c'] 0.1",
                "timeout3 ['a', 'b', 'c'] [] 0.3 exc Boom('b')",
                "empty: Set of Tasks/Futures is empty.",
                "before wait 1",
                "after wait 3 1 0",
                "before wait2 3",
                "after wait2 7",
                "waiter cancelled, kid cancelled False result k 1.0");
    }

    @Test
    void waitReturnsThePassedObjectsAndWrapsCoros() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<String> f = loop.createFuture();
            loop.callLater(1, () -> f.setResult("f"));
            Task<String> t = Asyncio.createTask(work(null, null, "t", 2, false));
            Done<String> d = Asyncio.wait(List.of(f, t)).await();
            assertThat(d.done()).containsExactlyInAnyOrder(f, t);
            assertThat(d.pending()).isEmpty();
            Done<String> d2 = Asyncio.wait(List.of(work(null, null, "c", 1, false))).await();
            assertThat(d2.done()).singleElement().isInstanceOf(Task.class);
            assertThat(d2.done().iterator().next().result()).isEqualTo("c");
            return null;
        });
    }

    @Test
    void waitFirstExceptionWithoutExceptionsWaitsForAll() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<Task<String>> ts = List.of(Asyncio.createTask(work(null, null, "a", 1, false)),
                    Asyncio.createTask(work(null, null, "b", 2, false)));
            Done<String> d = Asyncio.wait(ts, null, ReturnWhen.FIRST_EXCEPTION).await();
            assertThat(d.done()).hasSize(2);
            assertThat(loop.time()).isEqualTo(2.0);
            Set<Future<String>> pending = Asyncio.wait(List.of(Asyncio.createTask(work(null, null, "c", 5, false))),
                    0.0, ReturnWhen.ALL_COMPLETED).await().pending();
            assertThat(pending).hasSize(1);
            assertThat(pending.iterator().next().cancelled()).isFalse();
            return null;
        });
    }
}
