package io.asyncio4j.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ps} and {@code pstree} against a live JVM ({@link LiveProgram} in a child JVM, on the carrier of this test
 * run): the tasks, who awaits whom, the tree, a cycle, and a loop whose thread is stuck. The child's standard error
 * stays empty: attaching costs the target nothing it prints.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveTaskDumpTest {
    /** A child JVM running {@link LiveProgram} in {@code mode}, started and waited for until it printed READY. */
    static final class Child implements AutoCloseable {
        final Process process;
        final Path err;

        Child(String mode) throws Exception {
            this(mode, false);
        }

        /** With {@code modular}, the library is the named module io.asyncio4j (module path), the program not. */
        Child(String mode, boolean modular) throws Exception {
            String java = ProcessHandle.current().info().command().orElseThrow();
            String carrier = System.getProperty("asyncio4j.carrier", "auto");
            List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto"));
            if ("fast".equals(carrier)) {
                cmd.add("--add-opens");
                cmd.add("java.base/java.lang=" + (modular ? "io.asyncio4j" : "ALL-UNNAMED"));
            }
            cmd.add("-Dasyncio4j.carrier=" + ("fast".equals(carrier) ? "fast" : "portable"));
            if (modular) {
                cmd.addAll(List.of("--module-path", location(io.asyncio4j.Asyncio.class), "--add-modules",
                        "io.asyncio4j", "-cp", location(LiveProgram.class)));
            } else {
                cmd.add("-cp");
                cmd.add(location(LiveProgram.class) + File.pathSeparator + location(io.asyncio4j.Asyncio.class));
            }
            cmd.add(LiveProgram.class.getName());
            cmd.add(mode);
            err = Files.createTempFile("live-task-dump", ".err");
            process = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine(); // bounded by the test's timeout
            assertThat(line).as("the child's first line (stderr: %s)", Files.readString(err)).isEqualTo("READY");
        }

        static String location(Class<?> c) throws Exception {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        }

        long pid() {
            return process.pid();
        }

        @Override
        public void close() throws Exception {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            assertThat(stderr).as("the target's standard error").isEmpty();
        }
    }

    record Result(int status, List<String> out, List<String> err) {
    }

    static Result tool(String command, long pid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TaskDumpTool.run(new String[] {command, Long.toString(pid)},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /**
     * {@link #tool}, asked again (up to five times) while it says a loop did not answer: a loop that is not stuck
     * answers within 250 ms, unless the machine is too loaded for that.
     */
    static Result settled(String command, long pid) {
        Result r = tool(command, pid);
        for (int i = 0; i < 4 && r.err().stream().anyMatch(l -> l.contains("did not answer within")); i++) {
            r = tool(command, pid);
        }
        return r;
    }

    /** The table's row for {@code task} awaited by {@code awaiter} ({@code ""}: nobody), as cells split on spaces. */
    static boolean hasRow(List<String> table, String task, String stackStart, String awaiter) {
        for (String line : table) {
            String[] cells = line.trim().split(" +");
            if (cells.length >= 4 && cells[0].matches("\\d+") && cells[1].matches("0x[0-9a-f]+")
                    && cells[2].equals(task) && cells[3].startsWith(stackStart)) {
                String last = cells[cells.length - 1];
                if (awaiter.isEmpty() ? last.equals("0x0")
                        : cells.length >= 3 && cells[cells.length - 2].equals(awaiter) && !last.equals("0x0")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void psListsTheTasksAndWhoAwaitsThem() throws Exception {
        try (Child child = new Child("graph")) {
            Result r = settled("ps", child.pid());
            assertThat(r.err()).isEmpty();
            assertThat(r.status()).isZero();
            List<String> t = r.out();
            assertThat(t.get(0)).startsWith("tid        task id              task name            coroutine stack");
            assertThat(t.get(1)).isEqualTo("-".repeat(180));
            assertThat(hasRow(t, "leaf", "LiveProgram.leaf", "middle")).as("%s", t).isTrue();
            assertThat(hasRow(t, "middle", "LiveProgram.middle", "")).as("%s", t).isTrue();
            assertThat(hasRow(t, "tg-child", "LiveProgram.leaf", "tg-parent")).as("%s", t).isTrue();
            assertThat(hasRow(t, "g1", "LiveProgram.leaf", "Task-1")).as("%s", t).isTrue();
            assertThat(hasRow(t, "g2", "LiveProgram.leaf", "Task-1")).as("%s", t).isTrue();
            assertThat(hasRow(t, "Task-1", "LiveProgram.main.<lambda>", "")).as("%s", t).isTrue();
            assertThat(String.join("\n", t)).doesNotContain("VirtualThread", "Carrier", "awaitFuture");
            // A second look finds the bean the first one created.
            Result again = settled("ps", child.pid());
            assertThat(again.status()).isZero();
            assertThat(again.out()).hasSameSizeAs(t);
        }
    }

    @Test
    void psReadsALibraryOnTheModulePathWithoutAnyFlag() throws Exception {
        // The bean's package is exported to java.management only; the agent module needs no --add-modules.
        try (Child child = new Child("graph", true)) {
            Result r = settled("ps", child.pid());
            assertThat(r.err()).isEmpty();
            assertThat(r.status()).isZero();
            assertThat(hasRow(r.out(), "leaf", "LiveProgram.leaf", "middle")).as("%s", r.out()).isTrue();
        }
    }

    @Test
    void pstreeDrawsTheAwaitTree() throws Exception {
        try (Child child = new Child("graph")) {
            Result r = settled("pstree", child.pid());
            assertThat(r.err()).isEmpty();
            assertThat(r.status()).isZero();
            String tree = String.join("\n", r.out());
            assertThat(tree).contains("└── (T) Task-1", "└── (T) middle", "(T) tg-parent", "(T) g1", "(T) g2",
                    "(T) tg-child", "(T) leaf");
            // leaf hangs below the frames of middle, innermost last; tg-child below TaskGroup's frames in tg-parent.
            assertThat(tree).containsPattern("└── \\(T\\) middle\n.*└──  LiveProgram\\.main\\.<lambda> .*\n"
                    + ".*└──  LiveProgram\\.middle io/asyncio4j/tools/LiveProgram\\.java:\\d+\n.*└── \\(T\\) leaf\n.*\n"
                    + ".*└──  LiveProgram\\.leaf io/asyncio4j/tools/LiveProgram\\.java:\\d+");
            assertThat(tree).containsPattern("└──  TaskGroup\\.runBody io/asyncio4j/TaskGroup\\.java:\\d+\n.*\n"
                    + ".*└── \\(T\\) tg-child");
        }
    }

    @Test
    void pstreeReportsACycle() throws Exception {
        try (Child child = new Child("cycle")) {
            Result r = settled("pstree", child.pid());
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).hasSize(3);
            assertThat(r.err().get(0)).isEqualTo("ERROR: await-graph contains cycles - cannot print a tree!");
            assertThat(r.err().get(1)).isEmpty();
            assertThat(r.err().get(2)).isIn("cycle: cyc-a → cyc-b → cyc-a", "cycle: cyc-b → cyc-a → cyc-b");
            Result ps = settled("ps", child.pid());
            assertThat(ps.status()).isZero();
            assertThat(hasRow(ps.out(), "cyc-a", "LiveProgram.cycleA", "cyc-b")).isTrue();
            assertThat(hasRow(ps.out(), "cyc-b", "LiveProgram.cycleA", "cyc-a")).isTrue();
        }
    }

    @Test
    void psReadsALoopStuckInACallback() throws Exception {
        try (Child child = new Child("sleep")) {
            long start = System.nanoTime();
            Result r = tool("ps", child.pid());
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(15);
            assertThat(r.status()).isZero();
            assertThat(hasRow(r.out(), "leaf", "LiveProgram.leaf", "middle")).as("%s", r.out()).isTrue();
            assertThat(hasRow(r.out(), "g1", "LiveProgram.leaf", "Task-1")).as("%s", r.out()).isTrue();
            assertThat(r.err()).singleElement().asString().contains("did not answer within 250 ms");
        }
    }

    @Test
    void psReadsALoopHeldByASpinningTask() throws Exception {
        try (Child child = new Child("spin")) {
            Result r = tool("ps", child.pid());
            assertThat(r.status()).isZero();
            assertThat(hasRow(r.out(), "spinner", "LiveProgram.spin", "")).as("%s", r.out()).isTrue();
            assertThat(hasRow(r.out(), "leaf", "LiveProgram.leaf", "middle")).as("%s", r.out()).isTrue();
            assertThat(r.err()).singleElement().asString().contains("did not answer within 250 ms");
        }
    }

    @Test
    void aProcessThatIsNotAJvmIsRefusedWithoutBeingSignalled() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            Result r = tool("ps", sleep.pid());
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).singleElement().asString().startsWith("asyncio4j ps: PID " + sleep.pid()
                    + " is not a Java VM this user can attach to");
            assertThat(sleep.isAlive()).isTrue();
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void aJvmWithoutAsyncio4jIsNamedSo() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path dir = Files.createTempDirectory("plain-jvm");
        Path src = dir.resolve("Plain.java");
        Files.writeString(src, "public class Plain { public static void main(String[] a) throws Exception {"
                + " System.out.println(\"READY\"); Thread.sleep(600_000); } }");
        Process p = new ProcessBuilder(java, src.toString()).start();
        try {
            assertThat(new BufferedReader(new InputStreamReader(p.getInputStream())).readLine()).isEqualTo("READY");
            Result r = tool("ps", p.pid());
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).singleElement().asString().startsWith("asyncio4j ps: PID " + p.pid()
                    + " does not run asyncio4j");
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(src);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void usageAndBadPids() {
        assertThat(tool("top", 1).status()).isEqualTo(2);
        Result self = tool("ps", ProcessHandle.current().pid());
        assertThat(self.status()).isEqualTo(1);
        assertThat(self.err()).singleElement().asString().contains("this tool's own process");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(TaskDumpTool.run(new String[] {"ps", "12ab\u001b"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("asyncio4j ps: not a PID: 12ab\\x1b"
                + System.lineSeparator());
        long unused = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 100_000;
        Result none = tool("pstree", unused);
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err()).singleElement().asString().isEqualTo("asyncio4j pstree: no process with PID " + unused);
    }

    @Test
    void aJvmWithoutLoopsSaysSo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TaskDumpTool.render("ps", 7, SnapshotParser.HEADER + "\n", new PrintStream(out, true),
                new PrintStream(err, true));
        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("asyncio4j ps: PID 7 runs asyncio4j but has no event loop open"
                + System.lineSeparator());
    }
}
