package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A program that records nothing loads none of the library's JFR event classes, nor {@code jdk.jfr.Event}: loading
 * an event class sets up JFR's metadata (about 120 classes and 100 ms on a cold JVM). Checked in a fresh JVM with
 * {@code -verbose:class}, on both carriers' paths (debug mode runs every callback through the watched path). The
 * control run starts a recording first: then the event classes load and the task is recorded.
 */
@Timeout(60)
class LazyJfrTest {

    /** The forked program: tasks and a timer on a loop in debug mode; with argument {@code record}, under JFR. */
    public static void main(String[] args) throws Exception {
        jdk.jfr.Recording r = null;
        if (args.length > 0) {
            r = new jdk.jfr.Recording();
            r.enable(TaskFinishedEvent.class);
            r.start();
        }
        try (Runner runner = new Runner().debug(true)) {
            runner.run(() -> {
                Asyncio.createTask(() -> Asyncio.sleep(0.001).await(), "child").await();
                return null;
            });
        }
        if (r != null) {
            r.stop();
            r.close();
        }
        System.out.println("DONE");
    }

    @Test
    void aProgramThatRecordsNothingLoadsNoEventClass() throws Exception {
        String out = ClassLoadingRun.run(LazyJfrTest.class);
        assertThat(out).contains("DONE").contains("io.asyncio4j.Task ")
                .doesNotContain("jdk.jfr.Event ")
                .doesNotContain("io.asyncio4j.TaskCreatedEvent ").doesNotContain("io.asyncio4j.TaskFinishedEvent ")
                .doesNotContain("io.asyncio4j.SlowCallbackEvent ").doesNotContain("io.asyncio4j.LoopLagEvent ");
    }

    @Test
    void aRecordingLoadsThem() throws Exception {
        String out = ClassLoadingRun.run(LazyJfrTest.class, "record");
        assertThat(out).contains("DONE").contains("io.asyncio4j.TaskFinishedEvent ")
                .contains("io.asyncio4j.SlowCallbackEvent ");
    }
}
