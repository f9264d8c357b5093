package io.asyncio4j.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The floor under {@link SwitchBench}: T plain virtual threads each call {@code Thread.yield()} N times, scheduled
 * by an executor that is a bare queue drained on this thread. No event loop, no futures, no asyncio4j: the cost
 * of a continuation yield and resume through a caller-owned scheduler on this machine, so the fast carrier's
 * overhead can be read as {@code SwitchBench - BareYieldBench}. Needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} (the same JDK constructor as the fast carrier).
 *
 * <pre>
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp ... io.asyncio4j.bench.BareYieldBench TASKS YIELDS [ROUNDS] [WARMUP]
 * </pre>
 *
 * Prints {@code RESULT impl=bare-yield tasks=T switches=N best_ns=.. median_ns=..}.
 */
public final class BareYieldBench {
    private BareYieldBench() {
    }

    private static final MethodHandle NEW_VIRTUAL_THREAD;

    static {
        try {
            Class<?> vt = Class.forName("java.lang.VirtualThread");
            NEW_VIRTUAL_THREAD = MethodHandles.privateLookupIn(vt, MethodHandles.lookup())
                    .findConstructor(vt, MethodType.methodType(void.class, Executor.class, String.class, int.class,
                            Runnable.class))
                    .asType(MethodType.methodType(Thread.class, Executor.class, String.class, int.class,
                            Runnable.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(
                    new IllegalStateException("BareYieldBench needs --add-opens java.base/java.lang=ALL-UNNAMED", e));
        }
    }

    /** One run of T threads x N yields; returns the wall time in nanoseconds. */
    static long runOnce(int threads, int yields) {
        ArrayDeque<Runnable> ready = new ArrayDeque<>();
        Executor scheduler = ready::add;
        Runnable body = () -> {
            for (int j = 0; j < yields; j++) {
                Thread.yield();
            }
        };
        long t0 = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            newThread(scheduler, body).start();
        }
        Runnable r;
        while ((r = ready.poll()) != null) {
            r.run();
        }
        return System.nanoTime() - t0;
    }

    private static Thread newThread(Executor scheduler, Runnable body) {
        try {
            return (Thread) NEW_VIRTUAL_THREAD.invokeExact(scheduler, "", 0, body);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create a virtual thread", e);
        }
    }

    public static void main(String[] args) {
        int threads = BenchSupport.intArg(args, 0, 1);
        int yields = BenchSupport.intArg(args, 1, 1_000_000);
        int rounds = BenchSupport.intArg(args, 2, 5);
        int warmup = BenchSupport.intArg(args, 3, 3);
        double total = (double) threads * yields;
        System.out.printf(Locale.ROOT, "# bare virtual-thread yield on %s: %d threads x %d Thread.yield()%n",
                BenchSupport.jvm(), threads, yields);
        double[] ns = BenchSupport.rounds(warmup, rounds, "ns/yield", () -> runOnce(threads, yields) / total);
        System.out.printf(Locale.ROOT, "RESULT impl=bare-yield tasks=%d switches=%d best_ns=%.1f median_ns=%.1f%n",
                threads, yields, BenchSupport.min(ns), BenchSupport.median(ns));
    }
}
