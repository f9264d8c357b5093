package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 000, section "aiohttp" (five {@code ensure_future} requests, {@code asyncio.wait}): five tasks, each with a
 * session of its own, run together; each prints the time its response was read.
 *
 * <pre>
 * async def hello(url):
 *     async with ClientSession() as session:
 *         async with session.get(url) as response:
 *             response = await response.read()
 *             print('Hello World:%s' % time.time())
 * def run():
 *     for i in range(5):
 *         task = asyncio.ensure_future(hello(url.format(i)))
 *         tasks.append(task)
 * loop = asyncio.get_event_loop()
 * run()
 * loop.run_until_complete(asyncio.wait(tasks))
 * </pre>
 *
 * <p>URL: the seed's {@code https://www.baidu.com} is the local httpbin's {@code /get}, served on the twin's loop
 * ({@link LocalHttpbin#onLoop}). {@code time.time()} is the loop's clock: the five requests take no virtual time.
 */
public final class AiohttpEnsureFutureWait {
    private AiohttpEnsureFutureWait() {
    }

    static Coro<Void> hello(PrintStream out, String url) {
        return () -> {
            try (ClientSession session = new ClientSession(); ClientResponse response = session.get(url).await()) {
                response.read().await();
                out.println("Hello World:" + Py.str(Asyncio.getRunningLoop().time()));
            }
            return null;
        };
    }

    public static void run(Runner runner, PrintStream out) throws InterruptedException {
        try (LocalHttpbin httpbin = LocalHttpbin.onLoop(runner)) {
            String url = httpbin.url("/get");
            EventLoop loop = Asyncio.getEventLoop();
            List<Future<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tasks.add(Asyncio.ensureFuture(hello(out, url)));
            }
            loop.runUntilComplete(Asyncio.wait(tasks));
        }
    }
}
