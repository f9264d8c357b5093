package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class UnretrievedExceptionTest {

    @Test
    void forgottenFailedTaskIsReportedToTheExceptionHandler() {
        List<Map<String, Object>> seen = new ArrayList<>();
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            loop.setExceptionHandler((l, ctx) -> seen.add(ctx));
            spawnAndForget();
            GcRounds.inTask(500, () -> !seen.isEmpty());
            return null;
        });
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).get("message")).isEqualTo("Task exception was never retrieved");
        assertThat((Throwable) seen.get(0).get("exception")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("forgotten");
        assertThat(seen.get(0).get("future").toString())
                .isEqualTo("<Task finished name='forgotten' exception=IllegalArgumentException('forgotten')>");
    }

    @Test
    void retrievedExceptionIsNotReported() {
        List<Map<String, Object>> seen = new ArrayList<>();
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> seen.add(ctx));
            Task<Void> t = Asyncio.createTask(() -> {
                throw new IllegalArgumentException("seen");
            });
            Asyncio.gather(true, t).await();
            t = null;
            GcRounds.inTask(20, () -> false);
            return null;
        });
        assertThat(seen).isEmpty();
    }

    @Test
    void aFailedTaskStillReferencedIsReportedWhenTheLoopClosesOnceOnly() {
        // CPython reports it as soon as the last reference goes; a short Java program may never collect: the loop's
        // close reports what is left, with the task itself, and a later collection reports nothing more.
        List<Map<String, Object>> seen = new ArrayList<>();
        List<Task<?>> kept = new ArrayList<>();
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> seen.add(ctx));
            kept.add(Asyncio.createTask(() -> {
                throw new IllegalStateException("never awaited");
            }, "kept"));
            Asyncio.sleep(0).await();
            Asyncio.sleep(0).await();
            assertThat(seen).as("not reported while the loop runs and the task is referenced").isEmpty();
            return null;
        });
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).get("message")).isEqualTo("Task exception was never retrieved");
        assertThat(seen.get(0).get("future")).isSameAs(kept.get(0));
        assertThat((Throwable) seen.get(0).get("exception")).hasMessage("never awaited");
        kept.clear();
        GcRounds.outsideLoop(20);
        assertThat(seen).as("reported once: the collection after the close adds nothing").hasSize(1);
    }

    @Test
    void aRetrievedExceptionIsNotReportedAtClose() {
        List<Map<String, Object>> seen = new ArrayList<>();
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> seen.add(ctx));
            Task<Void> t = Asyncio.createTask(() -> {
                throw new IllegalArgumentException("seen");
            });
            Asyncio.sleep(0).await();
            assertThat(t.exception()).hasMessage("seen");
            return null;
        });
        assertThat(seen).isEmpty();
    }

    @Test
    void theDefaultHandlerWritesTheTasksWholeReprUnquoted() {
        List<String> logged = new ArrayList<>();
        Logger jul = Logger.getLogger("io.asyncio4j");
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        try {
            Asyncio.run(() -> {
                Asyncio.createTask(() -> {
                    throw new IllegalStateException("a rather long message that reprlib would cut");
                }, "a-task-with-a-long-name");
                Asyncio.sleep(0).await();
                Asyncio.sleep(0).await();
                return null;
            });
        } finally {
            jul.removeHandler(h);
        }
        assertThat(logged).contains("Task exception was never retrieved\nfuture: <Task finished "
                + "name='a-task-with-a-long-name' exception=IllegalStateException('a rather long message that "
                + "reprlib would cut')>");
    }

    private static void spawnAndForget() {
        Asyncio.createTask(() -> {
            throw new IllegalArgumentException("forgotten");
        }, "forgotten");
        Asyncio.sleep(0).await(); // the task fails during this iteration
        Asyncio.sleep(0).await();
    }
}
