package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import java.io.PrintStream;

/**
 * Seed 000, section "aiohttp" (first program): one GET with a {@link ClientSession}, the body read whole and printed
 * as Python prints {@code bytes}.
 *
 * <pre>
 * async def hello(url):
 *     async with ClientSession() as session:
 *         async with session.get(url) as response:
 *             response = await response.read()
 *             print(response)
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(hello(url))
 * </pre>
 *
 * <p>URL: the seed's {@code http://fengqigang.cn/} (a blog's home page) is the local httpbin's {@code /robots.txt},
 * served on the twin's loop ({@link LocalHttpbin#onLoop}), whose bytes are the same on every run and on both
 * servers: {@code b'User-agent: *\nDisallow: /deny\n'}.
 */
public final class AiohttpHello {
    private AiohttpHello() {
    }

    static Coro<Void> hello(PrintStream out, String url) {
        return () -> {
            try (ClientSession session = new ClientSession(); ClientResponse response = session.get(url).await()) {
                byte[] body = response.read().await();
                Py.print(out, body);
            }
            return null;
        };
    }

    public static void run(Runner runner, PrintStream out) throws InterruptedException {
        try (LocalHttpbin httpbin = LocalHttpbin.onLoop(runner)) {
            String url = httpbin.url("/robots.txt");
            EventLoop loop = Asyncio.getEventLoop();
            loop.runUntilComplete(hello(out, url));
        }
    }
}
