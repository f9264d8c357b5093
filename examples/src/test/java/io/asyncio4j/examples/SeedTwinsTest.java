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
import java.util.Set;
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
 *
 * <p>The HTTP programs ({@link #HTTP}) ran against the reference httpbin, another process, on port 18765; their twins
 * talk to our app on an ephemeral port of their own loop. Their comparison masks what depends on the run or the
 * server, never the program's own lines:
 * <ul>
 *   <li>the port of {@code 127.0.0.1} URLs;</li>
 *   <li>the headers line of a printed response ({@code <CIMultiDictProxy(...)>}): another server's {@code Date},
 *       {@code Server} and header order;</li>
 *   <li>times, compared to the whole second: CPython's clock follows the real time its requests took (a few ms
 *       each, see {@code virtual_clock.py}), the twins' requests take no virtual time; the seeds' delays are whole
 *       seconds. {@link #REAL_CLOCK} programs print real times on one side only (their clock follows executor
 *       jobs, which CPython's virtual clock does not), so their times are masked whole;</li>
 *   <li>the order of the lines of {@link #UNORDERED} programs, whose concurrent responses print in the order the
 *       reference's threads answered.</li>
 * </ul>
 * The durations of {@link #DURATIONS} check the twins' own timing exactly.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SeedTwinsTest {
    private static final Pattern REPR_EXTRAS = Pattern.compile(" (coro|wait_for)=<[^<>]*>");
    private static final Pattern TASK_SET = Pattern.compile("\\{(<Task [^{}]*)}");
    private static final Pattern LOOPBACK_PORT = Pattern.compile("127\\.0\\.0\\.1:\\d+");
    private static final Pattern HEADERS = Pattern.compile("<CIMultiDictProxy\\(.*\\)>");
    private static final Pattern TIME = Pattern.compile("(?<![\\d.])\\d+\\.\\d+(e[-+]\\d+)?(?![\\d.])");

    /** The programs that make HTTP requests. */
    static final Set<String> HTTP = Set.of("AiohttpHello", "AiohttpEnsureFutureWait", "AiohttpEnsureFutureGather",
            "AiohttpGetPage", "BlockingRequests", "AiohttpSendRequests", "RequestsInExecutor", "AiohttpLoadData",
            "AiohttpGatherLoadData", "AsyncioInAClass", "SemaphoreLimit");
    /** HTTP programs whose printed times follow executor jobs in the twin and stand still in CPython. */
    static final Set<String> REAL_CLOCK = Set.of("RequestsInExecutor");
    /** HTTP programs whose concurrent responses print in the order the reference's threads answered. */
    static final Set<String> UNORDERED = Set.of("AiohttpEnsureFutureGather");

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
            Map.entry("AsyncContextManager", 2.0), Map.entry("ConcurrentTasksWait", 3.0),
            // The HTTP twins: requests to the local httpbin take only their /delay/n.
            Map.entry("AiohttpHello", 0.0), Map.entry("AiohttpEnsureFutureWait", 0.0),
            Map.entry("AiohttpEnsureFutureGather", 0.0), Map.entry("AiohttpGetPage", 5.0),
            Map.entry("BlockingRequests", 0.0), // no loop runs: the clock stands still (5 s in real time)
            Map.entry("AiohttpSendRequests", 2.0), // twice ten concurrent /delay/1
            Map.entry("AiohttpLoadData", 3.0), Map.entry("AiohttpGatherLoadData", 10.0), // 3 + 4 + 3
            Map.entry("AsyncioInAClass", 0.0), Map.entry("SemaphoreLimit", 33.0)); // 10 without the limit, 23 with

    static Stream<String> twins() {
        return Tour.PROGRAMS.stream().filter(Program::runnable).map(Program::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void printsWhatCPythonPrints(String name) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        double end = Tour.run(Tour.program(name), false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(comparable(name, bytes.toString(StandardCharsets.UTF_8)))
                .isEqualTo(comparable(name, cpython(name)));
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

    /** {@link #comparable(String)}, and for the HTTP programs their masks (see the class comment). */
    static String comparable(String name, String output) {
        String out = comparable(output);
        if (!HTTP.contains(name)) {
            return out;
        }
        out = LOOPBACK_PORT.matcher(out).replaceAll("127.0.0.1:PORT");
        out = HEADERS.matcher(out).replaceAll("<CIMultiDictProxy(...)>");
        boolean real = REAL_CLOCK.contains(name);
        out = TIME.matcher(out).replaceAll(t -> real ? "<t>" : Long.toString(Math.round(Double.parseDouble(t.group()))));
        if (UNORDERED.contains(name)) {
            out = out.lines().sorted().collect(Collectors.joining("\n", "", "\n"));
        }
        return out;
    }

    @Test
    void httpMasksPortsHeadersAndTimesToTheSecond() {
        assertThat(comparable("AiohttpLoadData", "<ClientResponse(http://127.0.0.1:18765/get) [200 OK]>\n"
                + "<CIMultiDictProxy('Server': 'Werkzeug/2.2.2')>\nat 0.9989363149998098 and 9.5e-07 took 3.0\n"))
                .isEqualTo("<ClientResponse(http://127.0.0.1:PORT/get) [200 OK]>\n<CIMultiDictProxy(...)>\n"
                        + "at 1 and 0 took 3\n");
        assertThat(comparable("RequestsInExecutor", "at 1.002 seconds\n")).isEqualTo("at <t> seconds\n");
        assertThat(comparable("AiohttpEnsureFutureGather", "b\na\n")).isEqualTo("a\nb\n");
        assertThat(comparable("GatherFactorials", "at 0.9989 on 127.0.0.1:5\n")).isEqualTo("at 0.9989 on 127.0.0.1:5\n");
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
