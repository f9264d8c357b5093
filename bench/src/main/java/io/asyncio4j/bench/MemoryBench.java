package io.asyncio4j.bench;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Memory per parked task, the twin of {@code bench/python/memory.py}: COUNT tasks all await one pending
 * {@code Future}; once all have started and parked, heap used (after forced GCs, from {@link MemoryMXBean}) minus
 * heap used before creating them, divided by COUNT. The array holding the tasks is allocated before the baseline,
 * so it is not counted (as the Python twin pre-sizes its list). Each task gets its own coroutine lambda, as a
 * program would write it.
 *
 * <pre>
 * java -Xmx4g [--add-opens java.base/java.lang=ALL-UNNAMED] -cp ... io.asyncio4j.bench.MemoryBench [COUNT=1000000 [ROUNDS=3 [WARMUP_TASKS=200000]]]
 * </pre>
 *
 * Runs a 200,000-task warm-up (enough for the JIT to compile the await path), then ROUNDS measurements in the same JVM, and prints
 * {@code RESULT impl=java-<carrier> tasks=COUNT bytes_per_task=<median> min_bytes=.. max_bytes=..
 * method=heap-used-after-gc live_bytes_per_task=<median>}. {@code bytes_per_task} is {@code MemoryMXBean} heap
 * used after five {@code System.gc()}s; {@code live_bytes_per_task} is a cross-check from the class histogram's
 * total of live objects. The first round is typically a few tens of bytes per task higher than the later ones:
 * most of a parked task is its frozen stack, and frames are smaller once the await path is JIT-compiled. With
 * {@code -Dbench.histogram=true} the top of the class histogram is printed while the tasks are parked.
 */
public final class MemoryBench {
    private MemoryBench() {
    }

    static long usedAfterGc() {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, mx.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /**
     * The JVM's class histogram of live objects ({@code jcmd GC.class_histogram}, which runs a full GC first):
     * its text, or null if the diagnostic command is not available.
     */
    static String histogram() {
        try {
            var server = ManagementFactory.getPlatformMBeanServer();
            var name = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
            return (String) server.invoke(name, "gcClassHistogram", new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
        } catch (Exception e) {
            return null;
        }
    }

    /** Bytes of all live objects, from the histogram's Total line; -1 if unavailable. */
    static long liveBytes() {
        String h = histogram();
        if (h == null) {
            return -1;
        }
        return h.lines().filter(l -> l.startsWith("Total")).mapToLong(l -> {
            String[] f = l.trim().split("\\s+");
            return Long.parseLong(f[f.length - 1]);
        }).findFirst().orElse(-1);
    }

    /** Returns {heap-used bytes per parked task, live-object bytes per parked task}. */
    public static double[] measure(int count) {
        return Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Void> gate = loop.createFuture();
            @SuppressWarnings("unchecked")
            Task<Void>[] tasks = new Task[count];
            int[] started = {0};
            long liveBefore = liveBytes();
            long before = usedAfterGc();
            for (int i = 0; i < count; i++) {
                tasks[i] = Asyncio.createTask(() -> {
                    started[0]++;
                    gate.await();
                    return null;
                });
            }
            Asyncio.sleep(0).await();
            Asyncio.sleep(0).await();
            if (started[0] != count) {
                throw new IllegalStateException("only " + started[0] + " of " + count + " tasks started");
            }
            long after = usedAfterGc();
            long liveAfter = liveBytes();
            double perTask = (double) (after - before) / count;
            double livePerTask = liveBefore < 0 || liveAfter < 0 ? Double.NaN
                    : (double) (liveAfter - liveBefore) / count;
            if (count >= 1_000_000 && Boolean.getBoolean("bench.histogram")) {
                String h = histogram();
                if (h != null) {
                    h.lines().limit(22).forEach(System.out::println);
                }
            }
            System.out.printf(Locale.ROOT, "heap used before %,d B, with %,d parked tasks %,d B%n",
                    before, count, after);
            System.out.printf(Locale.ROOT, "live objects before %,d B, with %,d parked tasks %,d B%n",
                    liveBefore, count, liveAfter);
            gate.setResult(null);
            Asyncio.gather(tasks).await();
            for (Task<Void> t : tasks) {
                if (!t.done() || t.cancelled()) {
                    throw new IllegalStateException("task did not finish: " + t);
                }
            }
            return new double[] {perTask, livePerTask};
        });
    }

    public static void main(String[] args) {
        int count = BenchSupport.intArg(args, 0, 1_000_000);
        int rounds = BenchSupport.intArg(args, 1, 3);
        int warmupTasks = BenchSupport.intArg(args, 2, 200_000);
        String impl = "java-" + BenchSupport.carrier();
        System.out.printf(Locale.ROOT, "# %s on %s: %,d tasks parked on one Future, %d rounds, max heap %,d MB%n",
                impl, BenchSupport.jvm(), count, rounds, Runtime.getRuntime().maxMemory() >> 20);
        // A warm-up run so that classes, lambdas' hidden classes and JIT'd code exist before the baseline. How far
        // the JIT has got matters: a parked task's frozen frames are smaller once its await path is compiled, so
        // the rounds differ by a few tens of bytes per task (a run with a 10,000-task warm-up measured 829 bytes in
        // all three rounds, the next run of the same jar 725).
        measure(warmupTasks);
        double[] used = new double[rounds];
        double[] live = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            double[] r = measure(count);
            used[i] = r[0];
            live[i] = r[1];
            System.out.printf(Locale.ROOT, "round %d: %.1f heap bytes per task (live objects: %.1f)%n",
                    i + 1, used[i], live[i]);
        }
        System.out.printf(Locale.ROOT, "RESULT impl=%s tasks=%d bytes_per_task=%.1f min_bytes=%.1f max_bytes=%.1f "
                        + "method=heap-used-after-gc live_bytes_per_task=%.1f%n",
                impl, count, BenchSupport.median(used), BenchSupport.min(used),
                Arrays.stream(used).max().orElse(Double.NaN), BenchSupport.median(live));
    }
}
