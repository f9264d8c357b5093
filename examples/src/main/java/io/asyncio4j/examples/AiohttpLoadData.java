package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import java.io.PrintStream;

/**
 * Seed 003, section 5. "with...as": two {@code load_data} tasks on one session request {@code /delay/2} and
 * {@code /delay/3} while the main coroutine sleeps a second; all of it takes 3 s, the longest request.
 *
 * <pre>
 * async def load_data(session, delay):
 *     print(f'Starting {delay} second timer')
 *     async with session.get(f'http://httpbin.org/delay/{delay}') as resp:
 *         text = await resp.text()
 *         print(f'Completed {delay} second timer')
 *         return text
 * async def main():
 *     start_time = default_timer()
 *     async with aiohttp.ClientSession() as session:
 *         two_task = asyncio.create_task(load_data(session, 2))
 *         three_task = asyncio.create_task(load_data(session, 3))
 *         await asyncio.sleep(1)
 *         print('Doing other work')
 *         two_result = await two_task
 *         three_result = await three_task
 *         elapsed_time = default_timer() - start_time
 *         print(f'The operation took {elapsed_time:.2} seconds')
 * asyncio.run(main())
 * </pre>
 *
 * <p>URL: the seed's {@code http://httpbin.org} is the local httpbin, served on the twin's loop
 * ({@link LocalHttpbin#onLoop}); {@code default_timer()} is the loop's clock. The seed shows 3.8 s against the
 * public httpbin; locally, in virtual time, the requests take exactly their delays.
 */
public final class AiohttpLoadData {
    private AiohttpLoadData() {
    }

    static Coro<String> loadData(PrintStream out, ClientSession session, String base, int delay) {
        return () -> {
            out.println("Starting " + delay + " second timer");
            try (ClientResponse resp = session.get(base + "/delay/" + delay).await()) {
                String text = resp.text().await();
                out.println("Completed " + delay + " second timer");
                return text;
            }
        };
    }

    static void printElapsed(PrintStream out, EventLoop loop, double startTime) {
        out.println("The operation took " + Py.format(loop.time() - startTime, 2) + " seconds");
    }

    public static void run(Runner runner, PrintStream out) throws InterruptedException {
        try (LocalHttpbin httpbin = LocalHttpbin.onLoop(runner)) {
            String base = httpbin.base();
            EventLoop loop = runner.getLoop();
            runner.run(() -> {
                double startTime = loop.time();
                try (ClientSession session = new ClientSession()) {
                    Task<String> twoTask = createTask(loadData(out, session, base, 2));
                    Task<String> threeTask = createTask(loadData(out, session, base, 3));
                    sleep(1).await();
                    out.println("Doing other work");
                    twoTask.await();
                    threeTask.await();
                    printElapsed(out, loop, startTime);
                }
                return null;
            });
        }
    }
}
