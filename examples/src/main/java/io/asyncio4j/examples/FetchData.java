package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.Map;

/**
 * The seed's {@code fetch_data}/{@code print_numbers} program: two tasks interleave on one loop. The numbers
 * print every 0.25 s while the fetch sleeps 2 s; awaiting {@code task2} first lets both finish.
 *
 * <pre>
 * async def fetch_data():
 *     print('start fetching'); await asyncio.sleep(2); print('done fetching'); return {'data': 1}
 * async def print_numbers():
 *     for i in range(10): print(i); await asyncio.sleep(0.25)
 * async def main():
 *     task1 = asyncio.create_task(fetch_data()); task2 = asyncio.create_task(print_numbers())
 *     await task2; value = await task1; print(value)
 * asyncio.run(main())
 * </pre>
 */
public final class FetchData {
    private FetchData() {
    }

    public static void main(String[] args) {
        Asyncio.run(program(System.out));
    }

    /** The program's main coroutine, printing to {@code out}. */
    public static Coro<Void> program(PrintStream out) {
        Coro<Map<String, Integer>> fetchData = () -> {
            out.println("start fetching");
            sleep(2).await();
            out.println("done fetching");
            return Map.of("data", 1);
        };
        Coro<Void> printNumbers = () -> {
            for (int i = 0; i < 10; i++) {
                out.println(i);
                sleep(0.25).await();
            }
            return null;
        };
        return () -> {
            Task<Map<String, Integer>> task1 = createTask(fetchData);
            Task<Void> task2 = createTask(printNumbers);
            task2.await();
            Map<String, Integer> value = task1.await();
            out.println(value);
            return null;
        };
    }
}
