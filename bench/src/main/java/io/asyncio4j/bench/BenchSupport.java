package io.asyncio4j.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/** Small helpers shared by the plain benchmark mains. */
final class BenchSupport {
    private BenchSupport() {
    }

    /**
     * The carrier asyncio4j will pick, as its own rule says: {@code -Dasyncio4j.carrier} if set to fast or
     * portable, else fast when {@code java.lang} is opened to us, else portable.
     */
    static String carrier() {
        String forced = System.getProperty("asyncio4j.carrier", "auto").trim();
        if (forced.equals("fast") || forced.equals("portable")) {
            return forced;
        }
        boolean opened = Object.class.getModule().isOpen("java.lang", BenchSupport.class.getModule());
        return opened ? "fast" : "portable";
    }

    static String jvm() {
        return "JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + "), "
                + Runtime.getRuntime().availableProcessors() + " CPUs";
    }

    /**
     * Runs {@code warmup} unrecorded and {@code rounds} recorded rounds of {@code once}, printing each as
     * {@code "round k: <value> <unit>"}, and returns the recorded values. No {@code System.gc()} between rounds: after
     * a full GC, G1 shrinks the young generation and the next round pays to grow it again; the rounds' own GC work
     * is part of what they measure.
     */
    static double[] rounds(int warmup, int rounds, String unit, DoubleSupplier once) {
        for (int i = 0; i < warmup; i++) {
            System.out.printf(Locale.ROOT, "warmup %d: %.1f %s%n", i + 1, once.getAsDouble(), unit);
        }
        double[] xs = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            xs[i] = once.getAsDouble();
            System.out.printf(Locale.ROOT, "round %d: %.1f %s%n", i + 1, xs[i], unit);
        }
        return xs;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double min(double[] xs) {
        return Arrays.stream(xs).min().orElse(Double.NaN);
    }

    static int intArg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i].replace("_", "").replace(",", "")) : dflt;
    }
}
