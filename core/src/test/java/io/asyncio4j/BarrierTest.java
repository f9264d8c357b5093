package io.asyncio4j;

import static io.asyncio4j.VirtualTime.runLogged;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.VirtualTime.Log;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Barrier, checked line by line against CPython 3.13.0 (3.12.1 prints the same). */
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class BarrierTest {
    static Coro<Integer> party(Log log, Barrier b, int n, double d) {
        return () -> {
            Asyncio.sleep(d).await();
            log.add("party " + n + " arrives, waiting=" + b.nWaiting());
            int i = b.waitParties().await();
            log.add("party " + n + " passed " + log.now());
            return i;
        };
    }

    static Coro<Void> party2(Log log, Barrier b, int n) {
        return () -> {
            try {
                b.waitParties().await();
            } catch (BrokenBarrierError e) {
                log.add("party " + n + " BrokenBarrierError " + e.getMessage());
            }
            return null;
        };
    }

    static List<Integer> gatherSorted(List<Coro<Integer>> cs) {
        List<Integer> r = new ArrayList<>(Asyncio.gather(cs).await());
        r.sort(null);
        return r;
    }

    /*
     * b = asyncio.Barrier(3)
     * async def party(n, d):
     *     await asyncio.sleep(d); log(f"party {n} arrives, waiting={b.n_waiting}")
     *     i = await b.wait(); log(f"party {n} passed {now()}"); return i
     * r = await asyncio.gather(*(party(i, 0.1 * i) for i in range(3)))
     * log(f"indexes {sorted(r)} broken={b.broken} waiting={b.n_waiting}")
     * r = await asyncio.gather(*(party(i, 0) for i in range(6))); log(f"two rounds {sorted(r)}")
     * async def party2(n):
     *     try: await b.wait()
     *     except asyncio.BrokenBarrierError as e: log(f"party {n} BrokenBarrierError {e}")
     * ps = [asyncio.create_task(party2(i)) for i in range(2)]
     * await asyncio.sleep(0.1); await b.reset(); await asyncio.gather(*ps)
     * log(f"after reset broken={b.broken} waiting={b.n_waiting}")
     * r = await asyncio.gather(*(party(i, 0) for i in range(3))); log(f"usable after reset {sorted(r)}")
     * ps = [asyncio.create_task(party2(i)) for i in range(2)]
     * await asyncio.sleep(0.1); await b.abort(); await asyncio.gather(*ps)
     * try: await b.wait()
     * except asyncio.BrokenBarrierError as e: log(f"late BrokenBarrierError {e} broken={b.broken}")
     */
    @Test
    void barrierMatchesCPython() {
        List<String> out = runLogged(log -> {
            Barrier b = new Barrier(3);
            List<Coro<Integer>> cs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                cs.add(party(log, b, i, 0.1 * i));
            }
            log.add("indexes " + Py.repr(gatherSorted(cs)) + " broken=" + Py.repr(b.broken()) + " waiting="
                    + b.nWaiting());
            cs.clear();
            for (int i = 0; i < 6; i++) {
                cs.add(party(log, b, i, 0));
            }
            log.add("two rounds " + Py.repr(gatherSorted(cs)));
            List<Task<Void>> ps = List.of(Asyncio.createTask(party2(log, b, 0)), Asyncio.createTask(party2(log, b, 1)));
            Asyncio.sleep(0.1).await();
            b.reset().await();
            Asyncio.gather(ps).await();
            log.add("after reset broken=" + Py.repr(b.broken()) + " waiting=" + b.nWaiting());
            cs.clear();
            for (int i = 0; i < 3; i++) {
                cs.add(party(log, b, i, 0));
            }
            log.add("usable after reset " + Py.repr(gatherSorted(cs)));
            ps = List.of(Asyncio.createTask(party2(log, b, 0)), Asyncio.createTask(party2(log, b, 1)));
            Asyncio.sleep(0.1).await();
            b.abort().await();
            Asyncio.gather(ps).await();
            try {
                b.waitParties().await();
            } catch (BrokenBarrierError e) {
                log.add("late BrokenBarrierError " + e.getMessage() + " broken=" + Py.repr(b.broken()));
            }
        });
        assertThat(out).containsExactly(
                "party 0 arrives, waiting=0", "party 1 arrives, waiting=1", "party 2 arrives, waiting=2",
                "party 2 passed 0.2", "party 0 passed 0.2", "party 1 passed 0.2",
                "indexes [0, 1, 2] broken=False waiting=0",
                "party 0 arrives, waiting=0", "party 1 arrives, waiting=1", "party 2 arrives, waiting=2",
                "party 2 passed 0.2",
                "party 3 arrives, waiting=0", "party 4 arrives, waiting=0", "party 5 arrives, waiting=0",
                "party 0 passed 0.2", "party 1 passed 0.2", "party 5 passed 0.2", "party 3 passed 0.2",
                "party 4 passed 0.2",
                "two rounds [0, 0, 1, 1, 2, 2]",
                "party 0 BrokenBarrierError Abort or reset of barrier",
                "party 1 BrokenBarrierError Abort or reset of barrier",
                "after reset broken=False waiting=0",
                "party 0 arrives, waiting=0", "party 1 arrives, waiting=1", "party 2 arrives, waiting=2",
                "party 2 passed 0.3", "party 0 passed 0.3", "party 1 passed 0.3",
                "usable after reset [0, 1, 2]",
                "party 0 BrokenBarrierError Abort or reset of barrier",
                "party 1 BrokenBarrierError Abort or reset of barrier",
                "late BrokenBarrierError Barrier aborted broken=True");
    }
}
