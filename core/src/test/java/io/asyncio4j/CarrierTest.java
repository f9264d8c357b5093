package io.asyncio4j;

import static io.asyncio4j.VirtualTime.run;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The carrier contract. A task blocked in the JDK keeps the whole loop waiting on the portable carrier; on the fast
 * carrier only where {@link BlockedIn} says so (a lock of the application's, socket I/O and the JDK's waiting APIs
 * park only the task: see {@code BlockingJdkCallsTest}).
 */
@Timeout(30)
class CarrierTest {
    static final boolean FAST = "fast".equals(System.getProperty("asyncio4j.carrier"));


    /** The hint names the flag that reaches this library: ALL-UNNAMED on the class path, its module's name else. */
    @Test
    void theHintNamesTheFlagForTheWayTheLibraryIsLoaded() {
        assertThat(Carrier.enableFast(ClassLoader.getSystemClassLoader().getUnnamedModule()))
                .isEqualTo("--add-opens java.base/java.lang=ALL-UNNAMED");
        assertThat(Carrier.enableFast(Object.class.getModule())).isEqualTo("--add-opens java.base/java.lang=java.base");
        // The tests run on the class path: the library is in the unnamed module.
        assertThat(Carrier.ENABLE_FAST).isEqualTo("--add-opens java.base/java.lang=ALL-UNNAMED");
    }

