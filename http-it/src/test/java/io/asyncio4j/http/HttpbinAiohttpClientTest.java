package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.httpbin.Httpbin;
import io.asyncio4j.http.web.Site;
import io.asyncio4j.http.web.Web;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python's aiohttp client (Debian's python3-aiohttp) against our httpbin app, served by this test's loop. */
class HttpbinAiohttpClientTest {
    @TempDir
    Path dir;

    @Test
    void aiohttpsClientGetsWhatHttpbinAnswers() throws Exception {
        assertThat(new File("/usr/bin/python3")).as("python3-aiohttp is needed (./asyncio4j test installs it)")
                .canRead();
        Path script = dir.resolve("aiohttp_client.py");
        try (InputStream in = getClass().getResourceAsStream("/httpbin/aiohttp_client.py")) {
            Files.copy(in, script);
        }
        String[] result = Asyncio.run(() -> {
            Site site = Web.start(Httpbin.app(), "127.0.0.1", 0).await();
            try {
                return Asyncio.toThread(() -> {
                    Process p = new ProcessBuilder("/usr/bin/python3", script.toString(),
                            "http://127.0.0.1:" + site.port()).redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    return new String[] {String.valueOf(p.waitFor()), out};
                }).await();
            } finally {
                site.close();
            }
        });
        assertThat(result[0]).as(result[1]).isEqualTo("0");
        assertThat(result[1].lines().toList()).containsExactlyElementsOf(List.of(
                "get 200 {'x': '1'}",
                "post 200 {'k': [1, 2]}",
                "form 200 {'f': 'v'}",
                "gzip 200 gzip True",
                "brotli 200 br True",
                "redirect 200 /get 2",
                "cookies 200 {'k': 'v'}",
                "status 418",
                "stream 200 3",
                "range 206 abcde",
                "auth 200 {'authenticated': True, 'user': 'u'}",
                "delay 200 ['args', 'data', 'files', 'form', 'headers', 'origin', 'url']",
                "html 200 text/html utf-8 True 3741",
                "image 200 image/png b'\\x89PNG'",
                "links 200 /links/3/0 1 2",
                "base64 200 aiohttp",
                "xml 200 application/xml True"));
    }
}
