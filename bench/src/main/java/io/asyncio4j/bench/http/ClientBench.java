package io.asyncio4j.bench.http;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP client benchmark of issue 8: N GETs of one URL (a 1 KiB static file from nginx) at concurrency C over
 * keep-alive connections, by {@code asyncio4j} (one {@link ClientSession}, C tasks on one loop) or {@code jdk} (one
 * {@link HttpClient}, HTTP/1.1, C virtual threads). Warm-up rounds of N until WARMUP seconds have passed (the
 * JIT compiles the request path meanwhile: pinned to one CPU, the first rounds run at a fraction of the steady
 * rate), then ROUNDS measured rounds; prints
 * {@code RESULT impl=.. requests=N concurrency=C rps=<median> best_rps=.. cold_rps=<first warm-up round>}.
 *
 * <pre>
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp benchmarks.jar io.asyncio4j.bench.http.ClientBench asyncio4j|jdk URL [N=20000 [C=100 [ROUNDS=3 [WARMUP=8]]]]
 * </pre>
 */
public final class ClientBench {
    private ClientBench() {
    }

    public static void main(String[] args) throws Exception {
        String impl = args[0];
        String url = args[1];
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int c = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        double warmup = args.length > 5 ? Double.parseDouble(args[5]) : 8;
        double cold = 0;
        long warmupEnd = System.nanoTime() + (long) (warmup * 1e9);
        for (int w = 1; w == 1 || System.nanoTime() < warmupEnd; w++) {
            double r = round(impl, url, n, c, "warm-up round " + w);
            cold = w == 1 ? r : cold;
        }
        double[] rps = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            rps[i] = round(impl, url, n, c, "round " + (i + 1));
        }
        double[] sorted = rps.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "RESULT impl=%s requests=%d concurrency=%d rps=%.0f best_rps=%.0f cold_rps=%.0f%n",
                impl, n, c, sorted[sorted.length / 2], sorted[sorted.length - 1], cold);
    }

    /** One round of N requests; prints and returns its requests per second. */
    private static double round(String impl, String url, int n, int c, String label) throws Exception {
        long t0 = System.nanoTime();
        int bytes = switch (impl) {
            case "asyncio4j" -> asyncio4j(url, n, c);
            case "jdk" -> jdk(url, n, c);
            default -> throw new IllegalArgumentException("asyncio4j or jdk, not " + impl);
        };
        double rps = n / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "%s: %,.0f requests/s (%d body bytes)%n", label, rps, bytes);
        return rps;
    }

    /** C tasks on one loop, sharing one session and a count of requests still to send. */
    private static int asyncio4j(String url, int n, int c) {
        return Asyncio.run(() -> {
            int[] left = {n};
            int[] bytes = {0};
            try (ClientSession s = new ClientSession()) {
                List<Task<Void>> workers = new ArrayList<>();
                for (int w = 0; w < c; w++) {
                    workers.add(Asyncio.createTask(() -> {
                        while (left[0] > 0) {
                            left[0]--;
                            try (ClientResponse r = s.get(url).await()) {
                                bytes[0] += r.read().await().length;
                            }
                        }
                        return null;
                    }));
                }
                for (Task<Void> t : workers) {
                    t.await();
                }
            }
            return bytes[0];
        });
    }

    /** C virtual threads, each sending with the JDK's HttpClient until the count runs out. */
    private static int jdk(String url, int n, int c) throws Exception {
        AtomicInteger left = new AtomicInteger(n);
        AtomicInteger bytes = new AtomicInteger();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).GET().build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < c; w++) {
                workers.add(threads.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        bytes.addAndGet(client.send(req, HttpResponse.BodyHandlers.ofByteArray()).body().length);
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        }
        return bytes.get();
    }
}
