package io.asyncio4j;

import static io.asyncio4j.VirtualTime.run;
import static io.asyncio4j.VirtualTime.runLogged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.VirtualTime.ValueError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** shield and asCompleted, checked line by line against CPython 3.12 (test_tasks' shield/as_completed cases). */
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class ShieldAsCompletedTest {
    /*
     * CPython 3.12.1:
     *
     * inner = asyncio.create_task(asyncio.sleep(0.2, 'inner result'))
     * outer = asyncio.shield(inner); outer.cancel(); await asyncio.sleep(0)
     * log(f"outer cancelled={outer.cancelled()} inner done={inner.done()}")
     * log(await inner)
     * inner = asyncio.create_task(asyncio.sleep(0.2, 'r2'))
     * async def waiter(): return await asyncio.shield(inner)
     * w = asyncio.create_task(waiter()); await asyncio.sleep(0.05); w.cancel()
     * try: await w
     * except asyncio.CancelledError: log(f"waiter cancelled, inner cancelled={inner.cancelled()} {now()}")
     * log(f"{await inner} {now()}")
     * inner = asyncio.create_task(asyncio.sleep(1)); outer = asyncio.shield(inner)
     * await asyncio.sleep(0); inner.cancel()
     * try: await outer
     * except asyncio.CancelledError: log(f"outer cancelled={outer.cancelled()}")
     * f = loop.create_future(); f.set_result(1)
     * log(f"same={asyncio.shield(f) is f}")
     * async def bad():
     *     await asyncio.sleep(0.01); raise ValueError("bad")
     * try: await asyncio.shield(bad())
     * except ValueError as e: log(f"ValueError {e}")
     * async def w(n, d):
     *     await asyncio.sleep(d); return n
     * for c in asyncio.as_completed([w('a', 0.3), w('b', 0.1), w('c', 0.2)]):
     *     log(f"{await c} {now()}")
     * try:
     *     for c in asyncio.as_completed([w('x', 0.1), w('y', 1)], timeout=0.5): log(await c)
     * except TimeoutError: log(f"as_completed timeout {now()}")
     * async def e():
     *     await asyncio.sleep(0.1); raise ValueError("e")
     * for c in asyncio.as_completed([e(), w('z', 0.2)]):
     *     try: log(await c)
     *     except ValueError as ex: log(f"ValueError {ex}")
     * t = asyncio.create_task(w('t', 0.1))
     * log(f"dupes: {len(list(asyncio.as_completed([t, t])))}")
     * await t
     * cs = list(asyncio.as_completed([w('p', 0.2), w('q', 0.1)]))
     * log(sorted(await asyncio.gather(*cs)))
     */
    @Test
    void shieldAndAsCompletedMatchCPython() {
        List<String> out = runLogged(log -> {
            Task<String> inner = Asyncio.createTask(Asyncio.sleep(0.2, "inner result"));
            Future<String> outer = Asyncio.shield(inner);
            outer.cancel();
            Asyncio.sleep(0).await();
            log.add("outer cancelled=" + Py.repr(outer.cancelled()) + " inner done=" + Py.repr(inner.done()));
            log.add(inner.await());
            Task<String> inner2 = Asyncio.createTask(Asyncio.sleep(0.2, "r2"));
            Task<String> w = Asyncio.createTask(() -> Asyncio.shield(inner2).await());
            Asyncio.sleep(0.05).await();
            w.cancel();
            try {
                w.await();
            } catch (CancelledError e) {
                log.add("waiter cancelled, inner cancelled=" + Py.repr(inner2.cancelled()) + " " + log.now());
            }
            log.add(inner2.await() + " " + log.now());
            Task<Void> inner3 = Asyncio.createTask(Asyncio.sleep(1));
            Future<Void> outer3 = Asyncio.shield(inner3);
            Asyncio.sleep(0).await();
            inner3.cancel();
            try {
                outer3.await();
            } catch (CancelledError e) {
                log.add("outer cancelled=" + Py.repr(outer3.cancelled()));
            }
            Future<Integer> f = Asyncio.getRunningLoop().createFuture();
            f.setResult(1);
            log.add("same=" + Py.repr(Asyncio.shield(f) == f));
            try {
                Asyncio.shield(() -> {
                    Asyncio.sleep(0.01).await();
                    throw new ValueError("bad");
                }).await();
            } catch (ValueError e) {
                log.add("ValueError " + e.getMessage());
            }
            for (Coro<String> c : Asyncio.asCompleted(List.of(w("a", 0.3), w("b", 0.1), w("c", 0.2)), null)) {
                log.add(c.await() + " " + log.now());
            }
            try {
                for (Coro<String> c : Asyncio.asCompleted(List.of(w("x", 0.1), w("y", 1)), 0.5)) {
                    log.add(c.await());
                }
            } catch (TimeoutError e) {
                log.add("as_completed timeout " + log.now());
            }
            Coro<String> e = () -> {
                Asyncio.sleep(0.1).await();
                throw new ValueError("e");
            };
            for (Coro<String> c : Asyncio.asCompleted(List.of(e, w("z", 0.2)), null)) {
                try {
                    log.add(c.await());
                } catch (ValueError ex) {
                    log.add("ValueError " + ex.getMessage());
                }
            }
            Task<String> t = Asyncio.createTask(w("t", 0.1));
            int n = 0;
            for (Coro<String> ignored : Asyncio.asCompleted(List.of(t, t), null)) {
                n++;
            }
            log.add("dupes: " + n);
            t.await();
            List<Coro<String>> cs = new ArrayList<>();
            Asyncio.asCompleted(List.of(w("p", 0.2), w("q", 0.1)), null).forEach(cs::add);
            List<String> got = new ArrayList<>(Asyncio.gather(cs).await());
            got.sort(null);
            log.add(Py.repr(got));
        });
        assertThat(out).containsExactly(
                "outer cancelled=True inner done=False",
                "inner result",
                "waiter cancelled, inner cancelled=False 0.25",
                "r2 0.4",
                "outer cancelled=True",
                "same=True",
                "ValueError bad",
                "b 0.51",
                "c 0.61",
                "a 0.71",
                "x",
                "as_completed timeout 1.21",
                "ValueError e",
                "z",
                "dupes: 1",
                "['p', 'q']");
    }

    static Coro<String> w(String n, double d) {
        return () -> Asyncio.sleep(d, n).await();
    }

    @Test
    void asCompletedSchedulesEverythingWhenCalled() {
        List<String> order = run(() -> {
            List<String> started = new ArrayList<>();
            Collection<Coro<String>> cs = List.of(() -> {
                started.add("a");
                return "a";
            }, () -> {
                started.add("b");
                return "b";
            });
            Iterable<Coro<String>> it = Asyncio.asCompleted(cs, null);
            Asyncio.sleep(0).await(); // not iterated yet: the tasks run anyway
            List<String> out = new ArrayList<>(started);
            for (Coro<String> c : it) {
                out.add("got " + c.await());
            }
            return out;
        });
        assertThat(order).containsExactly("a", "b", "got a", "got b");
    }

    @Test
    void asCompletedCanBeIteratedOnce() {
        assertThatThrownBy(() -> run(() -> {
            Iterable<Coro<String>> it = Asyncio.asCompleted(List.of(w("a", 0)), null);
            it.iterator();
            return it.iterator();
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("only once");
    }

    @Test
    void anEmptyAsCompletedGivesNothing() {
        int n = run(() -> {
            int k = 0;
            for (Coro<Object> ignored : Asyncio.asCompleted(List.<Coro<Object>>of(), 1.0)) {
                k++;
            }
            return k;
        });
        assertThat(n).isZero();
    }

    @Test
    void aCancelledAwaiterHandsItsWakeUpToTheNext() {
        List<String> out = run(() -> {
            Iterator2 its = new Iterator2(Asyncio.asCompleted(List.of(w("a", 0.1), w("b", 0.2)), null));
            Task<String> first = Asyncio.createTask(its.next());
            Task<String> second = Asyncio.createTask(its.next());
            Asyncio.sleep(0.1).await(); // "a" is queued, first's getter woken
            first.cancel();
            List<String> r = new ArrayList<>();
            r.add(second.await());
            r.add(Py.repr(first.cancelled()));
            return r;
        });
        assertThat(out).containsExactly("a", "True");
    }

    /** Iterates an asCompleted from several tasks. */
    private record Iterator2(java.util.Iterator<Coro<String>> it) {
        Iterator2(Iterable<Coro<String>> src) {
            this(src.iterator());
        }

        Coro<String> next() {
            return it.next();
        }
    }
}
