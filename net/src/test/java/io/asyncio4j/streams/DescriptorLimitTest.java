package io.asyncio4j.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cold server process at its descriptor limit: {@code accept()} fails, the failure is reported (which on a cold JVM
 * needs classes, the logging configuration and the time-zone rules: files to open), accepting pauses a second, and
 * the server goes on serving once descriptors are free again. The report must never end the loop or the process.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DescriptorLimitTest {
    /** Descriptors the server process may open: the JVM's own take some 30 of them. */
    static final int LIMIT = 80;
    static final int CLIENTS = 120;

    /**
     * The server process: an echo server that prints its port once the library has loaded what its error path needs
     * (it does so in the background when a server starts listening), then serves until killed.
     */
    public static void main(String[] args) {
        Asyncio.run(() -> {
            Server server = Streams.startServer(StreamsTest.ECHO_LINES, "127.0.0.1", 0).await();
            while (Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals("asyncio4j-error-path-warm-up"))) {
                Asyncio.sleep(0.01).await();
            }
            System.out.println(server.port());
            System.out.flush();
            server.serveForever().await();
            return null;
        });
    }

    @Test
    void aServerOutOfDescriptorsReportsItAndServesAgainAfterwards() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String carrier = System.getProperty("asyncio4j.carrier", "auto");
        String opens = "fast".equals(carrier) ? "--add-opens java.base/java.lang=ALL-UNNAMED " : "";
        Path err = Files.createTempFile("descriptor-limit", ".err");
        // The library as a user has it: in jars, which stay open, so loading a class needs no new descriptor.
        Path lib = Files.createTempFile("asyncio4j-lib", ".jar");
        List<Path> libraries = new ArrayList<>(List.of(lib));
        List<Path> classDirs = new ArrayList<>();
        for (Class<?> c : List.of(Asyncio.class, Server.class)) {
            Path where = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            (Files.isDirectory(where) ? classDirs : libraries).add(where);
        }
        jar(lib, classDirs);
        libraries.add(Path.of(DescriptorLimitTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        String classpath = String.join(File.pathSeparator, libraries.stream().map(Path::toString).toList());
        Process server = new ProcessBuilder("bash", "-c", "ulimit -n " + LIMIT + " && exec \"$0\" " + opens
                + "-Dasyncio4j.carrier=" + carrier + " -cp \"$1\" " + DescriptorLimitTest.class.getName(),
                java, classpath)
                .redirectError(err.toFile()).start();
        List<Socket> clients = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.US_ASCII));
            String first = out.readLine();
            assertThat(first).as("the server's port; its stderr:%n%s", Files.readString(err)).isNotNull();
            int port = Integer.parseInt(first.trim());
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(new Socket("127.0.0.1", port)); // the backlog takes those the server cannot accept
            }
            // Wait (bounded) until the server has run out and said so.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.readString(err).contains("socket.accept() out of system resource")
                    && System.nanoTime() < deadline && server.isAlive()) {
                Thread.sleep(20);
            }
            for (Socket c : clients) {
                c.close();
            }
            clients.clear();
            assertThat(server.isAlive()).as("the server process is alive; its stderr:%n%s", Files.readString(err))
                    .isTrue();
            assertThat(Files.readString(err)).contains("socket.accept() out of system resource")
                    .contains("Too many open files");
            // Descriptors are free again: once the server has drained its backlog (the closed clients), it accepts
            // and answers. A connection it accepts while still out of descriptors is closed at once: try again.
            String line = null;
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (line == null && System.nanoTime() < deadline) {
                try (Socket c = new Socket("127.0.0.1", port)) {
                    c.setSoTimeout(5_000);
                    c.getOutputStream().write("still here\n".getBytes(StandardCharsets.US_ASCII));
                    line = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
                } catch (IOException e) {
                    // reset while the server was still out of descriptors
                }
                if (line == null) {
                    Thread.sleep(100);
                }
            }
            assertThat(line).isEqualTo("still here");
            assertThat(server.isAlive()).isTrue();
        } finally {
            for (Socket c : clients) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
            server.destroyForcibly().waitFor();
            Files.deleteIfExists(err);
            Files.deleteIfExists(lib);
        }
    }

    /** Packs the class directories into one jar. */
    static void jar(Path jar, List<Path> dirs) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path dir : dirs) {
                try (var files = Files.walk(dir)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
        }
    }
}
