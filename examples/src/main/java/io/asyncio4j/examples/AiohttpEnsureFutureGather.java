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
 * Seed 000, section "aiohttp" (five {@code ensure_future} requests, {@code asyncio.gather}): each task prints its
 * response (aiohttp's repr: URL, status, headers) and the time, and returns the body; {@code gather} gives the five
 * bodies in the order of the tasks.
 *
 * <pre>
 * async def hello(url):
 *     async with ClientSession() as session:
 *         async with session.get(url) as response:
 *             print(response)
 *             print('Hello World:%s' % time.time())
 *             return await response.read()
 * def run():
 *     for i in range(5):
 *         task = asyncio.ensure_future(hello(url.format(i)))
 *         tasks.append(task)
 *     result = loop.run_until_complete(asyncio.gather(*tasks))
 *     print(result)
 * </pre>
 *
 * <p>URL: the seed's {@code https://www.baidu.com/{}} is the local httpbin's {@code /range/1{}}, served on the twin's
 * loop ({@link LocalHttpbin#onLoop}): {@code /range/10} to {@code /range/14}, bodies of 10 to 14 letters, the same
 * on every run. The headers are our app's (the reference's are Werkzeug's, with its own {@code Server} and
 * {@code Date}).
 */
public final class AiohttpEnsureFutureGather {
    private AiohttpEnsureFutureGather() {
    }

    static Coro<byte[]> hello(PrintStream out, String url) {
        return () -> {
            try (ClientSession session = new ClientSession(); ClientResponse response = session.get(url).await()) {
                Py.print(out, response);
                out.println("Hello World:" + Py.str(Asyncio.getRunningLoop().time()));
                return response.read().await();
            }
        };
    }

    public static void run(Runner runner, PrintStream out) throws InterruptedException {
        try (LocalHttpbin httpbin = LocalHttpbin.onLoop(runner)) {
            String url = httpbin.url("/range/1%d");
            EventLoop loop = Asyncio.getEventLoop();
            List<Future<byte[]>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tasks.add(Asyncio.ensureFuture(hello(out, String.format(url, i))));
            }
            List<byte[]> result = loop.runUntilComplete(Asyncio.gather(tasks));
            Py.print(out, result);
        }
    }
}
