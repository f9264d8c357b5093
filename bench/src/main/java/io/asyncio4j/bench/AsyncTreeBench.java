package io.asyncio4j.bench;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.TaskGroup;
import java.util.Locale;

/**
 * pyperformance's {@code async_tree} (the "none" variant), the twin of {@code bench/python/async_tree.py}: a tree
 * of depth 6 and branching 6 whose inner nodes run their six children as tasks and wait for them, with
 * {@code gather} or with a {@code TaskGroup}; leaves return at once. 55,986 tasks per tree. One round is one
 * {@code Asyncio.run} of one tree; the score is milliseconds per tree.
 *
 * <pre>
 * java [--add-opens java.base/java.lang=ALL-UNNAMED] -cp ... io.asyncio4j.bench.AsyncTreeBench gather|taskgroup [ROUNDS] [WARMUP]
 * </pre>
 *
 * Prints {@code RESULT impl=java-<carrier> tree=<variant> best_ms=.. median_ms=..}.
 */
public final class AsyncTreeBench {
    static final int LEVELS = 6;
    static final int BRANCHES = 6;

    private AsyncTreeBench() {
    }

    static Coro<Void> withGather(int level) {
        return () -> {
            if (level == 0) {
                return null;
            }
            Coro<?>[] children = new Coro<?>[BRANCHES];
            for (int i = 0; i < BRANCHES; i++) {
                children[i] = withGather(level - 1);
            }
            Asyncio.gather(children).await();
            return null;
        };
    }

    static Coro<Void> withTaskGroup(int level) {
        return () -> {
            if (level == 0) {
                return null;
            }
            return TaskGroup.run(tg -> {
                for (int i = 0; i < BRANCHES; i++) {
                    tg.createTask(withTaskGroup(level - 1));
                }
                return (Void) null;
            }).await();
        };
    }

    /** One tree; returns the wall time in nanoseconds. */
    static long runOnce(String variant) {
        Coro<Void> root = variant.equals("gather") ? withGather(LEVELS) : withTaskGroup(LEVELS);
        long t0 = System.nanoTime();
        Asyncio.run(root);
        return System.nanoTime() - t0;
    }

    public static void main(String[] args) {
        String variant = args.length > 0 ? args[0] : "gather";
        if (!variant.equals("gather") && !variant.equals("taskgroup")) {
            System.err.println("usage: AsyncTreeBench gather|taskgroup [ROUNDS=10] [WARMUP=5]");
            System.exit(2);
        }
        int rounds = BenchSupport.intArg(args, 1, 10);
        int warmup = BenchSupport.intArg(args, 2, 5);
        String impl = "java-" + BenchSupport.carrier();
        System.out.printf(Locale.ROOT, "# %s on %s: async_tree with %s, depth %d, branching %d, %d warm-up + %d rounds%n",
                impl, BenchSupport.jvm(), variant, LEVELS, BRANCHES, warmup, rounds);
        double[] ms = BenchSupport.rounds(warmup, rounds, "ms", () -> runOnce(variant) / 1e6);
        System.out.printf(Locale.ROOT, "RESULT impl=%s tree=%s best_ms=%.2f median_ms=%.2f%n",
                impl, variant, BenchSupport.min(ms), BenchSupport.median(ms));
    }
}
