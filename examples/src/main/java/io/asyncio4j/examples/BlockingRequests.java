package io.asyncio4j.examples;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 003, section 1.三 (the blocking version): five {@code requests.get} calls one after another, each printing
 * when it was sent and when its response came. Each waits for the one before: five requests to {@code /delay/1}
 * take 5 s.
 *
 * <pre>
 * start_time = time.time()
 * def send_req(url):
 *     t = time.time()
 *     print("Send a request at",t-start_time,"seconds.")
 *     res = requests.get(url)
 *     t = time.time()
 *     print("Receive a response at",t-start_time,"seconds.")
 * for i in range(5):
 *     send_req(url)
 * </pre>
 *
 * <p>URL: the seed's {@code https://www.google.com.tw/} is the local httpbin's {@code /delay/1}, so each request
 * takes a second. {@code requests.get} is {@link Requests#get} (the JDK's HttpClient, blocking); the httpbin runs on
 * a loop thread of its own ({@link LocalHttpbin#onThread}), since this program blocks its own thread. No loop runs
 * here, so {@code time.time()}, the loop's clock, stands still in virtual time (all times 0.0, as CPython prints
 * them under the same virtual clock) and shows the 5 s with {@code --real-time}.
 */
public final class BlockingRequests {
    private BlockingRequests() {
    }

    public static void run(Runner runner, PrintStream out) throws InterruptedException {
        try (LocalHttpbin httpbin = LocalHttpbin.onThread()) {
            String url = httpbin.url("/delay/1");
            EventLoop loop = runner.getLoop();
            double startTime = loop.time();
            for (int i = 0; i < 5; i++) {
                Py.print(out, "Send a request at", loop.time() - startTime, "seconds.");
                Requests.get(url);
                Py.print(out, "Receive a response at", loop.time() - startTime, "seconds.");
            }
        }
    }
}
