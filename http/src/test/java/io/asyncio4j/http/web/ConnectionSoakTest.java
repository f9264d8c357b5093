package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bounded soak: {@value #CONNECTIONS} loopback connections, a fixed share of which abort in the middle of a
 * head, a body or a response (a reset, or a plain close), the rest keep-alive requests; afterwards the process's
 * file descriptors, platform threads, the loop's tasks and the site's connections are back where they were, and
 * the server still answers. Counts are fixed; the settling wait polls with a bound instead of sleeping. With
 * {@code -Dasyncio4j.soak.report=true} it prints its figures (fds, threads, tasks before and after, seconds).
 */
@Timeout(120)
class ConnectionSoakTest {
    private static final int CONNECTIONS = 300;
    private static final int CLIENT_THREADS = 8;
    private static final int FD_TOLERANCE = 4;
    private static final int THREAD_TOLERANCE = 2;

    private static Application app() {
        Application app = new Application();
        app.router().get("/", request -> Response.text("ok"))
                .post("/upload", request -> Response.text(request.read().await().length + " bytes"))
                .get("/stream", request -> {
                    StreamResponse resp = new StreamResponse();
                    resp.prepare(request).await();
                    byte[] chunk = new byte[16 * 1024];
                    for (int i = 0; i < 128; i++) { // 2 MiB: more than loopback buffers hold
                        resp.write(chunk).await();
                    }
                    return resp;
                });
        return app;
    }

    /** One client connection of kind {@code i % 8}; the aborting kinds reset on odd rounds, close on even ones. */
    private static void client(int port, int i) throws IOException {
        boolean reset = (i / 8) % 2 == 1;
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            switch (i % 8) {
                case 0, 1, 2 -> { // keep-alive: three requests on one connection
                    for (int k = 0; k < 3; k++) {
                        out.write(RawClient.get("/").getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        assertThat(readResponse(in)).endsWith("ok");
                    }
                }
                case 3 -> { // a whole body, keep-alive
                    out.write(("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 3000\r\n\r\n" + "x".repeat(3000))
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    assertThat(readResponse(in)).endsWith("3000 bytes");
                }
                case 4 -> out.write("GET / HTTP/1.1\r\nHost: t\r\nX-Half".getBytes(StandardCharsets.ISO_8859_1));
                case 5 -> out.write(("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n"
                        + "x".repeat(1000)).getBytes(StandardCharsets.ISO_8859_1));
                case 6, 7 -> {
                    out.write(RawClient.get("/stream").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    assertThat(new String(in.readNBytes(15), StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200 OK");
                    in.readNBytes(32 * 1024);
                }
                default -> throw new AssertionError(i);
            }
            out.flush();
            if (reset) {
                s.setSoLinger(true, 0);
            }
        }
    }

    /** Reads one response with a {@code Content-Length}; returns it whole. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("EOF in a response head: " + head);
            }
            head.append((char) c);
        }
        int at = head.indexOf("Content-Length: ") + "Content-Length: ".length();
        int length = Integer.parseInt(head.substring(at, head.indexOf("\r\n", at)));
        return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    private static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    private static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static int otherTasks() {
        List<Task<?>> tasks = new ArrayList<>(Asyncio.allTasks());
        tasks.remove(Asyncio.currentTask());
        return tasks.size();
    }

    @Test
    void abortedAndNormalConnectionsLeaveNoDescriptorThreadTaskOrConnectionBehind() throws Exception {
        assumeTrue(new File("/proc/self/fd").isDirectory(), "needs /proc/self/fd (Linux)");
        LogCapture logs = new LogCapture("io.asyncio4j");
        ThreadPoolExecutor clients = (ThreadPoolExecutor) Executors.newFixedThreadPool(CLIENT_THREADS);
        clients.prestartAllCoreThreads(); // they are part of the baseline
        try {
            Map<String, Object> figures = Asyncio.run(() -> {
                Site site = Web.start(app(), "127.0.0.1", 0).await();
                try {
                    int port = site.port();
                    // Warm up every path (classes loaded, buffers sized) before taking the baseline.
                    runClients(clients, port, 0, 8);
                    settle(site, Integer.MAX_VALUE, Integer.MAX_VALUE);
                    int fds0 = openFds();
                    int threads0 = liveThreads();
                    int tasks0 = otherTasks();
                    long t0 = System.nanoTime();
                    runClients(clients, port, 8, CONNECTIONS);
                    double soakSeconds = (System.nanoTime() - t0) / 1e9;
                    // Threads within the tolerance: the JDK's scheduler of virtual threads may add a worker, idle for 30 s.
                    double settleSeconds = settle(site, fds0, threads0 + THREAD_TOLERANCE);
                    int fds1 = openFds();
                    int threads1 = liveThreads();
                    int tasks1 = otherTasks();
                    int connectionsLeft = site.connectionCount();
                    String after = Asyncio.wrapFuture(CompletableFuture.supplyAsync(() -> {
                        try (RawClient c = new RawClient(port)) {
                            return c.exchange(RawClient.get("/")).text();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, clients)).await();
                    return Map.<String, Object>of("fds", fds0 + " -> " + fds1, "threads", threads0 + " -> " + threads1,
                            "tasks", tasks0 + " -> " + tasks1, "connectionsLeft", connectionsLeft,
                            "soakSeconds", soakSeconds, "settleSeconds", settleSeconds, "answerAfter", after,
                            "fds1", fds1 - fds0, "threads1", threads1 - threads0, "tasks1", tasks1 - tasks0);
                } finally {
                    site.close();
                    site.waitClosed().await();
                }
            });
            if (Boolean.getBoolean("asyncio4j.soak.report")) {
                System.out.println("ConnectionSoakTest (" + CONNECTIONS + " connections): " + figures);
            }
            assertThat((int) figures.get("fds1")).as("open fds over the baseline: " + figures.get("fds"))
                    .isLessThanOrEqualTo(FD_TOLERANCE);
            assertThat((int) figures.get("threads1")).as("live threads over the baseline: " + figures.get("threads"))
                    .isLessThanOrEqualTo(THREAD_TOLERANCE);
            assertThat((int) figures.get("tasks1")).as("loop tasks over the baseline").isLessThanOrEqualTo(0);
            assertThat(figures.get("connectionsLeft")).isEqualTo(0);
            assertThat(figures.get("answerAfter")).isEqualTo("ok");
            assertThat(logs.records()).as("records at WARNING or above, or with a trace")
                    .noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue() || r.getThrown() != null);
        } finally {
            clients.shutdownNow();
            clients.awaitTermination(10, TimeUnit.SECONDS);
            logs.close();
        }
    }

    /** Runs clients {@code from..to-1} on the pool and waits for them all (on the loop, without blocking it). */
    private static void runClients(java.util.concurrent.ExecutorService pool, int port, int from, int to) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int n = i;
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    client(port, n);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("client " + n, e);
                }
            }, pool));
        }
        Asyncio.wrapFuture(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))).await();
    }

    /**
     * Polls (every 20 ms, for at most 5 s) until the site has no connection, the loop runs no other task, and the
     * fds and threads are down to the bounds given; returns the seconds it took. The caller then checks the
     * figures with a tolerance (the JDK may keep a descriptor or a thread of its own).
     */
    private static double settle(Site site, int maxFds, int maxThreads) {
        long t0 = System.nanoTime();
        for (int i = 0; i < 250; i++) {
            if (site.connectionCount() == 0 && otherTasks() == 0 && openFds() <= maxFds && liveThreads() <= maxThreads) {
                break;
            }
            Asyncio.sleep(0.02).await();
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
