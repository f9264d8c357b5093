package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A program whose loop logs nothing does not start the JDK's logging (about 16 ms and several hundred classes on a
 * cold JVM): the loop's logger is made on its first record. Checked in a fresh JVM with {@code -verbose:class}, on
 * the fast carrier (the portable carrier's one-line hint is a record of its own). The control run logs a callback's
 * error, which must still reach the JDK's logging.
 */
@Timeout(60)
class LazyLoggingTest {

    /** The forked program: a sleep on a loop; with argument {@code fail}, a callback that throws too. */
    public static void main(String[] args) {
        Asyncio.run(() -> {
            if (args.length > 0) {
                Asyncio.getRunningLoop().callSoon(() -> {
                    throw new IllegalStateException("logged by the loop");
                });
            }
            Asyncio.sleep(0.01).await();
            return null;
        });
        System.out.println("DONE");
    }

    @Test
    void aLoopThatLogsNothingDoesNotStartTheJdksLogging() throws Exception {
        String out = ClassLoadingRun.run(LazyLoggingTest.class);
        assertThat(out).contains("DONE").contains("io.asyncio4j.BaseEventLoop ")
                .doesNotContain("java.util.logging.LogManager ");
    }

    @Test
    void theLoopsFirstRecordStartsIt() throws Exception {
        String out = ClassLoadingRun.run(LazyLoggingTest.class, "fail");
        assertThat(out).contains("DONE").contains("java.util.logging.LogManager ");
    }
}
