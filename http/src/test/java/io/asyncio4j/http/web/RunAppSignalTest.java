package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Web#runApp(Application, String, int)} on SIGTERM and SIGINT, as aiohttp 3.8's {@code run_app} (both raise
 * {@code GracefulExit}): the graceful shutdown runs (shutdown hooks, the request in flight finishes, cleanup
 * hooks), {@code runApp} returns and the process exits with status 0. Real signals, sent to a child JVM.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunAppSignalTest {
    /**
     * The child program: a handler that waits until the shutdown has begun (its hook sets the event), so the request
     * is in flight when the signal comes and finishes during the shutdown.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("workers")) { // two workers, each with the application below
            Web.runApp(() -> app(false), "127.0.0.1", 0, 2);
            System.out.println("runApp returned");
            return;
        }
        boolean stubborn = args.length > 0 && args[0].equals("stubborn"); // its handler never ends
        Web.runApp(app(stubborn), "127.0.0.1", 0);
        System.out.println("runApp returned");
    }

    static Application app(boolean stubborn) {
        Application app = new Application();
        Event shuttingDown = new Event();
        app.router().get("/slow", request -> {
            System.out.println("in handler");
            shuttingDown.waitSet().await();
            if (stubborn) {
                Asyncio.getRunningLoop().createFuture().await();
            }
            return Response.text("finished during the shutdown");
        });
        app.onShutdown().add(a -> () -> {
            System.out.println("on shutdown");
            shuttingDown.set();
            return null;
        });
        app.onCleanup().add(a -> () -> {
            System.out.println("on cleanup");
            return null;
        });
        return app;
    }

    /** Starts the program in a child JVM on this run's carrier; its stdout is read by the test. */
    static Process start(Path err, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        boolean fast = "fast".equals(System.getProperty("asyncio4j.carrier", "auto"));
        List<String> cmd = new ArrayList<>(List.of(java));
        if (fast) {
            cmd.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"));
        }
        cmd.add("-Dasyncio4j.carrier=" + (fast ? "fast" : "portable"));
        // The test's own class path: the library modules and their dependencies (Jackson, Jetty's parser, SLF4J).
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RunAppSignalTest.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    }

    static String readLine(BufferedReader out, List<String> lines) throws IOException {
        String l = out.readLine();
        if (l != null) {
            lines.add(l);
        }
        return l;
    }

    /**
     * Starts the program with {@code args}, sends {@code signal} while a {@code /slow} request is in its handler, and
     * checks the graceful exit: status 0, nothing on stderr, the request answered during the shutdown.
     *
     * @return the program's output after the banner and its "in handler" line
     */
    List<String> gracefulExit(String signal, String... args) throws Exception {
        Path err = Files.createTempFile("run-app", ".err");
        Process p = start(err, args);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String banner = readLine(out, lines);
            assertThat(banner).as("stderr: %s", Files.readString(err)).startsWith("======== Running on http://");
            int port = Integer.parseInt(banner.replaceAll(".*:(\\d+) =+$", "$1"));
            readLine(out, lines); // (Press CTRL+C to quit)
            CompletableFuture<String> response = CompletableFuture.supplyAsync(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            assertThat(readLine(out, lines)).isEqualTo("in handler");
            assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor()).isZero();
            while (readLine(out, lines) != null) {
                // the rest of the output
            }
            assertThat(p.waitFor()).as("exit status; output %s; stderr %s", lines, Files.readString(err)).isZero();
            assertThat(response.get()).startsWith("HTTP/1.1 200").endsWith("finished during the shutdown");
            assertThat(Files.readString(err)).isEmpty();
            return lines.subList(3, lines.size());
        } finally {
            p.destroyForcibly().waitFor();
            Files.deleteIfExists(err);
        }
    }

    void gracefulExitOn(String signal) throws Exception {
        assertThat(gracefulExit(signal)).containsExactly("on shutdown", "on cleanup", "runApp returned");
    }

    @Test
    void aSecondSigtermDuringTheShutdownEndsTheJvmAtOnce() throws Exception {
        Path err = Files.createTempFile("run-app", ".err");
        Process p = start(err, "stubborn");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String banner = readLine(out, lines);
            int port = Integer.parseInt(banner.replaceAll(".*:(\\d+) =+$", "$1"));
            readLine(out, lines);
            Socket client = new Socket("127.0.0.1", port);
            client.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(out, lines)).isEqualTo("in handler");
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor()).isZero();
            assertThat(readLine(out, lines)).isEqualTo("on shutdown"); // the handler holds the shutdown for 60 s
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor()).isZero();
            assertThat(p.waitFor()).as("exit status; output %s; stderr %s", lines, Files.readString(err))
                    .isEqualTo(143);
            assertThat(readLine(out, lines)).isNull(); // no cleanup, no return: the JVM ended
            assertThat(Files.readString(err)).isEmpty();
            client.close();
        } finally {
            p.destroyForcibly().waitFor();
            Files.deleteIfExists(err);
        }
    }

    @Test
    void withWorkersSigtermShutsEveryWorkerDownGracefully() throws Exception {
        List<String> after = gracefulExit("TERM", "workers");
        // each worker runs its own hooks on its own thread: the two workers' lines may interleave
        assertThat(after.subList(0, after.size() - 1))
                .containsExactlyInAnyOrder("on shutdown", "on shutdown", "on cleanup", "on cleanup");
        assertThat(after.get(after.size() - 1)).isEqualTo("runApp returned");
    }

    @Test
    void sigtermRunsTheGracefulShutdownAndTheProcessExitsWithZero() throws Exception {
        gracefulExitOn("TERM");
    }

    @Test
    void sigintDoesTheSame() throws Exception {
        gracefulExitOn("INT");
    }
}
