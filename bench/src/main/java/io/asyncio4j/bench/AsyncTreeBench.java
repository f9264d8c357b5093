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
 * <p>Suffixes of the variant: {@code -cached} makes the leaves look a key up in a cache of {@value #CACHE_KEYS}
 * keys (the leaf's number modulo that): a miss fills the cache and yields once ({@code sleep(0)}, the I/O), a hit
 * returns at once, so about 91% of the leaves finish without suspending (pyperformance's memoization variant,
 * made deterministic); {@code -eager} sets {@link Asyncio#eagerTaskFactory()} on the loop (pyperformance's
 * {@code _eager} variants). For instance {@code gather-cached-eager}.
 *
 * <pre>
 * java [--add-opens java.base/java.lang=ALL-UNNAMED] -cp ... io.asyncio4j.bench.AsyncTreeBench gather|taskgroup[-cached][-eager] [ROUNDS] [WARMUP]
 * </pre>
 *
 * Prints {@code RESULT impl=java-<carrier> tree=<variant> best_ms=.. median_ms=..}.
 */
public final class AsyncTreeBench {
    static final int LEVELS = 6;
    static final int BRANCHES = 6;
    static final int CACHE_KEYS = 4096;

    /** The cache of the {@code -cached} variants and the leaf counter; one tree runs at a time. */
    private static final java.util.Set<Integer> CACHE = new java.util.HashSet<>();
    private static int leafCounter;
    private static boolean cachedLeaves;

    private AsyncTreeBench() {
    }

    static Coro<Void> withGather(int level) {
        return () -> {
            if (level == 0) {
                return leaf();
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
                return leaf();
            }
            return TaskGroup.run(tg -> {
                for (int i = 0; i < BRANCHES; i++) {
                    tg.createTask(withTaskGroup(level - 1));
                }
                return (Void) null;
            }).await();
        };
    }

    /** A leaf: returns at once, or in the cached variants looks its key up and yields once on a miss. */
    private static Void leaf() {
        if (cachedLeaves) {
            Integer key = leafCounter++ % CACHE_KEYS;
            if (CACHE.add(key)) {
                // A miss: filled before the I/O, so later leaves of the key are hits however the tasks interleave.
                Asyncio.sleep(0).await();
            }
        }
        return null;
    }

    /** One tree; returns the wall time in nanoseconds. */
    static long runOnce(String variant) {
        cachedLeaves = variant.contains("-cached");
        boolean eager = variant.contains("-eager");
        CACHE.clear();
        leafCounter = 0;
        Coro<Void> tree = variant.startsWith("gather") ? withGather(LEVELS) : withTaskGroup(LEVELS);
        Coro<Void> root = eager ? () -> {
            Asyncio.getRunningLoop().setTaskFactory(Asyncio.eagerTaskFactory());
            return tree.call();
        } : tree;
        long t0 = System.nanoTime();
        Asyncio.run(root);
        return System.nanoTime() - t0;
    }

    public static void main(String[] args) {
        String variant = args.length > 0 ? args[0] : "gather";
        if (!variant.matches("(gather|taskgroup)(-cached)?(-eager)?")) {
            System.err.println("usage: AsyncTreeBench gather|taskgroup[-cached][-eager] [ROUNDS=10] [WARMUP=5]");
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
