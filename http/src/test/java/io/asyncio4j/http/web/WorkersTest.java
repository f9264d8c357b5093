package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.ClientSession;
import io.asyncio4j.http.ClientWebSocketResponse;
import io.asyncio4j.http.ws.WSMessage;
import io.asyncio4j.http.ws.WSMsgType;
import io.asyncio4j.net.Net;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One loop per core: {@link Web#start(Supplier, String, int, int)} and {@code runApp} with several workers, each a
 * loop on its own thread with its own application; with {@code SO_REUSEPORT} (each worker its own listening socket)
 * and with the fallback (one acceptor handing connections to the loops). Real threads and sockets: short real
 * timeouts, no timing assertions.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkersTest {
    @BeforeEach
    void noFallbackNoticeOnTheConsole() {
        Workers.fallbackNoticeToldForTests(true); // its own test below captures it
    }

    @AfterEach
    void resetFallback() {
        Workers.forceFallback = false;
    }

    /** Starts the workers from a loop of the test's thread (any loop will do: the workers have their own). */
    static Site start(Supplier<Application> factory, int port, int workers, boolean fallback) {
        return start(factory, port, workers, fallback, ServerOptions.DEFAULT);
    }

    static Site start(Supplier<Application> factory, int port, int workers, boolean fallback, ServerOptions options) {
        if (!fallback) {
            assumeTrue(Net.reusePortSupported(), "no SO_REUSEPORT here");
        }
        Workers.forceFallback = fallback;
        return Asyncio.run(() -> Web.start(factory, "127.0.0.1", port, workers, options).await());
    }

    /**
     * The fallback's hand-over: a connection given to a worker whose loop has ended is the acceptor's again (to give
     * to the next worker or close), and one given to a serving worker is adopted and answered.
     */
    @Test
    void aConnectionHandedToAnEndedWorkerIsTheAcceptorsAgain() throws Exception {
        Worker w = new Worker(1, () -> {
            Application app = new Application();
            app.router().get("/", r -> Response.text("w1"));
            return app;
        }, app -> Site.start(app, "127.0.0.1", 0, ServerOptions.DEFAULT), e -> { });
        w.start();
        Site site = w.started.get(10, java.util.concurrent.TimeUnit.SECONDS);
        try (var listener = java.nio.channels.ServerSocketChannel.open()) {
            listener.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            try (var client = java.nio.channels.SocketChannel.open(listener.getLocalAddress())) {
                var accepted = listener.accept();
                accepted.configureBlocking(false);
                assertThat(w.handOver(accepted)).isTrue();
                client.write(java.nio.ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes()));
                var buf = java.nio.ByteBuffer.allocate(4096);
                StringBuilder got = new StringBuilder();
                while (!got.toString().endsWith("w1") && client.read(buf) > 0) {
                    got.append(new String(buf.array(), 0, buf.position()));
                    buf.clear();
                }
                assertThat(got.toString()).startsWith("HTTP/1.1 200").endsWith("w1");
            }
            w.stop(1);
            w.join();
            assertThat(site.connectionCount()).isZero();
            try (var client = java.nio.channels.SocketChannel.open(listener.getLocalAddress())) {
                var accepted = listener.accept();
                assertThat(w.handOver(accepted)).isFalse();
                assertThat(accepted.isOpen()).isTrue(); // not closed, not lost: the caller's to hand on
                accepted.close();
            }
        }
    }

    static void closeAndWait(Site site) {
        site.close();
        Asyncio.run(() -> {
            site.waitClosed().await();
            return null;
        });
    }

    /** A GET with {@code Connection: close} on a new connection; the whole response. */
    static String get(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    /**
     * The name of the thread the running loop runs on: a callback's thread (a task's own thread is a virtual one,
     * named after the task).
     */
    static io.asyncio4j.Coro<String> loopThreadName() {
        return () -> {
            io.asyncio4j.EventLoop loop = Asyncio.getRunningLoop();
            io.asyncio4j.Future<String> name = loop.createFuture();
            loop.callSoon(() -> name.setResult(Thread.currentThread().getName()));
            return name.await();
        };
    }

    /** An application that answers its loop's thread name at / and records on which loop thread its hooks ran. */
    static Supplier<Application> namingApp(List<String> events) {
        return () -> {
            Asyncio.getRunningLoop().callSoon(() -> events.add("factory " + Thread.currentThread().getName()));
            Application app = new Application();
            app.router().get("/", request -> Response.text(loopThreadName().await()));
            app.onStartup().add(a -> () -> {
                events.add("startup " + loopThreadName().await());
                return null;
            });
            app.onCleanup().add(a -> () -> {
                events.add("cleanup " + loopThreadName().await());
                return null;
            });
            return app;
        };
    }

    /** The live platform threads of workers and acceptors, with their stacks (for the failure message). */
    static List<String> ourThreads() {
        List<String> out = new ArrayList<>();
        for (var e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            String name = t.getName();
            if (t.isAlive() && (name.startsWith("asyncio4j-worker-") || name.equals("asyncio4j-acceptor"))) {
                out.add(t + " " + java.util.Arrays.toString(e.getValue()));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void connectionsAreServedByEveryWorkerEachWithItsOwnApplication(boolean fallback) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        Site site = start(namingApp(events), 0, 2, fallback);
        Set<String> servedBy = new TreeSet<>();
        try {
            assertThat(site.port()).isPositive();
            assertThat(site.sockets()).extracting(InetSocketAddress::getPort).containsOnly(site.port());
            List<Socket> open = new ArrayList<>();
            try { // 64 connections open at once, each from its own port: the kernel's hash (or the turn) spreads them
                for (int i = 0; i < 64; i++) {
                    Socket s = new Socket("127.0.0.1", site.port());
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    open.add(s);
                }
                for (Socket s : open) {
                    String r = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(r).startsWith("HTTP/1.1 200");
                    servedBy.add(body(r));
                }
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
            assertThat(site.app()).isNotNull();
            assertThat(site.toString()).contains("workers=2");
        } finally {
            closeAndWait(site);
        }
        assertThat(servedBy).containsExactly("asyncio4j-worker-1", "asyncio4j-worker-2");
        assertThat(events).filteredOn(e -> e.startsWith("factory ")).containsExactlyInAnyOrder(
                "factory asyncio4j-worker-1", "factory asyncio4j-worker-2");
        assertThat(events).filteredOn(e -> e.startsWith("startup ")).containsExactlyInAnyOrder(
                "startup asyncio4j-worker-1", "startup asyncio4j-worker-2");
        assertThat(events).filteredOn(e -> e.startsWith("cleanup ")).containsExactlyInAnyOrder(
                "cleanup asyncio4j-worker-1", "cleanup asyncio4j-worker-2");
        assertThat(ourThreads()).isEmpty();
        assertThat(site.sockets()).isEmpty();
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void afterCloseNoThreadIsLeftAndThePortIsFree(boolean fallback) throws Exception {
        Site site = start(namingApp(new CopyOnWriteArrayList<>()), 0, 3, fallback);
        int port = site.port();
        assertThat(body(get(port, "/"))).startsWith("asyncio4j-worker-");
        assertThat(ourThreads()).hasSize(fallback ? 4 : 3);
        closeAndWait(site);
        assertThat(ourThreads()).isEmpty();
        assertThat(site.connectionCount()).isZero();
        assertThatThrownBy(() -> get(port, "/")).isInstanceOf(ConnectException.class);
        try (ServerSocket again = new ServerSocket()) { // no listener of ours is left on the port
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void aFixedPortIsSharedByTheWorkers(boolean fallback) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Site site = start(namingApp(new CopyOnWriteArrayList<>()), port, 2, fallback);
        try {
            assertThat(site.port()).isEqualTo(port);
            assertThat(get(port, "/")).startsWith("HTTP/1.1 200");
        } finally {
            closeAndWait(site);
        }
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void theShutdownLetsASlowInFlightResponseFinishOnEveryWorker(boolean fallback) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> entered = new CompletableFuture<>();
        Site site = start(() -> {
            Application app = new Application();
            app.router().get("/slow", request -> {
                entered.complete(null);
                Asyncio.sleep(0.3).await();
                return Response.text("finished during the shutdown");
            });
            app.onShutdown().add(a -> () -> {
                events.add("shutdown");
                return null;
            });
            app.onCleanup().add(a -> () -> {
                events.add("cleanup");
                return null;
            });
            return app;
        }, 0, 2, fallback);
        CompletableFuture<String> response = CompletableFuture.supplyAsync(() -> {
            try {
                return get(site.port(), "/slow");
            } catch (IOException e) {
                return e.toString();
            }
        });
        entered.get(10, TimeUnit.SECONDS);
        closeAndWait(site);
        assertThat(response.get(10, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200")
                .endsWith("finished during the shutdown");
        assertThat(events).containsExactlyInAnyOrder("shutdown", "shutdown", "cleanup", "cleanup");
        assertThat(ourThreads()).isEmpty();
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void aHandlerStillRunningAfterTheShutdownTimeoutIsCancelled(boolean fallback) throws Exception {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        CompletableFuture<Void> entered = new CompletableFuture<>();
        Site site = start(() -> {
            Application app = new Application();
            app.router().get("/stuck", request -> {
                entered.complete(null);
                try {
                    Asyncio.sleep(30).await();
                } catch (io.asyncio4j.CancelledError e) {
                    outcome.complete("cancelled");
                    throw e;
                }
                return Response.text("late");
            });
            return app;
        }, 0, 2, fallback, ServerOptions.DEFAULT.withShutdownTimeout(0.2));
        CompletableFuture.runAsync(() -> {
            try {
                get(site.port(), "/stuck");
            } catch (IOException ignored) {
                // the connection is closed without an answer
            }
        });
        entered.get(10, TimeUnit.SECONDS);
        closeAndWait(site);
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo("cancelled");
        assertThat(ourThreads()).isEmpty();
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void anOpenWebSocketGets1001WhenTheWorkersShutDown(boolean fallback) {
        Site site = start(() -> {
            Application app = new Application();
            app.router().get("/ws", request -> {
                WebSocketResponse ws = new WebSocketResponse();
                ws.prepare(request).await();
                for (WSMessage msg : ws) {
                    if (msg.type() == WSMsgType.TEXT) {
                        ws.sendStr("echo " + msg.str()).await();
                    }
                }
                return ws;
            });
            return app;
        }, 0, 2, fallback);
        List<Object> got = Asyncio.run(() -> {
            try (ClientSession session = new ClientSession()) {
                ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:" + site.port() + "/ws").await();
                ws.sendStr("one").await();
                String echoed = ws.receiveStr().await();
                site.close();
                WSMessage after = ws.receive().await();
                site.waitClosed().await();
                return List.of(echoed, after.type(), after.code(), after.extra());
            }
        });
        assertThat(got).containsExactly("echo one", WSMsgType.CLOSE, 1001, "Server shutdown");
        assertThat(ourThreads()).isEmpty();
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void aWorkerWhoseFactoryFailsIsReportedAndTheOthersServe(boolean fallback) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Supplier<Application> naming = namingApp(new CopyOnWriteArrayList<>());
        Site site;
        List<LogRecord> records;
        try (LogCapture log = new LogCapture("io.asyncio4j.http.web")) {
            site = start(() -> {
                if (calls.incrementAndGet() == 2) {
                    throw new IllegalStateException("no application for you");
                }
                return naming.get();
            }, 0, 3, fallback);
            records = log.records();
        }
        Set<String> servedBy = new TreeSet<>();
        try {
            for (int i = 0; i < 24; i++) {
                servedBy.add(body(get(site.port(), "/")));
            }
        } finally {
            closeAndWait(site);
        }
        // which worker got the failing call depends on the start's order (the fallback starts them together)
        assertThat(servedBy).hasSize(2).isSubsetOf("asyncio4j-worker-1", "asyncio4j-worker-2", "asyncio4j-worker-3");
        assertThat(records).anySatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(r.getMessage()).contains("failed to start");
            assertThat(r.getThrown()).hasMessage("no application for you");
        });
        assertThat(ourThreads()).isEmpty();
    }

    /** A handler that stops its worker's loop: the loop ends with an exception, as if something escaped it. */
    static Supplier<Application> dyingApp() {
        return () -> {
            Application app = new Application();
            app.router().get("/", request -> Response.text(loopThreadName().await()));
            app.router().get("/die", request -> { // /die?who=asyncio4j-worker-N: only that worker dies
                if (!loopThreadName().await().equals(request.query("who"))) {
                    return Response.text("not me");
                }
                Asyncio.getRunningLoop().stop();
                return Response.text("dying");
            });
            return app;
        };
    }

    /** Sends /die until the worker named {@code victim} has taken one (the kernel or the turn picks the worker). */
    static void kill(int port, Site site, String victimPrefix) throws Exception {
        for (int i = 0; i < 200; i++) {
            Worker victim = site.workersForTests().stream().filter(w -> w.name.startsWith(victimPrefix)).findFirst()
                    .orElseThrow();
            if (victim.ended.isDone()) {
                return;
            }
            try {
                get(port, "/die?who=" + victimPrefix);
            } catch (IOException dropped) {
                // the dying worker drops the connection
            }
            try {
                victim.ended.get(50, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                // another worker took it: try again
            } catch (java.util.concurrent.ExecutionException died) {
                return;
            }
        }
        throw new AssertionError(victimPrefix + " never died");
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void aWorkerThatDiesIsReportedAndTheOthersKeepServing(boolean fallback) throws Exception {
        Site site = start(dyingApp(), 0, 2, fallback);
        List<LogRecord> records;
        Set<String> servedBy = new TreeSet<>();
        List<RawClient> onTheVictim = new ArrayList<>();
        try (LogCapture log = new LogCapture("io.asyncio4j.http.web")) {
            for (int i = 0; i < 16; i++) { // idle keep-alive connections, some on the worker about to die
                RawClient c = new RawClient(site.port());
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                if (c.read().text().equals("asyncio4j-worker-1")) {
                    onTheVictim.add(c);
                } else {
                    c.close();
                }
            }
            assertThat(onTheVictim).isNotEmpty(); // the turn gives it 8, the kernel's hash about as many
            kill(site.port(), site, "asyncio4j-worker-1");
            site.workersForTests().get(0).join();
            for (RawClient c : onTheVictim) { // the dead worker's connections are closed, not left open
                assertThat(c.in.read()).isEqualTo(-1);
                c.close();
            }
            for (int i = 0; i < 32; i++) { // every new connection now reaches worker 2
                servedBy.add(body(get(site.port(), "/")));
            }
            records = log.records();
        } finally {
            closeAndWait(site);
        }
        assertThat(servedBy).containsExactly("asyncio4j-worker-2");
        assertThat(records).anySatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(r.getMessage()).contains("asyncio4j-worker-1 died").contains("1 worker(s) still serving");
        });
        assertThat(ourThreads()).isEmpty();
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void runAppEndsWithTheErrorOnceEveryWorkerHasDied(boolean fallback) throws Exception {
        if (!fallback) {
            assumeTrue(Net.reusePortSupported(), "no SO_REUSEPORT here");
        }
        Workers.forceFallback = fallback;
        CompletableFuture<Site> started = new CompletableFuture<>();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try (LogCapture quiet = new LogCapture("io.asyncio4j.http.web")) {
                Web.runApp(Web.start(dyingApp(), "127.0.0.1", 0, 2, ServerOptions.DEFAULT), "127.0.0.1", started,
                        new CompletableFuture<>(), null);
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        });
        Site site = started.get(20, TimeUnit.SECONDS);
        kill(site.port(), site, "asyncio4j-worker-1");
        kill(site.port(), site, "asyncio4j-worker-2");
        Throwable e = ended.get(20, TimeUnit.SECONDS);
        runner.join();
        assertThat(e).isNotNull().isNotInstanceOf(java.util.concurrent.CompletionException.class)
                .hasMessageContaining("stopped"); // the first death's own exception
        assertThat(ourThreads()).isEmpty();
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void runAppServesUntilStoppedThenShutsEveryWorkerDown(boolean fallback) throws Exception {
        if (!fallback) {
            assumeTrue(Net.reusePortSupported(), "no SO_REUSEPORT here");
        }
        Workers.forceFallback = fallback;
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Site> started = new CompletableFuture<>();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                Web.runApp(Web.start(namingApp(events), "127.0.0.1", 0, 2, ServerOptions.DEFAULT), "127.0.0.1",
                        started, stop, null);
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        });
        Site site = started.get(20, TimeUnit.SECONDS);
        assertThat(get(site.port(), "/")).startsWith("HTTP/1.1 200");
        stop.complete(null);
        assertThat(ended.get(20, TimeUnit.SECONDS)).isNull();
        runner.join();
        assertThat(events).filteredOn(x -> x.startsWith("cleanup ")).hasSize(2);
        assertThat(ourThreads()).isEmpty();
    }

    @Test
    void whenNoWorkerStartsTheStartFailsWithTheFirstFailure() {
        try (LogCapture quiet = new LogCapture("io.asyncio4j.http.web")) {
            noWorkerStarts();
        }
    }

    private static void noWorkerStarts() {
        assertThatThrownBy(() -> start(() -> {
            throw new IllegalStateException("broken factory");
        }, 0, 2, true)).isInstanceOf(IllegalStateException.class).hasMessage("broken factory")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        assertThatThrownBy(() -> start(() -> null, 0, 1, true)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("the application factory returned null");
        assumeTrue(Net.reusePortSupported());
        assertThatThrownBy(() -> start(() -> {
            throw new IllegalStateException("broken factory");
        }, 0, 2, false)).isInstanceOf(IllegalStateException.class).hasMessage("broken factory");
        assertThat(ourThreads()).isEmpty();
    }

    @Test
    void aPortHeldByAnotherSocketFailsTheStartNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(); LogCapture quiet = new LogCapture("io.asyncio4j.http.web")) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            for (boolean fallback : Net.reusePortSupported() ? new boolean[] {false, true} : new boolean[] {true}) {
                assertThatThrownBy(() -> start(namingApp(new CopyOnWriteArrayList<>()), taken.getLocalPort(), 2,
                        fallback)).isInstanceOf(java.io.UncheckedIOException.class)
                        .hasMessageContaining(":" + taken.getLocalPort());
            }
        }
        assertThat(ourThreads()).isEmpty();
    }

    @Test
    void badArgumentsAreRejectedAtOnceNamingTheProblem() {
        Supplier<Application> f = Application::new;
        assertThatThrownBy(() -> Web.start(f, "127.0.0.1", 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers must be at least 1, not 0");
        assertThatThrownBy(() -> Web.start(f, "127.0.0.1", 0, -3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workers");
        assertThatThrownBy(() -> Web.runApp(f, "127.0.0.1", 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workers must be at least 1");
        assertThatThrownBy(() -> Web.start(f, "127.0.0.1", 65536, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
        assertThatThrownBy(() -> Web.start((Supplier<Application>) null, "127.0.0.1", 0, 2))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("appFactory");
        assertThatThrownBy(() -> Web.start(f, "127.0.0.1", 0, 2, null)).isInstanceOf(NullPointerException.class);
        assertThat(ourThreads()).isEmpty();
    }

    @Test
    void theFallbackIsLoggedOnceAsAWarning() throws Exception {
        Workers.fallbackNoticeToldForTests(false);
        List<LogRecord> records;
        try (LogCapture log = new LogCapture("io.asyncio4j.http.web")) {
            closeAndWait(start(namingApp(new CopyOnWriteArrayList<>()), 0, 2, true));
            closeAndWait(start(namingApp(new CopyOnWriteArrayList<>()), 0, 2, true));
            records = log.records();
        }
        assertThat(records).filteredOn(r -> r.getMessage().contains("SO_REUSEPORT")).singleElement()
                .satisfies(r -> {
                    assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                    assertThat(r.getMessage()).contains("one acceptor thread");
                });
    }

    @Test
    void oneSiteWithReusePortSharesItsPortWithAnother() throws Exception {
        assumeTrue(Net.reusePortSupported(), "no SO_REUSEPORT here");
        assertThat(ServerOptions.DEFAULT.reusePort()).isFalse();
        ServerOptions reuse = ServerOptions.DEFAULT.withReusePort(true).withShutdownTimeout(1);
        assertThat(reuse.reusePort()).isTrue();
        assertThat(reuse.withKeepaliveTimeout(5).reusePort()).isTrue();
        Asyncio.run(() -> {
            Application a = new Application();
            a.router().get("/", r -> Response.text("a"));
            Application b = new Application();
            b.router().get("/", r -> Response.text("b"));
            Site first = Web.start(a, "127.0.0.1", 0, reuse).await();
            Site second = Web.start(b, "127.0.0.1", first.port(), reuse).await();
            assertThat(second.port()).isEqualTo(first.port());
            first.shutdown(0).await();
            String answer = Asyncio.toThread(() -> body(get(second.port(), "/"))).await();
            assertThat(answer).isEqualTo("b");
            second.shutdown(0).await();
            return null;
        });
    }
}
