package io.asyncio4j.streams;

import static io.asyncio4j.streams.Bytes.b;
import static io.asyncio4j.streams.Bytes.repr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import io.asyncio4j.net.FileNotFoundError;
import io.asyncio4j.streams.Subprocess.Output;
import io.asyncio4j.streams.Subprocess.Redirect;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Child processes with piped streams, against /bin/sh and coreutils. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SubprocessTest {
    static <T> T run(Coro<T> main) {
        try (Runner r = new Runner()) {
            return r.run(main);
        }
    }

    /**
     * CPython pauses a pipe's read transport while its StreamReader holds more than twice its limit: a child that
     * writes 10 MB nobody reads yet blocks on its full pipe instead of filling this process's memory.
     */
    @Test
    void aChildWritingFasterThanTheProgramReadsIsHeldBack() {
        List<Integer> seen = run(() -> {
            Subprocess p = Subprocess.exec(List.of("head", "-c", "10000000", "/dev/zero"), Redirect.DEVNULL,
                    Redirect.PIPE, Redirect.DEVNULL).await();
            StreamReader out = p.stdout();
            int pauseAt = 2 * StreamReader.DEFAULT_LIMIT;
            for (int i = 0; i < 1000 && out.buffered() <= pauseAt; i++) {
                Asyncio.sleep(0.01).await(); // real time: until the pump has read past the pause mark
            }
            for (int i = 0; i < 20; i++) {
                Asyncio.sleep(0.01).await(); // a pump without back-pressure would read on meanwhile
            }
            int held = out.buffered();
            int total = out.read(-1).await().length;
            return List.of(held, total, p.waitFor().await());
        });
        assertThat(seen.get(0)).as("unread bytes while paused").isGreaterThan(2 * StreamReader.DEFAULT_LIMIT)
                .isLessThanOrEqualTo(2 * StreamReader.DEFAULT_LIMIT + 65536);
        assertThat(seen.subList(1, 3)).containsExactly(10_000_000, 0);
    }

    @Test
    void readLinesAndTheExitCode() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            Subprocess p = Subprocess.shell("printf 'hello\\nworld\\n'; exit 3", Redirect.DEVNULL, Redirect.PIPE,
                    Redirect.INHERIT).await();
            log.add(repr(p.stdout().readline().await()));
            log.add(repr(p.stdout().readline().await()));
            log.add(repr(p.stdout().readline().await()));
            log.add("exit " + p.waitFor().await() + " returncode " + p.returncode());
            return log;
        });
        assertThat(out).containsExactly("b'hello\\n'", "b'world\\n'", "b''", "exit 3 returncode 3");
    }

    @Test
    void communicateWritesStdinAndReadsBothOutputs() {
        Output o = run(() -> {
            Subprocess p = Subprocess.shell("sort; echo done >&2", Redirect.PIPE, Redirect.PIPE, Redirect.PIPE)
                    .await();
            return p.communicate(b("b\nc\na\n")).await();
        });
        assertThat(repr(o.stdout())).isEqualTo("b'a\\nb\\nc\\n'");
        assertThat(repr(o.stderr())).isEqualTo("b'done\\n'");
    }

    @Test
    void stderrIntoStdout() {
        Output o = run(() -> Subprocess.shell("echo out; echo err >&2", Redirect.DEVNULL, Redirect.PIPE,
                Redirect.STDOUT).await().communicate(null).await());
        assertThat(repr(o.stdout())).isEqualTo("b'out\\nerr\\n'");
        assertThat(o.stderr()).isNull();
    }

    @Test
    void aMegabyteBothWaysWithDrain() {
        int size = 1 << 20;
        List<Object> r = run(() -> {
            Subprocess p = Subprocess.exec(List.of("cat"), Redirect.PIPE, Redirect.PIPE, Redirect.INHERIT).await();
            var reading = Asyncio.createTask(p.stdout().read(-1));
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < size / chunk.length; i++) {
                chunk[0] = (byte) i;
                p.stdin().write(chunk);
                p.stdin().drain().await();
            }
            p.stdin().close();
            byte[] all = reading.await();
            return List.<Object>of(all.length, (int) all[64 * 1024 * 5], p.waitFor().await());
        });
        assertThat(r).containsExactly(size, 5, 0);
    }

    @Test
    void killEndsTheChildAndItsHelperThreads() throws Exception {
        long[] pid = new long[1];
        int code = run(() -> {
            Subprocess p = Subprocess.exec(List.of("sleep", "30"), Redirect.DEVNULL, Redirect.PIPE, Redirect.PIPE)
                    .await();
            Asyncio.sleep(0.05).await();
            p.kill();
            int c = p.waitFor().await();
            p.communicate(null).await(); // pipes drained
            pid[0] = p.pid();
            return c;
        });
        assertThat(code).isEqualTo(137); // the JDK's 128 + SIGKILL (CPython says -9)
        Thread.sleep(200);
        long helpers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("asyncio4j-subprocess-" + pid[0] + "-")).count();
        assertThat(helpers).as("helper threads of the killed child").isZero();
    }

    /**
     * CPython 3.12.1 prints {@code FileNotFoundError: [Errno 2] No such file or directory: 'no-such-program-x' |
     * errno 2 | filename 'no-such-program-x'} for:
     * <pre>{@code
     * try:
     *     await asyncio.create_subprocess_exec("no-such-program-x")
     * except FileNotFoundError as e:
     *     print(type(e).__name__ + ":", e, "| errno", e.errno, "| filename", repr(e.filename))
     * }</pre>
     */
    @Test
    void aMissingProgramIsAFileNotFoundErrorCaughtAroundTheAwait() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            for (String program : List.of("no-such-program-x", "/no/such/program")) {
                try {
                    Subprocess.exec(List.of(program), Redirect.DEVNULL, Redirect.DEVNULL, Redirect.DEVNULL).await();
                } catch (FileNotFoundError e) {
                    log.add(e.getClass().getSimpleName() + ": " + e.getMessage() + " | errno " + e.errno()
                            + " | filename '" + e.filename() + "' | " + e.getCause().getClass().getName());
                }
            }
            return log;
        });
        assertThat(out).containsExactly(
                "FileNotFoundError: [Errno 2] No such file or directory: 'no-such-program-x' | errno 2"
                        + " | filename 'no-such-program-x' | java.io.IOException",
                "FileNotFoundError: [Errno 2] No such file or directory: '/no/such/program' | errno 2"
                        + " | filename '/no/such/program' | java.io.IOException");
    }

    @Test
    void aMissingProgramIsNamed() {
        assertThatThrownBy(() -> run(() -> Subprocess.exec(List.of("/no/such/program"), Redirect.DEVNULL,
                Redirect.DEVNULL, Redirect.DEVNULL).await()))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("/no/such/program");
        assertThatThrownBy(() -> Subprocess.exec(List.of("x"), Redirect.STDOUT, Redirect.PIPE, Redirect.PIPE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static long helperThreads(long pid) throws InterruptedException {
        long n = 0;
        for (int i = 0; i < 500; i++) { // the helpers end right after the child; allow them up to 5 s
            n = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("asyncio4j-subprocess-" + pid + "-")).count();
            if (n == 0) {
                break;
            }
            Thread.sleep(10);
        }
        return n;
    }

    @Test
    void terminateSendsSigtermAndNoHelperOutlivesAChildThatExits() throws Exception {
        long[] pids = new long[2];
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            Subprocess p = Subprocess.exec(List.of("sleep", "30"), Redirect.PIPE, Redirect.PIPE, Redirect.PIPE)
                    .await();
            pids[0] = p.pid();
            log.add("returncode while running " + p.returncode());
            p.terminate();
            log.add("terminated: exit " + p.waitFor().await()); // the JDK's 128 + SIGTERM (CPython says -15)
            p.communicate(null).await();
            Subprocess q = Subprocess.shell("cat; echo bye >&2", Redirect.PIPE, Redirect.PIPE, Redirect.PIPE)
                    .await();
            pids[1] = q.pid();
            Output o = q.communicate(b("in\n")).await();
            log.add("exited: " + repr(o.stdout()) + " " + repr(o.stderr()) + " exit " + q.returncode());
            return log;
        });
        assertThat(out).containsExactly("returncode while running null", "terminated: exit 143",
                "exited: b'in\\n' b'bye\\n' exit 0");
        assertThat(helperThreads(pids[0])).as("helper threads of the terminated child").isZero();
        assertThat(helperThreads(pids[1])).as("helper threads of the child that exited").isZero();
    }
}
