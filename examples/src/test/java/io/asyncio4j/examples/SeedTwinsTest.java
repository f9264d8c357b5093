package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.examples.Tour.Program;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every twin of the tour prints, in virtual time, exactly what CPython prints for its seed program.
 *
 * <p>{@code resources/seeds/NAME.py} is the seed's program (verbatim, or with the fix its javadoc describes) and
 * {@code NAME.out} is CPython's output for it, made by {@code regenerate.sh}: CPython's own asyncio with the loop's
 * clock made virtual like asyncio4j's ({@code virtual_clock.py}), so the times printed are exact. Two things in
 * CPython's lines have no Java counterpart and are left out of the comparison: the {@code coro=<...>} and
 * {@code wait_for=<...>} parts of a task's repr, and the order of a printed set of tasks (Python's follows object
 * addresses).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SeedTwinsTest {
    private static final Pattern REPR_EXTRAS = Pattern.compile(" (coro|wait_for)=<[^<>]*>");
    private static final Pattern TASK_SET = Pattern.compile("\\{(<Task [^{}]*)}");

    /**
     * The loop's clock when each timed program has ended: the seeds' timing claims, in virtual time. (Not the
     * executor programs: while the loop waits for another thread, virtual time moves with the real clock.)
     */
    private static final Map<String, Double> DURATIONS = Map.ofEntries(Map.entry("HelloWorldWait", 1.0),
            Map.entry("SayAfterSequential", 3.0), Map.entry("SayAfterTasks", 2.0),
            Map.entry("FetchDataAndPrintNumbers", 2.5), Map.entry("EnsureFutureCallbacks", 2.0),
            Map.entry("DoneCallbackRunsAfterMain", 0.0), Map.entry("MainDoesNotWaitForTask", 1.0),
            Map.entry("WaitTimeout", 0.5), Map.entry("GatherBlockingFib", 5.0),
            Map.entry("RangeTaskList", 11.0),
            Map.entry("AsyncContextManager", 2.0), Map.entry("ConcurrentTasksWait", 3.0));

    static Stream<String> twins() {
        return Tour.PROGRAMS.stream().filter(Program::runnable).map(Program::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void printsWhatCPythonPrints(String name) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        double end = Tour.run(Tour.program(name), false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(comparable(bytes.toString(StandardCharsets.UTF_8))).isEqualTo(comparable(cpython(name)));
        if (DURATIONS.containsKey(name)) {
            assertThat(end).as("loop time at the end of " + name).isEqualTo(DURATIONS.get(name));
        }
    }

    @Test
    void everySavedSeedProgramHasATwinAndEveryTwinASavedProgram() throws IOException, URISyntaxException {
        Path dir = Path.of(SeedTwinsTest.class.getResource("/seeds/virtual_clock.py").toURI()).getParent();
        List<String> saved;
        try (Stream<Path> files = Files.list(dir)) {
            saved = files.map(f -> f.getFileName().toString()).filter(f -> f.matches("[A-Z]\\w*\\.py"))
                    .map(f -> f.substring(0, f.length() - 3)).sorted().toList();
        }
        assertThat(twins().sorted().toList()).isEqualTo(saved);
    }

    @Test
    void theTourListsEveryProgramOnceWithASeedReference() {
        assertThat(Tour.PROGRAMS).extracting(Program::name).doesNotHaveDuplicates();
        assertThat(Tour.PROGRAMS).allSatisfy(p -> {
            assertThat(p.seed()).matches("00[0-4] §.+");
            assertThat(p.runnable()).isEqualTo(p.note() == null);
        });
    }

    private static String cpython(String name) throws IOException {
        try (InputStream in = SeedTwinsTest.class.getResourceAsStream("/seeds/" + name + ".out")) {
            assertThat(in).as("CPython's output for " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The output without what only CPython can print: task reprs' extra parts, the order of sets of tasks. */
    static String comparable(String output) {
        Matcher m = TASK_SET.matcher(REPR_EXTRAS.matcher(output).replaceAll(""));
        return m.replaceAll(r -> Matcher.quoteReplacement("{" + Arrays.stream(r.group(1).split(", (?=<Task )"))
                .sorted().collect(Collectors.joining(", ")) + "}"));
    }

    @Test
    void comparableDropsReprExtrasAndSortsSetsOfTasks() {
        assertThat(comparable("{<Task pending name='Task-3' coro=<func2() running at x.py:11> "
                + "wait_for=<Future pending cb=[Task.task_wakeup()]>>, <Task pending name='Task-2'>} set()"))
                .isEqualTo("{<Task pending name='Task-2'>, <Task pending name='Task-3'>} set()");
    }
}
