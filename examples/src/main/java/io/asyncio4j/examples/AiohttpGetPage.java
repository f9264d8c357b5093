package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import java.io.PrintStream;
import java.util.List;

/**
 * Seed 002, section "例子": two {@code get_page()} requests and a {@code sleep(5)} run together under
 * {@code asyncio.wait}; each request prints the status and the page. The program ends after the sleep, 5 s in.
 *
 * <pre>
 * async def get_page():
 *     async with aiohttp.ClientSession() as session:
 *         async with session.get('https://blog.csdn.net/u014595019/article/details/52295642') as resp:
 *             print(resp.status)
 *             print(await resp.text())
 *             await session.close()
 * loop = asyncio.get_event_loop()
 * tasks = [get_page(),sleep(5), get_page()]
 * loop.run_until_complete(asyncio.wait(tasks))
 * loop.close()
 * </pre>
 *
 * <p>URL: the seed's blog page is the local httpbin's {@code /robots.txt}, served on the twin's loop
 * ({@link LocalHttpbin#onLoop}) and closed just before the program's {@code loop.close()}. Fixed as in the saved
 * program: CPython 3.11+ rejects coroutines in {@code asyncio.wait} ({@code TypeError: Passing coroutines is
 * forbidden, use tasks explicitly.}), so each is made a task first, as {@code asyncio.wait} did up to 3.10.
 */
public final class AiohttpGetPage {
    private AiohttpGetPage() {
    }

    static Coro<Void> getPage(PrintStream out, String url) {
        return () -> {
            try (ClientSession session = new ClientSession(); ClientResponse resp = session.get(url).await()) {
                Py.print(out, resp.status());
                Py.print(out, resp.text().await());
                session.close();
            }
            return null;
        };
    }

    public static void run(Runner runner, PrintStream out) throws InterruptedException {
        EventLoop loop = Asyncio.getEventLoop();
        try (LocalHttpbin httpbin = LocalHttpbin.onLoop(runner)) {
            String url = httpbin.url("/robots.txt");
            List<Task<Void>> tasks = List.of(loop.createTask(getPage(out, url), null),
                    loop.createTask(Asyncio.sleep(5), null), loop.createTask(getPage(out, url), null));
            loop.runUntilComplete(Asyncio.wait(tasks));
        }
        loop.close();
    }
}
