package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.management.TaskDump;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The task dump behind {@code ./asyncio4j ps} (its text format; the tools module parses it): every live loop, read by
 * itself when it answers, read from outside when its thread is stuck, and idle loops; closed loops left out.
 */
@org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class TaskSnapshotsTest {
    static Void parked(Future<?> f) {
        f.await();
        return null;
    }

    /** The records of the loop whose thread is {@code thread}, from its {@code L} line to the next one. */
    static List<String> loopRecords(String dump, Thread thread) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : dump.split("\n")) {
            if (line.startsWith("L\t")) {
                in = line.startsWith("L\t" + thread.threadId() + "\t");
            }
            if (in) {
                out.add(line);
            }
        }
        return out;
    }

    /** Runs a loop on a new thread with a task "worker\tname" parked on a future, awaited by "boss"; then {@code stuck}. */
    static Thread runLoop(CountDownLatch ready, CountDownLatch release, boolean stuck) {
        return Thread.ofPlatform().name("dump-loop").start(() -> Asyncio.run(() -> {
            Future<Void> f = Asyncio.getRunningLoop().createFuture();
            Task<Void> worker = Asyncio.createTask(() -> parked(f), "worker\tname");
            Task<Void> boss = Asyncio.createTask(() -> {
                worker.await();
                return null;
            }, "boss");
            Asyncio.sleep(0).await();
            Asyncio.getRunningLoop().callSoon(() -> {
                ready.countDown();
                if (stuck) {
                    try {
                        release.await(); // holds the loop's thread: the dump must read it from outside
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            if (!stuck) {
                Asyncio.toThread(() -> {
                    release.await();
                    return null;
                }).await();
            }
            f.setResult(null);
            boss.await();
            return null;
        }));
    }

    void dumpOf(boolean stuck, String how) throws Exception {
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread t = runLoop(ready, release, stuck);
        try {
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            String dump = new TaskDump().dump();
            // A loop that answers does so within 250 ms; on a machine too loaded for that, ask again.
            for (int i = 0; i < 5 && !stuck && !loopRecords(dump, t).get(0).endsWith("\t" + how); i++) {
                dump = new TaskDump().dump();
            }
            assertThat(dump).startsWith("asyncio4j-tasks 1\n").endsWith("\n");
            List<String> mine = loopRecords(dump, t);
            assertThat(mine.get(0)).isEqualTo("L\t" + t.threadId() + "\tdump-loop\t" + how);
            // Three tasks: the main one, the worker (its name escaped), the boss awaiting the worker.
            List<String> tasks = mine.stream().filter(l -> l.startsWith("T\t")).toList();
            assertThat(tasks).hasSize(3);
            assertThat(tasks.get(1)).endsWith("\tworker\\tname");
            assertThat(tasks.get(2)).endsWith("\tboss");
            String workerId = tasks.get(1).split("\t")[1];
            String bossId = tasks.get(2).split("\t")[1];
            int w = mine.indexOf(tasks.get(1));
            assertThat(mine.get(w + 1)).matches("F\tTaskSnapshotsTest\\.parked\tio/asyncio4j/TaskSnapshotsTest\\.java\t\\d+");
            assertThat(mine.subList(w + 1, mine.indexOf(tasks.get(2)))).contains("A\t" + bossId)
                    .allMatch(l -> l.startsWith("F\t") || l.startsWith("A\t"));
            assertThat(workerId).matches("[0-9a-f]+");
        } finally {
            release.countDown();
            t.join();
        }
        // Closed: gone from the dump.
        assertThat(loopRecords(new TaskDump().dump(), t)).isEmpty();
    }

    @Test
    void aLoopThatAnswersDescribesItself() throws Exception {
        dumpOf(false, "cooperative");
    }

    @Test
    void aStuckLoopIsReadFromOutside() throws Exception {
        dumpOf(true, "direct");
    }

    @Test
    void anIdleLoopIsReadAndAClosedOneIsNot() {
        EventLoop loop = Asyncio.newEventLoop();
        AtomicReference<Task<?>> task = new AtomicReference<>();
        Future<Void> never = loop.createFuture();
        try {
            loop.runUntilComplete(Coro.named("t", () -> {
                task.set(Asyncio.createTask(() -> parked(never), "idle-task"));
                Asyncio.sleep(0).await();
                return null;
            }));
            String dump = new TaskDump().dump();
            List<String> mine = loopRecords(dump, Thread.currentThread());
            assertThat(mine.get(0)).endsWith("\tidle");
            assertThat(mine).anyMatch(l -> l.startsWith("T\t") && l.endsWith("\tidle-task"));
        } finally {
            never.setResult(null);
            loop.runUntilComplete(Coro.named("end", () -> task.get().await()));
            loop.close();
        }
        assertThat(loopRecords(new TaskDump().dump(), Thread.currentThread())).isEmpty();
    }

    @Test
    void escapeLeavesOnlyTabsAndNewlinesAsSeparators() {
        assertThat(TaskSnapshots.escape("a\\b\tc\nd\re")).isEqualTo("a\\\\b\\tc\\nd\\re");
        assertThat(TaskSnapshots.escape("plain")).isSameAs("plain");
    }
}
