package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.ensureFuture;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Coro;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.五 "ensure_future": eleven jobs of 2 s each, each with a done
 * callback, gathered; all eleven finish together after 2 s, and every callback runs after the last job's line.
 *
 * <p>The seed lists the jobs in the order they started (pages 10 down to 0). On the real clock their deadlines
 * differ by microseconds and they wake in that order (a callback may run between two of them when they started
 * further apart than the clock's resolution). In virtual time all eleven are due at exactly 2.0, and
 * CPython's timer heap, which compares deadlines only, hands equal deadlines out in its own order (10, 8, 4, 0,
 * 1, 2, 5, 3, 6, 9, 7); asyncio4j's heap does the same, so the twin prints that order and {@code --real-time}
 * prints the seed's.
 */
public final class EnsureFutureCallbacks {
    private EnsureFutureCallbacks() {
    }

    static Coro<Void> cronJob(PrintStream out, String url) {
        return () -> {
            sleep(2).await();
            out.println("get " + url + " done in 2 seconds");
            return null;
        };
    }

    /** The seed's {@code cron_scheduler()} up to its {@code await asyncio.gather(*future_list)}. */
    static Coro<Void> cronScheduler(PrintStream out) {
        return () -> {
            List<Future<Void>> futureList = new ArrayList<>();
            int page = 10;
            while (page >= 0) {
                String url = "http://www.last" + page + "daysoftheworld.com/" + page + "day.html";
                Future<Void> future = ensureFuture(cronJob(out, url));
                futureList.add(future);
                page -= 1;
                future.addDoneCallback(f -> out.println("goodbye, cruel world"));
            }
            gather(futureList).await();
            return null;
        };
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(cronScheduler(out));
    }
}
