package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Runner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SemaphoreLimitTest {
    /** The makespan of running the jobs in order on {@code workers} workers, each job taking the next free one. */
    static double makespan(List<Integer> jobs, int workers) {
        PriorityQueue<Double> free = new PriorityQueue<>();
        for (int i = 0; i < workers; i++) {
            free.add(0.0);
        }
        double end = 0;
        for (int d : jobs) {
            double t = free.poll() + d;
            free.add(t);
            end = Math.max(end, t);
        }
        return end;
    }

    @Test
    void printsTheSeedsLinesAndTakesTheMakespan() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Runner r = new Runner().virtualTime(true)) {
            // The request suspends once, as a network request does, and takes no virtual time.
            r.run(SemaphoreLimit.program(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                    () -> Asyncio.sleep(0, 200).await()));
        }
        List<String> expected = new ArrayList<>();
        for (int d : SemaphoreLimit.DELAYS) {
            expected.add("waiting for semaphore with " + d + " seconds delay");
        }
        for (int i = 0; i < SemaphoreLimit.DELAYS.size(); i++) {
            expected.add("got response 200");
        }
        expected.add(String.format(Locale.ROOT, "cost %.1f seconds", makespan(SemaphoreLimit.DELAYS, 3)));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactlyElementsOf(expected);
        assertThat(makespan(SemaphoreLimit.DELAYS, 3)).isEqualTo(23.0);
    }
}
