package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;

import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import io.asyncio4j.http.ClientSession;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 003, section 1.三 (the aiohttp versions): ten {@code send_req} tasks share one session and run together, so
 * ten requests to {@code /delay/1} take 1 s, where the blocking {@link BlockingRequests} takes a second per request.
 * The seed shows the program twice, the second time with the tasks made in a list comprehension; the twin runs both,
 * one after the other.
 *
 * <pre>
 * start_time = time.time()
 * async def send_req(session,url):
 *     t = time.time()
 *     print("Send a request at",t-start_time,"seconds.")
 *     await session.get(url)
 *     t = time.time()
 *     print("Receive a response at",t-start_time,"seconds.")
 * async def main():
 *     async with aiohttp.ClientSession() as session:
 *         tasks = []
 *         for i in range(10):
 *             tasks.append(asyncio.create_task(send_req(session,url)))
 *         await asyncio.gather(*tasks)
 * asyncio.run(main())
 * </pre>
 *
 * <p>URL: the seed's {@code https://www.google.com.tw/} is the local httpbin's {@code /delay/1}, served on the twin's
 * loop ({@link LocalHttpbin#onLoop}); each {@code asyncio.run(main())} is a run of that same loop. As in the seed,
 * the responses are never read or released: closing the session closes their connections.
 */
public final class AiohttpSendRequests {
    private AiohttpSendRequests() {
    }

    static Coro<Void> sendReq(PrintStream out, EventLoop loop, double startTime, ClientSession session, String url) {
        return () -> {
            Py.print(out, "Send a request at", loop.time() - startTime, "seconds.");
            session.get(url).await();
            Py.print(out, "Receive a response at", loop.time() - startTime, "seconds.");
            return null;
        };
    }

    static Coro<Void> main(PrintStream out, EventLoop loop, double startTime, String url) {
        return () -> {
            try (ClientSession session = new ClientSession()) {
                List<Task<Void>> tasks = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    tasks.add(createTask(sendReq(out, loop, startTime, session, url)));
                }
                gather(tasks).await();
            }
            return null;
        };
    }

    public static void run(Runner runner, PrintStream out) throws InterruptedException {
        try (LocalHttpbin httpbin = LocalHttpbin.onLoop(runner)) {
            String url = httpbin.url("/delay/1");
            EventLoop loop = runner.getLoop();
            for (int version = 1; version <= 2; version++) {
                double startTime = loop.time();
                runner.run(main(out, loop, startTime, url));
            }
        }
    }
}
