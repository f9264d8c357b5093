package io.asyncio4j;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A program run in a child JVM with the library on its class path, on the carrier of this test run, to which a test
 * sends real signals. The test waits for the lines the program prints (never for a fixed time; the test's own
 * timeout bounds the wait).
 */
final class ChildJvm implements AutoCloseable {
    final Process process;
    private final BufferedReader out;
    private final Path err;
    /** Every line read so far, for failure messages. */
    final List<String> lines = new ArrayList<>();

    private ChildJvm(Process process, Path err) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.err = err;
    }

    /** Starts {@code main.main(args)} in a child JVM; {@code classes} name the code sources for its class path. */
    static ChildJvm start(Class<?> main, List<Class<?>> classes, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String carrier = System.getProperty("asyncio4j.carrier", "auto");
        List<String> cmd = new ArrayList<>(List.of(java));
        if ("fast".equals(carrier)) {
            cmd.add("--add-opens");
            cmd.add("java.base/java.lang=ALL-UNNAMED");
        }
        // portable by name rather than auto: auto without the opens says so on stderr, which the tests keep empty
        cmd.add("-Dasyncio4j.carrier=" + ("fast".equals(carrier) ? "fast" : "portable"));
        List<String> path = new ArrayList<>();
        for (Class<?> c : classes) {
            String p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            if (!path.contains(p)) {
                path.add(p);
            }
        }
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, path));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("child-jvm", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        return new ChildJvm(p, err);
    }

    /** Reads lines until one equal to {@code line}; fails if the output ends first. */
    void await(String line) throws IOException {
        String l;
        while ((l = out.readLine()) != null) {
            lines.add(l);
            if (l.equals(line)) {
                return;
            }
        }
        throw new AssertionError("the child ended before printing \"" + line + "\"; it printed " + lines
                + ", exit " + exitCode() + ", stderr: " + stderr());
    }

    /** Sends {@code signal} ({@code "INT"}, {@code "TERM"}...) to the child, as {@code kill -INT pid} does. */
    void kill(String signal) throws Exception {
        int rc = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (rc != 0) {
            throw new AssertionError("kill -" + signal + " failed: " + rc);
        }
    }

    /** Waits for the child to end, reading the rest of its output; its exit status. */
    int exitCode() {
        try {
            String l;
            while ((l = out.readLine()) != null) {
                lines.add(l);
            }
            return process.waitFor();
        } catch (IOException e) {
            return waitQuietly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private int waitQuietly() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What the child wrote on its standard error so far. */
    String stderr() {
        try {
            return Files.readString(err);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        waitQuietly();
        Files.deleteIfExists(err);
    }
}
