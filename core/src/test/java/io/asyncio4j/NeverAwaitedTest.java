package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CPython's "RuntimeWarning: coroutine 'Queue.put' was never awaited": a coroutine of the library that nobody awaits
 * is reported to the loop's exception handler, by its name, with where it was made; one that is awaited, handed to a
 * task, or kept and awaited later is not.
 */
@Timeout(30)
class NeverAwaitedTest {
    /** Runs {@code main} with a handler that keeps every report; returns the reports. */
    private static List<Map<String, Object>> reports(boolean debug, Coro<Void> main) {
        List<Map<String, Object>> seen = new ArrayList<>();
        try (Runner r = new Runner().debug(debug)) {
            r.run(() -> {
                Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> seen.add(ctx));
                return main.await();
            });
        }
        return seen;
    }

    @Test
    void aQueuePutWithoutAwaitIsReportedByNameWithTheMethodThatMadeIt() {
        Queue<String> q = new Queue<>();
        List<Map<String, Object>> seen = reports(false, () -> {
            forgetToAwait(q);
            return null;
        });
        assertThat(q.qsize()).as("the put did nothing").isZero();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).get("message")).isEqualTo("coroutine 'Queue.put' was never awaited");
        Throwable where = (Throwable) seen.get(0).get("exception");
        assertThat(where).hasMessageStartingWith("coroutine 'Queue.put' was never awaited (created in task ");
        assertThat(where.getStackTrace()[0].getMethodName()).as("the method that made it, at the next await")
                .isEqualTo("forgetToAwait");
    }

    private static void forgetToAwait(Queue<String> q) {
        q.put("lost");               // the mistake: no .await()
        Asyncio.sleep(0.01).await(); // the task goes on, and suspends
    }

    @Test
    void inDebugModeTheReportShowsTheLineThatMadeIt() {
        Lock lock = new Lock();
        int[] line = new int[1];
        List<Map<String, Object>> seen = reports(true, () -> {
            line[0] = new Throwable().getStackTrace()[0].getLineNumber() + 1;
            lock.acquire();
            return null;
        });
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).get("message")).isEqualTo("coroutine 'Lock.acquire' was never awaited");
        Throwable where = (Throwable) seen.get(0).get("exception");
        assertThat(where.getStackTrace()[0].getLineNumber()).isEqualTo(line[0]);
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void awaitedHandedToATaskGatheredOrKeptForLaterIsNotReported() {
        Queue<Integer> q = new Queue<>();
        List<Map<String, Object>> seen = reports(false, () -> {
            q.put(1).await();                                   // awaited at once
            Asyncio.createTask(q.put(2)).await();               // handed to a task
            Asyncio.gather(q.put(3), Asyncio.sleep(0.01)).await(); // gathered
            Coro<Void> later = q.put(4);                        // kept across a suspension...
            Asyncio.sleep(0.01).await();
            later.await();                                      // ...and awaited after it
            Coro<Void> named = Coro.named("mine", () -> null);  // a program's own, used through a wrapper
            Asyncio.waitFor(named, 1.0).await();
            return null;
        });
        assertThat(seen).isEmpty();
        assertThat(q.qsize()).isEqualTo(4);
    }

    @Test
    void aCoroutineKeptButNeverAwaitedIsReportedOnceAtCloseThenNotAgainWhenCollected() {
        List<Object> kept = new ArrayList<>();
        List<Map<String, Object>> seen = reports(false, () -> {
            kept.add(Asyncio.sleep(1));
            Asyncio.sleep(0.01).await();
            return null;
        });
        assertThat(seen).extracting(c -> c.get("message"))
                .containsExactly("coroutine 'Asyncio.sleep' was never awaited");
        kept.clear();
        GcRounds.outsideLoop(20);
        assertThat(seen).as("reported once").hasSize(1);
    }

    @Test
    void aCollectedCoroutineIsReportedWhileTheLoopRuns() {
        List<Map<String, Object>> seen = new ArrayList<>();
        try (Runner r = new Runner()) {
            r.run(() -> {
                Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> seen.add(ctx));
                dropOne();
                GcRounds.inTask(500, () -> !seen.isEmpty());
                assertThat(seen).as("reported at its collection, before the loop closes").hasSize(1);
                return null;
            });
        }
        assertThat(seen).extracting(c -> c.get("message"))
                .containsExactly("coroutine 'Event.waitSet' was never awaited");
    }

    private static void dropOne() {
        new Event().waitSet(); // made and dropped
        Asyncio.sleep(0).await();
    }

    @Test
    void aTaskThatReturnsWithoutAwaitingSaysSo() {
        List<Map<String, Object>> seen = reports(false, () -> {
            Asyncio.createTask(() -> {
                new Queue<Integer>().get();
                return null;
            }, "forgetful").await();
            return null;
        });
        assertThat(seen).hasSize(1);
        assertThat((Throwable) seen.get(0).get("exception"))
                .hasMessage("coroutine 'Queue.get' was never awaited (created in task 'forgetful', which returned "
                        + "without it)");
    }

    @Test
    void aStepThatMakesAndAwaitsManyKeepsOneSlot() {
        Queue<Integer> q = new Queue<>();
        List<Map<String, Object>> seen = reports(false, () -> {
            for (int i = 0; i < 100_000; i++) {
                q.put(i).await(); // never suspends: an unbounded queue
            }
            return null;
        });
        assertThat(seen).isEmpty();
        assertThat(q.qsize()).isEqualTo(100_000);
    }
}
