package io.asyncio4j.bench;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.util.Locale;

/**
 * Task-switch benchmark, the twin of {@code bench/python/switch.py}: T tasks each await
 * {@code Asyncio.sleep(0)} N times; the whole {@code Asyncio.run(...)} is timed and divided by T*N.
 *
 * <pre>
 * java [--add-opens java.base/java.lang=ALL-UNNAMED] -cp ... io.asyncio4j.bench.SwitchBench TASKS SWITCHES [ROUNDS] [WARMUP]
 * </pre>
 *
 * Prints one line per round and a final
 * {@code RESULT impl=java-<carrier> tasks=T switches=N best_ns=<ns/switch> median_ns=<ns/switch>}.
 */
public final class SwitchBench {
    private SwitchBench() {
    }

    /** One run: T tasks x N {@code sleep(0)}; returns the wall time in nanoseconds. */
    public static long runOnce(int tasks, int switches) {
        long t0 = System.nanoTime();
        Asyncio.run(() -> {
            @SuppressWarnings("unchecked")
            Task<Void>[] ts = new Task[tasks];
            for (int i = 0; i < tasks; i++) {
                ts[i] = Asyncio.createTask(() -> {
                    for (int j = 0; j < switches; j++) {
                        Asyncio.sleep(0).await();
                    }
                    return null;
                });
            }
            Asyncio.gather(ts).await();
            return null;
        });
        return System.nanoTime() - t0;
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: SwitchBench TASKS SWITCHES [ROUNDS=5] [WARMUP=3]");
            System.exit(2);
        }
        int tasks = BenchSupport.intArg(args, 0, 1);
        int switches = BenchSupport.intArg(args, 1, 1_000_000);
        int rounds = BenchSupport.intArg(args, 2, 5);
        int warmup = BenchSupport.intArg(args, 3, 3);
        String impl = "java-" + BenchSupport.carrier();
        double total = (double) tasks * switches;
        System.out.printf(Locale.ROOT, "# %s on %s: %d tasks x %d sleep(0), %d warm-up + %d rounds%n",
                impl, BenchSupport.jvm(), tasks, switches, warmup, rounds);
        double[] ns = BenchSupport.rounds(warmup, rounds, "ns/switch", () -> runOnce(tasks, switches) / total);
        System.out.printf(Locale.ROOT, "RESULT impl=%s tasks=%d switches=%d best_ns=%.1f median_ns=%.1f%n",
                impl, tasks, switches, BenchSupport.min(ns), BenchSupport.median(ns));
    }
}
