package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which blocking JDK calls in a task park only that task on the fast carrier (the list in docs/python-to-java.md,
 * "Blocking calls inside a task"): each test has a task wait in the JDK for something only another task of the same loop gives, which
 * finishes only if the loop ran the other task meanwhile. What blocks the loop on both carriers is tested too.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BlockingJdkCallsTest {
    static final boolean FAST = "fast".equals(System.getProperty("asyncio4j.carrier"));

    interface Wait {
        Object await() throws Exception;
    }

    /** A waits in the JDK; B, a later task, gives what A waits for; A's result. */
    static Object waitGivenByAnotherTask(Wait wait, Runnable give) {
        return Asyncio.run(() -> {
            Task<Object> a = Asyncio.createTask(wait::await);
            Task<Void> b = Asyncio.createTask(() -> {
                Asyncio.sleep(0).await();
                give.run();
                return null;
            });
            b.await();
            return a.await();
        });
    }

    @Test
    void objectWaitParksOnlyTheTask() {
        assumeTrue(FAST, "the fast carrier only: the portable carrier blocks the loop");
        Object monitor = new Object();
        boolean[] flag = {false};
        Object r = waitGivenByAnotherTask(() -> {
            synchronized (monitor) {
                while (!flag[0]) {
                    monitor.wait();
                }
            }
            return "notified";
        }, () -> {
            synchronized (monitor) {
                flag[0] = true;
                monitor.notifyAll();
            }
        });
        assertThat(r).isEqualTo("notified");
    }

    @Test
    void completableFutureGetAndJoinParkOnlyTheTask() {
        assumeTrue(FAST, "the fast carrier only: the portable carrier blocks the loop");
        CompletableFuture<String> cf = new CompletableFuture<>();
        assertThat(waitGivenByAnotherTask(cf::get, () -> cf.complete("got"))).isEqualTo("got");
        CompletableFuture<String> cf2 = new CompletableFuture<>();
        assertThat(waitGivenByAnotherTask(cf2::join, () -> cf2.complete("joined"))).isEqualTo("joined");
    }

    @Test
    void blockingQueueTakeParksOnlyTheTask() {
        assumeTrue(FAST, "the fast carrier only: the portable carrier blocks the loop");
        BlockingQueue<String> q = new ArrayBlockingQueue<>(1);
        assertThat(waitGivenByAnotherTask(q::take, () -> q.add("item"))).isEqualTo("item");
    }

    @Test
    void semaphoreLatchAndConditionParkOnlyTheTask() {
        assumeTrue(FAST, "the fast carrier only: the portable carrier blocks the loop");
        Semaphore sem = new Semaphore(0);
        assertThat(waitGivenByAnotherTask(() -> {
            sem.acquire();
            return "acquired";
        }, sem::release)).isEqualTo("acquired");
        CountDownLatch latch = new CountDownLatch(1);
        assertThat(waitGivenByAnotherTask(() -> {
            latch.await();
            return "counted down";
        }, latch::countDown)).isEqualTo("counted down");
        ReentrantLock lock = new ReentrantLock();
        Condition cond = lock.newCondition();
        boolean[] flag = {false};
        assertThat(waitGivenByAnotherTask(() -> {
            lock.lock();
            try {
                while (!flag[0]) {
                    cond.await();
                }
                return "signalled";
            } finally {
                lock.unlock();
            }
        }, () -> {
            lock.lock();
            try {
                flag[0] = true;
                cond.signalAll();
            } finally {
                lock.unlock();
            }
        })).isEqualTo("signalled");
    }

    @Test
    void processWaitForParksOnlyTheTask() throws Exception {
        assumeTrue(FAST, "the fast carrier only: the portable carrier blocks the loop");
        Process cat = new ProcessBuilder("cat").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // cat ends when its input closes, which only the second task does.
            Object r = waitGivenByAnotherTask(cat::waitFor, () -> {
                try {
                    cat.getOutputStream().close();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(r).isEqualTo(0);
        } finally {
            cat.destroyForcibly();
        }
    }

    /**
     * Runs {@code blocking} in the main task while another task ticks; returns how often the ticker ran during the
     * call (0: the call blocked the loop) and the call's result.
     */
    static List<Object> ticksDuring(Wait blocking) {
        return Asyncio.run(() -> {
            int[] ticks = {0};
            Task<Void> ticker = Asyncio.createTask(() -> {
                while (true) {
                    Asyncio.sleep(0).await();
                    ticks[0]++;
                }
            });
            Asyncio.sleep(0).await();
            Asyncio.sleep(0).await();
            int before = ticks[0];
            Object result = blocking.await();
            int during = ticks[0] - before;
            ticker.cancel();
            return java.util.Arrays.asList(during, result);
        });
    }

    /** As {@code time.sleep} in a coroutine blocks CPython's loop: no other task runs during the sleep. */
    @Test
    void threadSleepBlocksTheLoopOnBothCarriers() {
        assertThat(ticksDuring(() -> {
            Thread.sleep(50);
            return null;
        }).get(0)).as("ticks during the sleep").isEqualTo(0);
    }

    /** File I/O is a native call on the loop's thread: a task reading a FIFO nobody writes yet blocks the loop. */
    @Test
    void fileReadsBlockTheLoopOnBothCarriers() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("fifo");
        java.nio.file.Path fifo = dir.resolve("f");
        try {
            assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(50);
                    java.nio.file.Files.write(fifo, new byte[] {42});
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            List<Object> seen = ticksDuring(() -> {
                try (java.io.InputStream in = java.nio.file.Files.newInputStream(fifo)) {
                    return in.read();
                }
            });
            writer.join();
            assertThat(seen).as("ticks during the read, and what it read").containsExactly(0, 42);
        } finally {
            java.nio.file.Files.deleteIfExists(fifo);
            java.nio.file.Files.deleteIfExists(dir);
        }
    }

    /**
     * The classification itself, on the stacks the JDK 25 shows: a lock taken inside the JDK (a PrintStream's, a
     * socket's) keeps the loop waiting, as does {@code Thread.sleep}.
     */
    @Test
    void whereTheLoopMayGoOn() {
        assertThat(BlockedIn.mayLetLoopGoOn(Thread.State.BLOCKED, stack("app.Client.call"))).isTrue();
        assertThat(BlockedIn.mayLetLoopGoOn(Thread.State.BLOCKED,
                stack("java.util.concurrent.ConcurrentHashMap.putVal", "app.Client.call"))).isFalse();
        assertThat(BlockedIn.mayLetLoopGoOn(Thread.State.WAITING, stack("java.lang.VirtualThread.park",
                "java.lang.System$1.parkVirtualThread", "java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
                "java.util.concurrent.locks.ReentrantLock.lock", "app.Client.call"))).isTrue();
        assertThat(BlockedIn.mayLetLoopGoOn(Thread.State.WAITING, stack("java.lang.VirtualThread.park",
                "java.lang.System$1.parkVirtualThread", "java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
                "java.util.concurrent.locks.ReentrantLock.lock", "jdk.internal.misc.InternalLock.lock",
                "java.io.PrintStream.println", "app.Client.call"))).isFalse();
        assertThat(BlockedIn.mayLetLoopGoOn(Thread.State.WAITING, stack("java.lang.VirtualThread.park",
                "java.lang.System$1.parkVirtualThread", "java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.locks.ReentrantLock.lock", "sun.nio.ch.NioSocketImpl.read",
                "java.net.Socket$SocketInputStream.read", "app.Client.call"))).isFalse();
        assertThat(BlockedIn.mayLetLoopGoOn(Thread.State.WAITING, stack("java.lang.VirtualThread.park",
                "java.lang.System$1.parkVirtualThread", "java.util.concurrent.locks.LockSupport.park",
                "sun.nio.ch.Poller.poll", "sun.nio.ch.NioSocketImpl.park", "app.Client.call"))).isTrue();
        assertThat(BlockedIn.mayLetLoopGoOn(Thread.State.WAITING, stack("java.lang.VirtualThread.park",
                "java.lang.System$1.parkVirtualThread", "java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.CompletableFuture.get", "jdk.internal.net.http.HttpClientImpl.send",
                "jdk.internal.net.http.HttpClientFacade.send", "app.Client.call"))).isTrue();
        assertThat(BlockedIn.mayLetLoopGoOn(Thread.State.TIMED_WAITING, stack("java.lang.VirtualThread.parkNanos",
                "java.lang.VirtualThread.sleepNanos", "java.lang.Thread.sleepNanos", "java.lang.Thread.sleep",
                "app.Client.call"))).isFalse();
        assertThat(BlockedIn.mayLetLoopGoOn(Thread.State.RUNNABLE, stack("java.net.Inet6AddressImpl.lookupAllHostAddr",
                "app.Client.call"))).isFalse();
    }

    static StackTraceElement[] stack(String... frames) {
        StackTraceElement[] s = new StackTraceElement[frames.length];
        for (int i = 0; i < frames.length; i++) {
            int dot = frames[i].lastIndexOf('.');
            s[i] = new StackTraceElement(frames[i].substring(0, dot), frames[i].substring(dot + 1), null, -1);
        }
        return s;
    }
}
