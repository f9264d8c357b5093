package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Serving and making HTTP requests with nothing recording loads no JFR event class (loading one sets up JFR's
 * metadata): checked in a fresh JVM with {@code -verbose:class}; the control run records and loads both.
 */
@Timeout(60)
class LazyJfrHttpTest {

    /** The forked program: a request to a local server; with argument {@code record}, under JFR. */
    public static void main(String[] args) throws Exception {
        jdk.jfr.Recording r = null;
        if (args.length > 0) {
            r = new jdk.jfr.Recording();
            r.start();
        }
        Asyncio.run(() -> {
            Application app = new Application();
            app.router().get("/", req -> Response.text("Hello"));
            Site site = Web.start(app, "127.0.0.1", 0).await();
            try (ClientSession s = new ClientSession();
                 ClientResponse resp = s.get("http://127.0.0.1:" + site.port() + "/").await()) {
                System.out.println(resp.text().await());
            } finally {
                site.close();
            }
            return null;
        });
        if (r != null) {
            r.stop();
            r.close();
        }
        System.out.println("DONE");
    }

    private static String runForked(String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String[] cmd = new String[6 + args.length];
        cmd[0] = java.toString();
        cmd[1] = "--add-opens=java.base/java.lang=ALL-UNNAMED";
        cmd[2] = "-verbose:class";
        cmd[3] = "-cp";
        cmd[4] = System.getProperty("java.class.path");
        cmd[5] = LazyJfrHttpTest.class.getName();
        System.arraycopy(args, 0, cmd, 6, args.length);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void servingAndRequestingWithNothingRecordingLoadsNoEventClass() throws Exception {
        String out = runForked();
        assertThat(out).contains("Hello").contains("DONE").contains("io.asyncio4j.http.web.HttpProtocol ")
                .doesNotContain("jdk.jfr.Event ").doesNotContain("io.asyncio4j.http.web.ServerRequestEvent ")
                .doesNotContain("io.asyncio4j.http.ClientRequestEvent ");
    }

    @Test
    void aRecordingLoadsThem() throws Exception {
        String out = runForked("record");
        assertThat(out).contains("DONE").contains("io.asyncio4j.http.web.ServerRequestEvent ")
                .contains("io.asyncio4j.http.ClientRequestEvent ");
    }
}
