package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two tasks share one blocking client whose socket is guarded by a lock, as JDBC drivers and most legacy clients do
 * ({@code synchronized (conn) { write; read; }}): task A takes the guard and blocks in a socket read, task B asks for
 * the guard. On the fast carrier A's read parks only A, so B's wait for the guard must not hold the loop's thread,
 * or A's resumption, queued on the loop, never runs and every task stops. On the portable carrier the loop waits for
 * A's read, then B takes the guard. Both carriers must finish, with each task's own answer.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SharedBlockingClientTest {
    static final boolean FAST = "fast".equals(System.getProperty("asyncio4j.carrier"));

    /** A blocking client: one socket, request and answer lines. */
    static final class LineClient implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final BufferedReader in;

        LineClient(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            out = socket.getOutputStream();
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        }

        String call(String request) throws IOException {
            out.write((request + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * A peer that answers each line with {@code ok:LINE}, but holds its first answer until {@code release} says so
     * (or two seconds passed): the test releases it once task B waits for the guard, so that A is still blocked in
     * its read when B arrives.
     */
    static void answeringPeer(ServerSocket server, BooleanSupplier release) {
        Thread.ofPlatform().daemon().start(() -> {
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                boolean first = true;
                String line;
                while ((line = in.readLine()) != null) {
                    if (first) {
                        awaitRelease(release);
                        first = false;
                    }
                    out.write(("ok:" + line + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // the test closed the client
            }
        });
    }

    static void awaitRelease(BooleanSupplier release) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!release.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether {@code t} waits for a lock or a monitor (on the portable carrier B only runs after A). */
    static BooleanSupplier waiting(AtomicReference<Thread> t) {
        return () -> !FAST || (t.get() != null && switch (t.get().getState()) {
            case BLOCKED, WAITING, TIMED_WAITING -> true;
            default -> false;
        });
    }

    /** A guard around the client: {@code synchronized}, a lock... */
    interface Guard {
        String under(Callable<String> body) throws Exception;
    }

    /**
     * The program: A calls under the guard, B created 0.1 s later calls under the same guard, and a third
     * task ticks. Returns the answers, then how often the ticker ran while B waited for the guard.
     */
    static List<Object> twoTasksShareOneClient(Guard guard) throws Exception {
        AtomicReference<Thread> b = new AtomicReference<>();
        int[] ticks = {0};
        try (ServerSocket server = new ServerSocket(0)) {
            answeringPeer(server, waiting(b));
            try (LineClient client = new LineClient(server.getLocalPort())) {
                return Asyncio.run(() -> {
                    Task<Void> ticker = Asyncio.createTask(() -> {
                        while (true) {
                            Asyncio.sleep(0).await();
                            ticks[0]++;
                        }
                    });
                    Task<String> taskA = Asyncio.createTask(() -> guard.under(() -> client.call("a")));
                    Asyncio.sleep(0.1).await();
                    int[] ticksWhileBWaited = {0};
                    Task<String> taskB = Asyncio.createTask(() -> {
                        b.set(Thread.currentThread());
                        int before = ticks[0];
                        return guard.under(() -> {
                            ticksWhileBWaited[0] = ticks[0] - before;
                            return client.call("b");
                        });
                    });
                    List<Object> r = List.of(taskA.await(), taskB.await(), ticksWhileBWaited[0]);
                    ticker.cancel();
                    return r;
                });
            }
        }
    }

    static void assertBothAnswered(List<Object> result) {
        assertThat(result.subList(0, 2)).containsExactly("ok:a", "ok:b");
        if (FAST) {
            assertThat((int) result.get(2)).as("the loop ran the ticker while B waited for the guard").isPositive();
        }
    }

    @Test
    void aSharedClientGuardedBySynchronizedDoesNotStopTheLoop() throws Exception {
        Object conn = new Object();
        assertBothAnswered(twoTasksShareOneClient(body -> {
            synchronized (conn) {
                return body.call();
            }
        }));
    }

    @Test
    void aSharedClientGuardedByAReentrantLockDoesNotStopTheLoop() throws Exception {
        ReentrantLock guard = new ReentrantLock();
        assertBothAnswered(twoTasksShareOneClient(body -> {
            guard.lock();
            try {
                return body.call();
            } finally {
                guard.unlock();
            }
        }));
    }

    /**
     * No guard of the application's: B waits for the socket's own read lock inside the JDK, held by A blocked in its
     * read. The loop must wait for B there (a JDK lock may be one its own thread needs), and it resumes A meanwhile.
     */
    @Test
    void twoTasksReadingOneSocketWaitForTheJdksReadLockWithoutStoppingTheLoop() throws Exception {
        AtomicReference<Thread> b = new AtomicReference<>();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread.ofPlatform().daemon().start(() -> {
                try (Socket s = server.accept()) {
                    awaitRelease(waiting(b));
                    s.getOutputStream().write('1');
                    s.getOutputStream().flush();
                    Thread.sleep(20);
                    s.getOutputStream().write('2');
                    s.getInputStream().read(); // until the client closes
                } catch (IOException | InterruptedException e) {
                    // the test ended
                }
            });
            try (Socket client = new Socket("127.0.0.1", server.getLocalPort())) {
                InputStream in = client.getInputStream();
                List<Integer> got = Asyncio.run(() -> {
                    Task<Integer> taskA = Asyncio.createTask(in::read);
                    Asyncio.sleep(0.1).await();
                    Task<Integer> taskB = Asyncio.createTask(() -> {
                        b.set(Thread.currentThread());
                        return in.read();
                    });
                    return List.of(taskA.await(), taskB.await());
                });
                assertThat(got).containsExactly((int) '1', (int) '2');
            }
        }
    }
}
