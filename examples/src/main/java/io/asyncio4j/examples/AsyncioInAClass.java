package io.asyncio4j.examples;

import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import java.io.PrintStream;

/**
 * Seed 003, section 9. "asyncio在class中的用法": a coroutine method of an object, run with {@code asyncio.run}; it
 * prints the response, aiohttp's repr with the status and the headers.
 *
 * <pre>
 * class activate:
 *     def __init__(self):
 *         self.name = 'Heisenberg'
 *     async def req(self,url):
 *         async with aiohttp.ClientSession() as client:
 *             resp = await client.get(url)
 *             print(resp)
 * test = activate()
 * asyncio.run(test.req(url))
 * </pre>
 *
 * <p>URL: the seed's {@code https://www.google.com.tw/} is the local httpbin's {@code /get}, served on the twin's
 * loop ({@link LocalHttpbin#onLoop}). As in the seed the response is not released: closing the session closes its
 * connection. The headers are our app's (the reference's are Werkzeug's).
 */
public final class AsyncioInAClass {
    private AsyncioInAClass() {
    }

    /** The seed's class {@code activate}. */
    static final class Activate {
        final String name;
        private final PrintStream out;

        Activate(PrintStream out) {
            this.name = "Heisenberg";
            this.out = out;
        }

        Coro<Void> req(String url) {
            return () -> {
                try (ClientSession client = new ClientSession()) {
                    ClientResponse resp = client.get(url).await();
                    Py.print(out, resp);
                }
                return null;
            };
        }
    }

    public static void run(Runner runner, PrintStream out) throws InterruptedException {
        try (LocalHttpbin httpbin = LocalHttpbin.onLoop(runner)) {
            Activate test = new Activate(out);
            runner.run(test.req(httpbin.url("/get")));
        }
    }
}
