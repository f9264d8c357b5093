package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The media-type table (1,550 extensions, read from a resource) is read on the first file served, not when a
 * server starts or answers its first plain response, even with a static route (issue 16's fast start, issue 17
 * item 9's table). Checked in a fresh JVM with {@code -verbose:class}: the table is a lazy holder class, loaded
 * exactly when it is first read.
 */
@Timeout(60)
class MimeTableLazinessTest {
    private static final String TABLE = "io.asyncio4j.http.internal.MimeTypes$Table ";

    /** The forked program: serves /text and the static directory {@code args[0]}, fetches each of the rest. */
    public static void main(String[] args) {
        Asyncio.run(() -> {
            Application app = new Application();
            app.router().get("/text", request -> Response.text("plain"));
            app.router().addStatic("/static", Path.of(args[0]));
            Site site = Web.start(app, "127.0.0.1", 0).await();
            try (ClientSession session = new ClientSession()) {
                for (int i = 1; i < args.length; i++) {
                    try (ClientResponse r = session.get("http://127.0.0.1:" + site.port() + args[i]).await()) {
                        System.out.println("BODY " + r.status() + " " + r.contentType() + " " + r.text().await());
                        System.out.flush();
                    }
                }
            } finally {
                site.close();
            }
            return null;
        });
    }

    private static String runForked(String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-verbose:class",
                "-cp", System.getProperty("java.class.path"), MimeTableLazinessTest.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void aPlainResponseReadsNoTableAndTheFirstFileServedDoes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("site.css"), "p{}");
        String out = runForked(dir.toString(), "/text", "/static/site.css");
        int plain = out.indexOf("BODY 200 text/plain plain");
        int file = out.indexOf("BODY 200 text/css p{}");
        assertThat(plain).as(out).isPositive();
        assertThat(file).as(out).isGreaterThan(plain);
        int table = out.indexOf(TABLE);
        assertThat(table).as("the table is read after the plain response, for the file").isGreaterThan(plain)
                .isLessThan(file);
    }
}
