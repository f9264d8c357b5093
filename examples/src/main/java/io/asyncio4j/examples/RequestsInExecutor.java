package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 003, sections 1.三 and 7 ({@code requests.get} in {@code run_in_executor}): ten tasks each hand a blocking
 * request to the loop's default executor and await it. The pool has {@code min(32, cpus + 4)} threads, as
 * CPython's, so on a 2-core machine ten requests to {@code /delay/1} take 2 s: six, then four.
 *
 * <pre>
 * loop = asyncio.get_event_loop()
 * start_time = time.time()
 * async def send_req(url):
 *     t = time.time()
 *     print("Send a request at",t-start_time,"seconds.")
 *     res = await loop.run_in_executor(None,requests.get,url)
 *     t = time.time()
 *     print("Receive a response at",t-start_time,"seconds.")
 * tasks = []
 * for i in range(10):
 *     task = loop.create_task(send_req(url))
 *     tasks.append(task)
 * loop.run_until_complete(asyncio.wait(tasks))
 * </pre>
 *
 * <p>URL: the seed's {@code https://www.google.com.tw/} is the local httpbin's {@code /delay/1}, served on a loop
 * thread of its own ({@link LocalHttpbin#onThread}): the requests come from executor threads, not from this loop.
 * {@code requests.get} is {@link Requests#get}. While the loop waits for executor jobs its clock moves with real
 * time, in virtual time too, so the times printed are real ones (CPython's virtual clock stands still instead).
 */
public final class RequestsInExecutor {
    private RequestsInExecutor() {
    }

    public static void run(Runner runner, PrintStream out) throws InterruptedException {
        try (LocalHttpbin httpbin = LocalHttpbin.onThread()) {
            String url = httpbin.url("/delay/1");
            EventLoop loop = Asyncio.getEventLoop();
            double startTime = loop.time();
            Coro<Void> sendReq = () -> {
                Py.print(out, "Send a request at", loop.time() - startTime, "seconds.");
                loop.runInExecutor(null, () -> Requests.get(url)).await();
                Py.print(out, "Receive a response at", loop.time() - startTime, "seconds.");
                return null;
            };
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tasks.add(loop.createTask(sendReq, null));
            }
            loop.runUntilComplete(Asyncio.wait(tasks));
        }
    }
}
