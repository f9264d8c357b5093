package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A program that serves and fetches plain text never loads Jackson: the JSON machinery (hundreds of classes and
 * ~130 ms on a cold JVM) is paid only by a program that uses JSON. Checked in a fresh JVM with {@code -verbose:class}:
 * in this test JVM other tests may have loaded Jackson already. The JSON run is the control that the check can fail.
 */
@Timeout(60)
class NoJsonMachineryTest {

    /** The forked program: serves /text and /json, fetches {@code args[0]} with a ClientSession, prints the body. */
    public static void main(String[] args) {
        String body = Asyncio.run(() -> {
            Application app = new Application();
            app.router().get("/text", request -> Response.text("plain"));
            app.router().get("/json", request -> Response.json(Map.of("k", "v")));
            Site site = Web.start(app, "127.0.0.1", 0).await();
            try (ClientSession session = new ClientSession();
                    ClientResponse r = session.get("http://127.0.0.1:" + site.port() + args[0]).await()) {
                return r.status() + " " + r.text().await();
            } finally {
                site.close();
            }
        });
        System.out.println("BODY " + body);
    }

    private static String runForked(String path) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-verbose:class", "-cp", System.getProperty("java.class.path"),
                NoJsonMachineryTest.class.getName(), path)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void aPlainTextRequestAndResponseLoadNoJacksonClass() throws Exception {
        String out = runForked("/text");
        assertThat(out).contains("BODY 200 plain").contains("io.asyncio4j.http.web.Response ")
                .doesNotContain("com.fasterxml.jackson");
    }

    @Test
    void aJsonResponseLoadsJackson() throws Exception {
        String out = runForked("/json");
        assertThat(out).contains("BODY 200 {\"k\":\"v\"}").contains("com.fasterxml.jackson.databind.ObjectMapper ");
    }
}
