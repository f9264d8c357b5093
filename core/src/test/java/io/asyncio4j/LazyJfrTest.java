package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    private static String runForked(String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String[] cmd = new String[6 + args.length];
        cmd[0] = java.toString();
        cmd[1] = "--add-opens=java.base/java.lang=ALL-UNNAMED";
        cmd[2] = "-verbose:class";
        cmd[3] = "-cp";
        cmd[4] = System.getProperty("java.class.path");
        cmd[5] = LazyJfrTest.class.getName();
        System.arraycopy(args, 0, cmd, 6, args.length);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void aProgramThatRecordsNothingLoadsNoEventClass() throws Exception {
        String out = runForked();
        assertThat(out).contains("DONE").contains("io.asyncio4j.Task ")
                .doesNotContain("jdk.jfr.Event ")
                .doesNotContain("io.asyncio4j.TaskCreatedEvent ").doesNotContain("io.asyncio4j.TaskFinishedEvent ")
                .doesNotContain("io.asyncio4j.SlowCallbackEvent ").doesNotContain("io.asyncio4j.LoopLagEvent ");
    }

    @Test
    void aRecordingLoadsThem() throws Exception {
        String out = runForked("record");
        assertThat(out).contains("DONE").contains("io.asyncio4j.TaskFinishedEvent ")
                .contains("io.asyncio4j.SlowCallbackEvent ");
    }
}
