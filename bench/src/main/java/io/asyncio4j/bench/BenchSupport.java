package io.asyncio4j.bench;

import java.util.Arrays;

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
