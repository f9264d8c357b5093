package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import io.asyncio4j.http.ClientSession;
import java.io.PrintStream;
import java.util.List;

/**
 * Seed 003, section 6.三 "gather詳解": {@link AiohttpLoadData} three more times, one after the other.
 * <ol>
 *   <li>{@code gather(sleep(), load_data(session, 2), load_data(session, 3))}, the sleep a coroutine of its own:
 *       all three start together, 3 s.</li>
 *   <li>The "dictionary" version: the two {@code load_data} coroutines are put in a list, the program sleeps a
 *       second, then gathers the list. A coroutine does not start before it is awaited, so the requests only begin
 *       after the sleep: 4 s, not the 3 s the seed expects.</li>
 *   <li>The first again, run by {@code loop.run_until_complete} instead of {@code asyncio.run}: 3 s.</li>
 * </ol>
 *
 * <pre>
 * async def sleep():
 *     await asyncio.sleep(1)
 *     print('Doing other work')
 * async def elapsedtime():
 *     start_time = default_timer()
 *     async with aiohttp.ClientSession() as session:
 *         one_task = sleep()
 *         two_task = load_data(session, 2)
 *         three_task = load_data(session, 3)
 *         result = await asyncio.gather(one_task, two_task, three_task)
 *         elapsed_time = default_timer() - start_time
 *         print(f'The operation took {elapsed_time:.2} seconds')
 * asyncio.run(elapsedtime())
 * </pre>
 *
 * <p>URL: the seed's {@code http://httpbin.org} is the local httpbin, served on the twin's loop
 * ({@link LocalHttpbin#onLoop}); every program is a run of that loop. The saved Python program sets a new event loop
 * before the third program, which a process of its own would have; the twin's loop is still there.
 */
public final class AiohttpGatherLoadData {
    private AiohttpGatherLoadData() {
    }

    static Coro<Void> sleepThenWork(PrintStream out) {
        return () -> {
            sleep(1).await();
            out.println("Doing other work");
            return null;
        };
    }

    /** Versions 1 and 3: the sleep is a third coroutine of the gather. */
    static Coro<Void> elapsedTime(PrintStream out, EventLoop loop, String base) {
        return () -> {
            double startTime = loop.time();
            try (ClientSession session = new ClientSession()) {
                Coro<Void> oneTask = sleepThenWork(out);
                Coro<String> twoTask = AiohttpLoadData.loadData(out, session, base, 2);
                Coro<String> threeTask = AiohttpLoadData.loadData(out, session, base, 3);
                gather(oneTask, twoTask, threeTask).await();
                AiohttpLoadData.printElapsed(out, loop, startTime);
            }
            return null;
        };
    }

    /** Version 2: the list of coroutines is gathered after the sleep. */
    static Coro<Void> elapsedTimeList(PrintStream out, EventLoop loop, String base) {
        return () -> {
            double startTime = loop.time();
            try (ClientSession session = new ClientSession()) {
                Coro<String> twoTask = AiohttpLoadData.loadData(out, session, base, 2);
                Coro<String> threeTask = AiohttpLoadData.loadData(out, session, base, 3);
                List<Coro<String>> taskList = List.of(twoTask, threeTask);
                sleep(1).await();
                out.println("Doing other work");
                gather(taskList).await();
                AiohttpLoadData.printElapsed(out, loop, startTime);
            }
            return null;
        };
    }

    public static void run(Runner runner, PrintStream out) throws InterruptedException {
        try (LocalHttpbin httpbin = LocalHttpbin.onLoop(runner)) {
            String base = httpbin.base();
            EventLoop loop = runner.getLoop();
            runner.run(elapsedTime(out, loop, base));
            runner.run(elapsedTimeList(out, loop, base));
            Asyncio.getEventLoop().runUntilComplete(elapsedTime(out, loop, base));
        }
    }
}
