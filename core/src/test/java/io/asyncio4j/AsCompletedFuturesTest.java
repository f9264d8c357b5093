package io.asyncio4j;

import static io.asyncio4j.VirtualTime.run;
import static io.asyncio4j.VirtualTime.runLogged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.VirtualTime.ValueError;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * {@link AsCompleted#futures()}: CPython 3.13's {@code async for} over {@code asyncio.as_completed}, which yields the
 * original tasks and futures (test_tasks' {@code test_as_completed_*} async-iteration cases, 3.13).
 */
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class AsCompletedFuturesTest {
    static Coro<String> w(String n, double d) {
        return () -> {
            Asyncio.sleep(d).await();
            return n;
        };
    }

    /*
     * CPython 3.13.0 printed the lines below (in real time: "1.41" for the last stamp, virtual time 1.4):
     *
     * a = asyncio.create_task(w('a', 0.3), name='A'); b = ...(w('b', 0.1), name='B'); c = ...(w('c', 0.2), name='C')
     * async for t in asyncio.as_completed([a, b, c]):
     *     print(t.get_name(), t is a or t is b or t is c, t.done(), t.result(), now())
     * async for t in asyncio.as_completed([w('x', 0.1)]): print(type(t).__name__, t.done(), t.result())
     * fe = asyncio.ensure_future(e()); fz = asyncio.ensure_future(w('z', 0.2))     # e: sleep 0.1, ValueError('e')
     * async for t in asyncio.as_completed([fe, fz, fe]):
     *     print(t is fe, repr(t.exception()) if t.exception() else t.result(), now())
     * try:
     *     async for t in asyncio.as_completed([w('p', 0.1), w('q', 1)], timeout=0.5): print(t.result(), now())
     * except TimeoutError: print('timeout', now())
     * it = asyncio.as_completed([w('m', 0.2), w('n', 0.1)])
     * print(await next(it), now())
     * async for t in it: print(t.result(), now())
     * f = loop.create_future(); loop.call_later(0.1, f.set_result, 'fut')
     * async for t in asyncio.as_completed([f]): print(t is f, t.result(), now())
     * n = 0
     * async for t in asyncio.as_completed([]): n += 1
     * print('empty', n)
     */
    @Test
    void yieldsTheOriginalTasksAndFuturesInCompletionOrderAsCPython313() {
        List<String> out = runLogged(log -> {
            Task<String> a = Asyncio.createTask(w("a", 0.3), "A");
            Task<String> b = Asyncio.createTask(w("b", 0.1), "B");
            Task<String> c = Asyncio.createTask(w("c", 0.2), "C");
            for (Future<String> t : Asyncio.asCompletedFutures(List.of(a, b, c))) {
                Task<?> task = (Task<?>) t;
                log.add(task.getName() + " " + Py.repr(t == a || t == b || t == c) + " " + Py.repr(t.done()) + " "
                        + t.result() + " " + log.now());
            }
            for (Future<String> t : Asyncio.asCompletedFutures(List.of(w("x", 0.1)))) {
                log.add(t.getClass().getSimpleName() + " " + Py.repr(t.done()) + " " + t.result());
            }
            Task<String> fe = Asyncio.createTask(() -> {
                Asyncio.sleep(0.1).await();
                throw new ValueError("e");
            });
            Task<String> fz = Asyncio.createTask(w("z", 0.2));
            for (Future<String> t : Asyncio.asCompletedFutures(List.of(fe, fz, fe))) {
                log.add(Py.repr(t == fe) + " " + (t.exception() != null ? Py.repr(t.exception()) : t.result()) + " "
                        + log.now());
            }
            try {
                for (Future<String> t : Asyncio.asCompletedFutures(List.of(w("p", 0.1), w("q", 1)), 0.5)) {
                    log.add(t.result() + " " + log.now());
                }
            } catch (TimeoutError e) {
                log.add("timeout " + log.now());
            }
            AsCompleted<String> it = new AsCompleted<>(List.of(w("m", 0.2), w("n", 0.1)), null);
            log.add(it.iterator().next().await() + " " + log.now());
            for (Future<String> t : it.futures()) {
                log.add(t.result() + " " + log.now());
            }
            Future<String> f = Asyncio.getRunningLoop().createFuture();
            Asyncio.getRunningLoop().callLater(0.1, () -> f.setResult("fut"));
            for (Future<String> t : Asyncio.asCompletedFutures(List.of(f))) {
                log.add(Py.repr(t == f) + " " + t.result() + " " + log.now());
            }
            int n = 0;
            for (Future<String> t : Asyncio.<String>asCompletedFutures(List.of())) {
                n++;
            }
            log.add("empty " + n);
        });
        assertThat(out).containsExactly(
                "B True True b 0.1",
                "C True True c 0.2",
                "A True True a 0.3",
                "Task True x",
                "True ValueError('e') 0.5",
                "False z 0.6",
                "p 0.7",
                "timeout 1.1",
                "n 1.2",
                "m 1.3",
                "True fut 1.4",
                "empty 0");
    }

    @Test
    void theFixedPlainFormStillGivesCoroutines() {
        List<String> out = runLogged(log -> {
            Iterable<Coro<String>> plain = Asyncio.asCompleted(List.of(w("a", 0.2), w("b", 0.1)), 1.0);
            for (Coro<String> next : plain) {
                log.add(next.await() + " " + log.now());
            }
        });
        assertThat(out).containsExactly("b 0.1", "a 0.2");
    }

    @Test
    void eachIterationCanBeAskedForOnceAndStopsAtTheEnd() {
        run(() -> {
            AsCompleted<String> ac = new AsCompleted<>(List.of(w("a", 0.1)), null);
            Iterator<Future<String>> it = ac.futures().iterator();
            assertThatThrownBy(() -> ac.futures().iterator()).isInstanceOf(IllegalStateException.class);
            assertThat(it.hasNext()).isTrue();
            assertThat(it.next().result()).isEqualTo("a");
            assertThat(it.hasNext()).isFalse();
            assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
            Iterator<Coro<String>> plain = ac.iterator();
            assertThat(plain.hasNext()).isFalse(); // one count for both ways
            return null;
        });
    }

    @Test
    void aCancelledWaitUsesUpItsStepAndLeavesTheOthers() {
        List<String> out = runLogged(log -> {
            AsCompleted<String> ac = new AsCompleted<>(List.of(w("a", 0.1), w("b", 0.2)), null);
            Iterator<Future<String>> it = ac.futures().iterator();
            Task<String> waiter = Asyncio.createTask(() -> it.next().result());
            Asyncio.sleep(0.05).await();
            waiter.cancel();
            try {
                waiter.await();
            } catch (CancelledError e) {
                log.add("waiter cancelled " + log.now());
            }
            while (it.hasNext()) {
                log.add(it.next().result() + " " + log.now());
            }
        });
        // CPython's __anext__ counts the step before it waits: the cancelled wait used one up, so only one is left.
        assertThat(out).containsExactly("waiter cancelled 0.05", "a 0.1");
    }

    @Test
    void nextOutsideATaskIsRefused() {
        try (Runner r = new Runner().virtualTime(true)) {
            EventLoop loop = r.getLoop();
            Future<String> f = loop.createFuture();
            AsCompleted<String> ac = new AsCompleted<>(List.of(f), null);
            assertThatThrownBy(() -> ac.futures().iterator().next()).isInstanceOf(IllegalStateException.class);
        }
    }
}
