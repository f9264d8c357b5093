package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Held;
import io.asyncio4j.Semaphore;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The seed's Semaphore program: twelve requests, each followed by a wait of its own delay, at most three at a time
 * under {@code Semaphore(3)}. Every request announces itself at once; the semaphore lets three through, and each
 * one that finishes lets the next waiter in, in arrival order.
 *
 * <pre>
 * async def req(delay, sem):
 *     print(f'waiting for semaphore with {delay} seconds delay')
 *     async with sem:
 *         async with aiohttp.ClientSession() as session:
 *             async with session.get('http://www.google.com.tw') as resp:
 *                 print(f'got response {resp.status}')
 *                 await asyncio.sleep(delay)
 * async def semtext():
 *     start = time.time()
 *     delay_list = [3,2,8,4,1,5,7,6,9,10,3,6]
 *     sem = asyncio.Semaphore(3)
 *     task_list = [asyncio.create_task(req(delay, sem)) for delay in delay_list]
 *     await asyncio.gather(*task_list)
 *     print(f'cost {time.time() - start} seconds')
 * </pre>
 *
 * <p>{@link #main} makes each request with the JDK's {@link HttpClient} (to the URL given, by default the seed's),
 * awaited through {@link Asyncio#wrapFuture}; {@link #program} takes the request as a coroutine returning the
 * status, so tests can run it without a network.
 */
public final class SemaphoreLimit {
    /** The seed's delays, in seconds. */
    public static final List<Integer> DELAYS = List.of(3, 2, 8, 4, 1, 5, 7, 6, 9, 10, 3, 6);

    private SemaphoreLimit() {
    }

    public static void main(String[] args) {
        URI url = URI.create(args.length > 0 ? args[0] : "http://www.google.com.tw");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest get = HttpRequest.newBuilder(url).build();
            Asyncio.run(program(System.out, () -> Asyncio.wrapFuture(
                    http.sendAsync(get, HttpResponse.BodyHandlers.discarding())).await().statusCode()));
        }
    }

    /** The program, printing to {@code out}; {@code request} makes one request and returns its status. */
    public static Coro<Void> program(PrintStream out, Coro<Integer> request) {
        return () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double start = loop.time();
            Semaphore sem = new Semaphore(3);
            List<Task<Void>> tasks = new ArrayList<>();
            for (int delay : DELAYS) {
                tasks.add(createTask(() -> {
                    out.println("waiting for semaphore with " + delay + " seconds delay");
                    try (Held permit = sem.hold().await()) {
                        out.println("got response " + request.await());
                        sleep(delay).await();
                    }
                    return null;
                }));
            }
            gather(tasks).await();
            out.printf(Locale.ROOT, "cost %.1f seconds%n", loop.time() - start);
            return null;
        };
    }
}
