package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a test's {@code main} in a fresh JVM with {@code -verbose:class}: which classes a program loads. */
final class ClassLoadingRun {
    private ClassLoadingRun() {
    }

    /**
     * Runs {@code main} with {@code args} on the test's class path (fast carrier), standard error discarded.
     *
     * @return its standard output: the program's lines and one {@code [class,load] NAME ...} line per loaded class
     */
    static String run(Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-verbose:class",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
