package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.streams.Server;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's chat server ({@link ChatServer}, the same text): Ctrl-C ends it cleanly, its clients see end of file
 * and the process exits with status 130, as CPython's would (issue 17: a chat server's clean Ctrl-C takes no more
 * code than in Python). The server runs in a child JVM that gets a real SIGINT.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChatServerCtrlCTest {
    @Test
    void theReadmeShowsThisChatServer() throws Exception {
        Path source = Path.of("src/test/java/io/asyncio4j/examples/ChatServer.java");
        String program = Files.readString(source).replaceFirst("package io\\.asyncio4j\\.examples;\\n\\n", "");
        assertThat(Files.readString(Path.of("../README.md"))).contains("```java\n" + program + "```\n");
    }

    @Test
    void ctrlCClosesTheClientsAndExitsWith130() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        boolean fast = "fast".equals(System.getProperty("asyncio4j.carrier", "auto"));
        List<String> cmd = new ArrayList<>(List.of(java));
        if (fast) {
            cmd.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"));
        }
        cmd.add("-Dasyncio4j.carrier=" + (fast ? "fast" : "portable"));
        List<String> path = new ArrayList<>();
        for (Class<?> c : List.of(Asyncio.class, Server.class, ChatServer.class)) {
            path.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        cmd.addAll(List.of("-cp", String.join(File.pathSeparator, path), ChatServer.class.getName(), "0"));
        Path err = Files.createTempFile("chat", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertThat(first).as("stderr: %s", Files.readString(err)).startsWith("chat on port ");
            int port = Integer.parseInt(first.substring("chat on port ".length()));
            try (Socket ann = new Socket("127.0.0.1", port); Socket bob = new Socket("127.0.0.1", port)) {
                BufferedReader annIn = reader(ann);
                BufferedReader bobIn = reader(bob);
                // Each hears the other: both are in the room.
                send(bob, "bob here\n");
                assertThat(annIn.readLine()).isEqualTo("bob here");
                send(ann, "hello bob\n");
                assertThat(bobIn.readLine()).isEqualTo("hello bob");
                assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
                assertThat(annIn.readLine()).as("end of file").isNull();
                assertThat(bobIn.readLine()).as("end of file").isNull();
            }
            assertThat(out.readLine()).isNull();
            assertThat(p.waitFor()).isEqualTo(130);
            assertThat(Files.readString(err)).isEmpty();
        } finally {
            p.destroyForcibly().waitFor();
            Files.deleteIfExists(err);
        }
    }

    static BufferedReader reader(Socket s) throws Exception {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    static void send(Socket s, String text) throws Exception {
        OutputStream o = s.getOutputStream();
        o.write(text.getBytes(StandardCharsets.UTF_8));
        o.flush();
    }
}
