package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Runner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FetchDataTest {
    @Test
    void printsWhatCPythonPrints() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Runner runner = new Runner().virtualTime(true)) {
            runner.run(FetchData.program(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
            assertThat(runner.getLoop().time()).isEqualTo(2.5);
        }
        // CPython prints the same lines (seed 003); {'data': 1} is Java's {data=1}.
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("start fetching", "0", "1", "2", "3", "4", "5", "6", "7", "done fetching", "8", "9",
                        "{data=1}");
    }
}