    @Test
    void virtualThreadsThatATaskStartsAreNotTasksAndRunBesideTheLoop() {
        List<Object> seen = run(() -> {
            java.util.concurrent.CompletableFuture<List<Object>> child = new java.util.concurrent.CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                // Inherits the task's scheduler in the JDK; asyncio4j hands it to the JDK's default one.
                child.complete(List.of(Asyncio.currentTask() == null, Thread.currentThread().isVirtual()));
            });
            List<Object> r = new ArrayList<>(Asyncio.wrapFuture(child).await());
            r.add(Asyncio.currentTask() != null);
            return r;
        });
        assertThat(seen).containsExactly(true, true, true);
    }

    @Test
    void carrierMatchesTheSystemProperty() {
        Asyncio.run(() -> {
            Task<?> t = Asyncio.currentTask();
            String mode = System.getProperty(Carrier.PROPERTY, "auto");
            boolean fastPossible = FastCarrier.UNAVAILABLE == null;
            Carrier expected = mode.equals("portable") || !fastPossible ? PortableCarrier.INSTANCE
                    : FastCarrier.INSTANCE;
            assertThat(t.loop.carrier()).isSameAs(expected);
            return null;
        });
    }

    @Test
    void unknownCarrierNameIsRefused() {
        String old = System.getProperty(Carrier.PROPERTY);
        System.setProperty(Carrier.PROPERTY, "turbo");
        try {
            assertThatThrownBy(() -> Carrier.choose(Thread.currentThread()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("auto, fast or portable").hasMessageContaining("turbo");
        } finally {
            if (old == null) {
                System.clearProperty(Carrier.PROPERTY);
            } else {
                System.setProperty(Carrier.PROPERTY, old);
            }
        }
    }

    @Test
    void taskBlockedOnAContendedLockParksOnlyItselfOnTheFastCarrierAndBlocksThePortableLoop() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            lock.lock();
            try {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        held.await();
        List<String> out = new ArrayList<>();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Task<Void> blocker = Asyncio.createTask(() -> {
                out.add("blocker wants lock");
                // Let the holder go a little later, from another thread: on the portable carrier nothing else of the
                // loop may run meanwhile; on the fast one the loop runs the others while the task waits.
                Thread.ofPlatform().start(() -> {
                    sleepQuietly(50);
                    release.countDown();
                });
                lock.lock();
                try {
                    out.add("blocker has lock");
                } finally {
                    lock.unlock();
                }
                return null;
            });
            loop.callSoon(() -> out.add("callback"));
            Task<Void> other = Asyncio.createTask(() -> {
                out.add("other");
                return null;
            });
            blocker.await();
            other.await();
            return null;
        });
        holder.join();
        if (FAST) {
            assertThat(out).containsExactly("blocker wants lock", "callback", "other", "blocker has lock");
        } else {
            assertThat(out).containsExactly("blocker wants lock", "blocker has lock", "callback", "other");
        }
    }

    @Test
    void taskBlockedOnAContendedMonitorParksOnlyItselfOnTheFastCarrierAndBlocksThePortableLoop() throws Exception {
        Object monitor = new Object();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            synchronized (monitor) {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        held.await();
        List<String> out = new ArrayList<>();
        run(() -> {
            Task<Void> blocker = Asyncio.createTask(() -> {
                out.add("enter");
                Thread.ofPlatform().start(() -> {
                    sleepQuietly(50);
                    release.countDown();
                });
                synchronized (monitor) {
                    out.add("inside");
                }
                return null;
            });
            Asyncio.getRunningLoop().callSoon(() -> out.add("callback"));
            blocker.await();
            return null;
        });
        holder.join();
        if (FAST) {
            assertThat(out).containsExactly("enter", "callback", "inside");
        } else {
            assertThat(out).containsExactly("enter", "inside", "callback");
        }
    }

    @Test
    void threadSleepInATaskBlocksTheLoopLikeTimeSleep() {
        List<String> out = new ArrayList<>();
        run(() -> {
            Task<Void> sleeper = Asyncio.createTask(() -> {
                out.add("sleeping");
                Thread.sleep(20);
                out.add("woke");
                Thread.yield(); // not a suspension point either
                out.add("after yield");
                return null;
            });
            Asyncio.getRunningLoop().callSoon(() -> out.add("callback"));
            sleeper.await();
            return null;
        });
        assertThat(out).containsExactly("sleeping", "woke", "after yield", "callback");
    }

    @Test
    void interruptingATaskThreadDoesNotDisturbAwait() {
        List<String> out = run(() -> {
            List<String> seen = new ArrayList<>();
            Thread.currentThread().interrupt();
            Asyncio.sleep(1).await();
            seen.add("slept, interrupted=" + Thread.currentThread().isInterrupted());
            Thread.interrupted();
            return seen;
        });
        assertThat(out).containsExactly("slept, interrupted=true");
    }

    @Test
    void foreignUnparkOfASuspendedTaskIsIgnored() {
        AtomicReference<Thread> taskThread = new AtomicReference<>();
        List<String> out = new ArrayList<>();
        run(() -> {
            Future<String> fut = Asyncio.getRunningLoop().createFuture();
            Task<Void> waiter = Asyncio.createTask(() -> {
                taskThread.set(Thread.currentThread());
                out.add("got " + fut.await());
                return null;
            });
            Asyncio.sleep(0).await();
            Thread unparker = Thread.ofPlatform().start(() -> java.util.concurrent.locks.LockSupport.unpark(taskThread.get()));
            unparker.join();
            Asyncio.sleep(0).await();
            Asyncio.sleep(0).await();
            out.add("waiter done=" + waiter.done());
            fut.setResult("value");
            waiter.await();
            return null;
        });
        assertThat(out).containsExactly("waiter done=false", "got value");
    }

    @Test
    void loopOnAVirtualThreadRunsTasks() throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread vt = Thread.ofVirtual().start(() -> {
            try {
                result.set(Asyncio.run(() -> {
                    Task<Integer> t = Asyncio.createTask(() -> {
                        Asyncio.sleep(0).await();
                        return 7;
                    });
                    return t.await() * 6;
                }));
            } catch (Throwable e) {
                result.set(e);
            }
        });
        assertThat(vt.join(java.time.Duration.ofSeconds(20))).isTrue();
        if ("fast".equals(System.getProperty(Carrier.PROPERTY))) {
            assertThat(result.get()).isInstanceOf(IllegalStateException.class);
            assertThat(((Throwable) result.get()).getMessage()).contains("platform thread");
        } else {
            assertThat(result.get()).isEqualTo(42);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
