package io.asyncio4j;

import static io.asyncio4j.VirtualTime.runLogged;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Queue, PriorityQueue and LifoQueue, checked line by line against CPython 3.13.0 (test_queues' behaviours;
 * {@code shutdown} is 3.13's). CPython ran in real time: its stamps from 0.7 on carry 0.01 s of drift (0.71, 0.81,
 * ..., 1.31); virtual time has none.
 */
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class QueueTest {
    /*
     * q = asyncio.Queue(2)
     * async def producer():
     *     for i in range(5): await q.put(i); log(f"put {i} {now()} qsize={q.qsize()}")
     * async def consumer():
     *     for _ in range(5):
     *         await asyncio.sleep(0.1); x = await q.get(); log(f"got {x} {now()}"); q.task_done()
     * await asyncio.gather(producer(), consumer())
     * try: q.get_nowait()
     * except asyncio.QueueEmpty: log("QueueEmpty")
     * q.put_nowait('a'); q.put_nowait('b')
     * try: q.put_nowait('c')
     * except asyncio.QueueFull: log(f"QueueFull full={q.full()}")
     * log(f"{q.get_nowait()} {q.get_nowait()}"); q.task_done(); q.task_done()
     * try: q.task_done()
     * except ValueError as e: log(f"ValueError {e}")
     * q = asyncio.Queue()
     * g1 = asyncio.create_task(q.get()); g2 = asyncio.create_task(q.get()); await asyncio.sleep(0)
     * q.put_nowait('x'); g1.cancel(); await asyncio.sleep(0)
     * log(f"g1 cancelled={g1.cancelled()} g2 got {g2.result() if g2.done() else 'pending'} qsize={q.qsize()}")
     * q = asyncio.Queue(1); q.put_nowait(1)
     * p1 = asyncio.create_task(q.put(2)); p2 = asyncio.create_task(q.put(3)); await asyncio.sleep(0)
     * log(f"got {q.get_nowait()}"); p1.cancel(); await asyncio.sleep(0)
     * log(f"p1 cancelled={p1.cancelled()} p2 done={p2.done()} items={[q.get_nowait() for _ in range(q.qsize())]}")
     * q = asyncio.Queue()
     * for i in range(3): q.put_nowait(i)
     * async def worker():
     *     while True:
     *         x = await q.get(); await asyncio.sleep(0.1); log(f"done {x} {now()}"); q.task_done()
     * w = asyncio.create_task(worker()); await q.join(); log(f"joined {now()}"); w.cancel()
     * q = asyncio.Queue()
     * async def getter(n):
     *     try:
     *         log(f"{n} got {await q.get()}"); log(f"{n} got {await q.get()}")
     *     except asyncio.QueueShutDown: log(f"{n} QueueShutDown {now()}")
     * gs = [asyncio.create_task(getter(f"g{i}")) for i in range(2)]
     * await asyncio.sleep(0); q.put_nowait('only'); await asyncio.sleep(0.1); q.shutdown()
     * await asyncio.gather(*gs)
     * try: await q.put(1)
     * except asyncio.QueueShutDown: log("put after shutdown: QueueShutDown")
     * q = asyncio.Queue(); q.put_nowait(1); q.put_nowait(2); q.shutdown()
     * log(f"still readable {q.get_nowait()} {q.get_nowait()}")
     * q = asyncio.Queue(); q.put_nowait(1); q.put_nowait(2)
     * j = asyncio.create_task(q.join()); await asyncio.sleep(0); q.shutdown(immediate=True); await j
     * log(f"immediate: qsize={q.qsize()} join released")
     * full = asyncio.Queue(1); full.put_nowait(0)
     * pt = asyncio.create_task(full.put(1)); await asyncio.sleep(0); full.shutdown()
     * try: await pt
     * except asyncio.QueueShutDown: log("waiting put: QueueShutDown")
     * pq = asyncio.PriorityQueue()
     * for x in [5, 1, 4, 2, 3]: pq.put_nowait(x)
     * log([pq.get_nowait() for _ in range(5)])
     * lq = asyncio.LifoQueue()
     * for x in [5, 1, 4]: lq.put_nowait(x)
     * log([lq.get_nowait() for _ in range(3)])
     */
    @Test
    void queuesMatchCPython() {
        List<String> out = runLogged(log -> {
            Queue<Integer> q = new Queue<>(2);
            Coro<Void> producer = () -> {
                for (int i = 0; i < 5; i++) {
                    q.put(i).await();
                    log.add("put " + i + " " + log.now() + " qsize=" + q.qsize());
                }
                return null;
            };
            Coro<Void> consumer = () -> {
                for (int i = 0; i < 5; i++) {
                    Asyncio.sleep(0.1).await();
                    int x = q.get().await();
                    log.add("got " + x + " " + log.now());
                    q.taskDone();
                }
                return null;
            };
            Asyncio.gather(producer, consumer).await();
            try {
                q.getNowait();
            } catch (QueueEmpty e) {
                log.add("QueueEmpty");
            }
            Queue<String> s = new Queue<>(2);
            s.putNowait("a");
            s.putNowait("b");
            try {
                s.putNowait("c");
            } catch (QueueFull e) {
                log.add("QueueFull full=" + Py.repr(s.full()));
            }
            log.add(s.getNowait() + " " + s.getNowait());
            s.taskDone();
            s.taskDone();
            try {
                s.taskDone();
            } catch (IllegalStateException e) {
                log.add("ValueError " + e.getMessage());
            }
            Queue<String> q2 = new Queue<>();
            Task<String> g1 = Asyncio.createTask(q2.get());
            Task<String> g2 = Asyncio.createTask(q2.get());
            Asyncio.sleep(0).await();
            q2.putNowait("x");
            g1.cancel();
            Asyncio.sleep(0).await();
            log.add("g1 cancelled=" + Py.repr(g1.cancelled()) + " g2 got "
                    + (g2.done() ? g2.result() : "pending") + " qsize=" + q2.qsize());
            Queue<Integer> q3 = new Queue<>(1);
            q3.putNowait(1);
            Task<Void> p1 = Asyncio.createTask(q3.put(2));
            Task<Void> p2 = Asyncio.createTask(q3.put(3));
            Asyncio.sleep(0).await();
            log.add("got " + q3.getNowait());
            p1.cancel();
            Asyncio.sleep(0).await();
            List<Integer> items = new ArrayList<>();
            while (!q3.empty()) {
                items.add(q3.getNowait());
            }
            log.add("p1 cancelled=" + Py.repr(p1.cancelled()) + " p2 done=" + Py.repr(p2.done()) + " items="
                    + Py.repr(items));
            Queue<Integer> q4 = new Queue<>();
            for (int i = 0; i < 3; i++) {
                q4.putNowait(i);
            }
            Task<Void> w = Asyncio.createTask(() -> {
                while (true) {
                    int x = q4.get().await();
                    Asyncio.sleep(0.1).await();
                    log.add("done " + x + " " + log.now());
                    q4.taskDone();
                }
            });
            q4.join().await();
            log.add("joined " + log.now());
            w.cancel();
            Queue<String> q5 = new Queue<>();
            List<Task<Void>> gs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String n = "g" + i;
                gs.add(Asyncio.createTask(() -> {
                    try {
                        log.add(n + " got " + q5.get().await());
                        log.add(n + " got " + q5.get().await());
                    } catch (QueueShutDown e) {
                        log.add(n + " QueueShutDown " + log.now());
                    }
                    return null;
                }));
            }
            Asyncio.sleep(0).await();
            q5.putNowait("only");
            Asyncio.sleep(0.1).await();
            q5.shutdown(false);
            Asyncio.gather(gs).await();
            try {
                q5.put("late").await();
            } catch (QueueShutDown e) {
                log.add("put after shutdown: QueueShutDown");
            }
            Queue<Integer> q6 = new Queue<>();
            q6.putNowait(1);
            q6.putNowait(2);
            q6.shutdown(false);
            log.add("still readable " + q6.getNowait() + " " + q6.getNowait());
            Queue<Integer> q7 = new Queue<>();
            q7.putNowait(1);
            q7.putNowait(2);
            Task<Void> j = Asyncio.createTask(q7.join());
            Asyncio.sleep(0).await();
            q7.shutdown(true);
            j.await();
            log.add("immediate: qsize=" + q7.qsize() + " join released");
            Queue<Integer> full = new Queue<>(1);
            full.putNowait(0);
            Task<Void> pt = Asyncio.createTask(full.put(1));
            Asyncio.sleep(0).await();
            full.shutdown(false);
            try {
                pt.await();
            } catch (QueueShutDown e) {
                log.add("waiting put: QueueShutDown");
            }
            PriorityQueue<Integer> pq = new PriorityQueue<>();
            for (int x : List.of(5, 1, 4, 2, 3)) {
                pq.putNowait(x);
            }
            List<Integer> po = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                po.add(pq.getNowait());
            }
            log.add(Py.repr(po));
            LifoQueue<Integer> lq = new LifoQueue<>();
            for (int x : List.of(5, 1, 4)) {
                lq.putNowait(x);
            }
            log.add(Py.repr(List.of(lq.getNowait(), lq.getNowait(), lq.getNowait())));
        });
        assertThat(out).containsExactly(
                "put 0 0.0 qsize=1", "put 1 0.0 qsize=2",
                "got 0 0.1", "put 2 0.1 qsize=2", "got 1 0.2", "put 3 0.2 qsize=2", "got 2 0.3",
                "put 4 0.3 qsize=2", "got 3 0.4", "got 4 0.5",
                "QueueEmpty", "QueueFull full=True", "a b", "ValueError task_done() called too many times",
                "g1 cancelled=True g2 got pending qsize=1",
                "got 1", "p1 cancelled=True p2 done=False items=[]",
                "done 0 0.6", "done 1 0.7", "done 2 0.8", "joined 0.8",
                "g0 got only", "g1 QueueShutDown 0.9", "g0 QueueShutDown 0.9",
                "put after shutdown: QueueShutDown",
                "still readable 1 2",
                "immediate: qsize=0 join released",
                "waiting put: QueueShutDown",
                "[1, 2, 3, 4, 5]",
                "[4, 1, 5]");
    }

    @Test
    void nullItemsPassThroughAFifoQueue() {
        List<String> out = runLogged(log -> {
            Queue<String> q = new Queue<>();
            q.putNowait(null);
            q.putNowait("after");
            log.add(Py.repr(q.get().await()) + " " + q.get().await());
        });
        assertThat(out).containsExactly("None after");
    }

    @Test
    void priorityQueueTiesComeOutInHeapqOrder() {
        // CPython's heapq, pushing items that compare by priority only, (1,'a'),(1,'b'),(1,'c'),(0,'z'), pops
        // z,c,a,b; asyncio4j's PriorityQueue is heapq's algorithm, so it agrees.
        record P(int prio, String name) implements Comparable<P> {
            @Override
            public int compareTo(P o) {
                return Integer.compare(prio, o.prio);
            }
        }
        List<String> out = runLogged(log -> {
            PriorityQueue<P> pq = new PriorityQueue<>();
            for (P p : List.of(new P(1, "a"), new P(1, "b"), new P(1, "c"), new P(0, "z"))) {
                pq.putNowait(p);
            }
            List<String> names = new ArrayList<>();
            while (!pq.empty()) {
                names.add(pq.getNowait().name());
            }
            log.add(String.join(",", names));
        });
        assertThat(out).containsExactly("z,c,a,b");
    }
}
