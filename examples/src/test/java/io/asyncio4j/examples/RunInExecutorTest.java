package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Runner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunInExecutorTest {
    @Test
    void fibInTheExecutorOverlapsTheRequest() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Runner r = new Runner().virtualTime(true)) {
            // Virtual time jumps only once the executor's job is done: the 5 s wait overlapped the computation.
            r.run(RunInExecutor.inExecutor(new PrintStream(bytes, true, StandardCharsets.UTF_8), 30, 5));
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("fib(30) = 1346269 in the executor: took 5.0 s\n");
    }

    @Test
    void fibInACoroutineGivesTheSameResult() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Runner r = new Runner().virtualTime(true)) {
            r.run(RunInExecutor.inCoroutine(new PrintStream(bytes, true, StandardCharsets.UTF_8), 30, 5));
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("fib(30) = 1346269 in a coroutine: took 5.0 s\n");
    }

    @Test
    void theSeedsFib() {
        assertThat(RunInExecutor.fib(38)).isEqualTo(63245986L);
    }
}
