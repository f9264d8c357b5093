package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Held;
import io.asyncio4j.Runner;
import io.asyncio4j.Semaphore;
import io.asyncio4j.Task;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 003, section 8. "Semaphore": twelve requests, each followed by a wait of its own delay, first all at once
 * (the longest delay, 10 s), then at most three at a time under {@code Semaphore(3)} (23 s). Every request announces
 * itself at once; the semaphore lets three through, and each one that finishes lets the next waiter in, in arrival
 * order.
 *
 * <pre>
 * async def req(delay,sem):
 *     print(f'waiting for semaphore with {delay} seconds delay')
 *     async with sem:
 *         async with aiohttp.ClientSession() as session:
 *             async with session.get('http://www.google.com.tw') as resp:
 *                 print(f'got response {resp.status}')
 *                 await asyncio.sleep(delay)
 * async def semtext():
 *     start = time.time()
 *     delay_list = [3,2,8,4,1,5,7,6,9,10,3,6]
 *     task_list= []
 *     sem = asyncio.Semaphore(3)
 *     for delay in delay_list:
 *         task = asyncio.create_task(req(delay,sem))
 *         task_list.append(task)
 *     await asyncio.gather(*task_list)
 *     end = time.time()
 *     print(f'cost {end-start} seconds')
 * asyncio.run(semtext())
 * </pre>
 *
 * <p>URL: the seed's {@code http://www.google.com.tw} is the local httpbin's {@code /get}, served on the twin's loop
 * ({@link LocalHttpbin#onLoop}); each {@code asyncio.run(semtext())} is a run of that loop, and {@code time.time()}
 * its clock.
 */
public final class SemaphoreLimit {
    /** The seed's delays, in seconds. */
    public static final List<Integer> DELAYS = List.of(3, 2, 8, 4, 1, 5, 7, 6, 9, 10, 3, 6);

    private SemaphoreLimit() {
    }

    /** {@code req(delay[, sem])}: one request with a session of its own, then the delay; under {@code sem} if any. */
    static Coro<Void> req(PrintStream out, String url, int delay, Semaphore sem) {
        return () -> {
            out.println("waiting for semaphore with " + delay + " seconds delay");
            try (Held permit = sem == null ? null : sem.hold().await();
                    ClientSession session = new ClientSession();
                    ClientResponse resp = session.get(url).await()) {
                out.println("got response " + resp.status());
                sleep(delay).await();
            }
            return null;
        };
    }

    /** {@code semtext()}: all of {@link #DELAYS} at once, or at most {@code limit} at a time (0: no limit). */
    static Coro<Void> semtext(PrintStream out, String url, int limit) {
        return () -> {
            EventLoop loop = io.asyncio4j.Asyncio.getRunningLoop();
            double start = loop.time();
            Semaphore sem = limit > 0 ? new Semaphore(limit) : null;
            List<Task<Void>> taskList = new ArrayList<>();
            for (int delay : DELAYS) {
                taskList.add(createTask(req(out, url, delay, sem)));
            }
            gather(taskList).await();
            Py.print(out, "cost " + Py.str(loop.time() - start) + " seconds");
            return null;
        };
    }

    public static void run(Runner runner, PrintStream out) throws InterruptedException {
        try (LocalHttpbin httpbin = LocalHttpbin.onLoop(runner)) {
            String url = httpbin.url("/get");
            runner.run(semtext(out, url, 0));
            runner.run(semtext(out, url, 3));
        }
    }
}
