package io.asyncio4j.http.web;

import static io.asyncio4j.http.web.RawClient.serve;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Other clients against the server: the JDK's HttpClient, and curl (skipped where curl is missing). */
class InteropTest {
    static Application app() {
        Application app = new Application();
        app.router()
                .get("/", request -> Response.text("Hello, World!"))
                .post("/upload", request -> Response.json(Map.of("bytes", request.read().await().length,
                        "chunked", request.contentLength() < 0)))
                .get("/items/{id:\\d+}", request -> Response.json(Map.of("id", request.matchInfo("id"))))
                .get("/text", request -> Response.text("compress me ".repeat(1000)).enableCompression());
        return app;
    }

    @Test
    void jdkHttpClientOnOneConnection() {
        List<String> r = serve(app(), port -> {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<String> out = new ArrayList<>();
            for (String path : List.of("/", "/items/7", "/items/x")) {
                HttpResponse<String> resp = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + path)).build(), HttpResponse.BodyHandlers.ofString());
                out.add(resp.statusCode() + " " + resp.body());
            }
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/upload")).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100_000])).build(),
                    HttpResponse.BodyHandlers.ofString());
            out.add(post.statusCode() + " " + post.body());
            return out;
        });
        assertThat(r.get(0)).isEqualTo("200 Hello, World!");
        assertThat(r.get(1)).isEqualTo("200 {\"id\":\"7\"}");
        assertThat(r.get(2)).startsWith("404 ");
        assertThat(r.get(3)).startsWith("200 ").contains("\"bytes\":100000");
    }

    static boolean hasCurl() {
        return new File("/usr/bin/curl").canExecute();
    }

    static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isEqualTo(0);
        return out;
    }

    /**
     * Runs {@code script} with /usr/bin/python3 (aiohttp installed) and {@code args}, and parses the JSON object
     * it prints. Skips the test where python3 or aiohttp is missing.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> python(String script, String... args) throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/python3").canExecute(), "python3 is not installed");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        Assumptions.assumeFalse(out.contains("No module named 'aiohttp'"), "aiohttp is not installed");
        assertThat(rc).as(out).isEqualTo(0);
        return io.asyncio4j.http.json.JsonCodec.defaultCodec().decode(out, Map.class);
    }

    static File zeros(int size) throws java.io.IOException {
        File f = File.createTempFile("upload", ".bin");
        f.deleteOnExit();
        java.nio.file.Files.write(f.toPath(), new byte[size]);
        return f;
    }

    @Test
    void curlReusesTheConnection() {
        Assumptions.assumeTrue(hasCurl(), "curl is not installed");
        String out = serve(app(), port -> curl("-v", "http://127.0.0.1:" + port + "/",
                "http://127.0.0.1:" + port + "/items/12"));
        assertThat(out).contains("Hello, World!", "{\"id\":\"12\"}");
        assertThat(out).containsPattern("Re-using existing connection|Reusing existing connection");
    }

    @Test
    void curlGetsGzipWhenItAsksAndPlainTextWhenItDoesNot() {
        Assumptions.assumeTrue(hasCurl(), "curl is not installed");
        String[] out = serve(app(), port -> new String[] {
                curl("-D", "-", "-H", "Accept-Encoding: gzip", "--compressed", "http://127.0.0.1:" + port + "/text"),
                curl("-D", "-", "-H", "Accept-Encoding:", "http://127.0.0.1:" + port + "/text")});
        String body = "compress me ".repeat(1000);
        assertThat(out[0]).containsIgnoringCase("Content-Encoding: gzip").endsWith(body);
        assertThat(out[1]).doesNotContainIgnoringCase("Content-Encoding").endsWith(body);
    }

    @Test
    void curlUploadsChunked() {
        Assumptions.assumeTrue(hasCurl(), "curl is not installed");
        String out = serve(app(), port -> {
            File f = zeros(300_000);
            return curl("-H", "Transfer-Encoding: chunked", "--data-binary", "@" + f.getPath(),
                    "http://127.0.0.1:" + port + "/upload");
        });
        assertThat(out).contains("\"bytes\":300000", "\"chunked\":true");
    }

    @Test
    void curlSendsExpectContinueForLargeBodies() {
        Assumptions.assumeTrue(hasCurl(), "curl is not installed");
        String out = serve(app(), port -> {
            File f = zeros(2_000_000);
            return curl("-v", "--data-binary", "@" + f.getPath(), "http://127.0.0.1:" + port + "/upload");
        });
        assertThat(out).contains("Expect: 100-continue", "HTTP/1.1 413");
    }
}
