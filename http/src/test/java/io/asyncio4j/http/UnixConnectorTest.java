package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.Site;
import io.asyncio4j.http.web.Web;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link UnixConnector} and a Unix socket site ({@link Web#startUnix}, aiohttp's {@code UnixSite}): our client
 * against our server, curl against our server, and, where /usr/bin/python3 has aiohttp, aiohttp's client against
 * our server and our client against aiohttp's {@code web.UnixSite}, with aiohttp's error message compared.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnixConnectorTest {
    @TempDir
    Path dir;

    private static <T> T run(Coro<T> main) {
        return Asyncio.run(main);
    }

    private static Application app() {
        Application app = new Application();
        // an absolute request target (a proxy's form) would show
        app.router().get("/hello", request -> Response.text("host=" + request.host() + " path=" + request.path()
                + "?" + request.queryString() + " remote=" + request.remote()
                + (request.rawPath().startsWith("/") ? "" : " absolute " + request.rawPath())));
        return app;
    }

    private static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void sessionWithUnixConnectorAgainstOurUnixSite() {
        Path path = dir.resolve("web.sock");
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            Site site = Web.startUnix(app(), path).await();
            log.add("site " + site.path().equals(path) + " " + site.port() + " " + site.sockets() + " "
                    + exists(path));
            UnixConnector connector = new UnixConnector(path);
            try (ClientSession s = ClientSession.builder().connector(connector).build()) {
                for (String url : List.of("http://example.test/hello?a=1", "http://other.test:8080/hello?b=2")) {
                    try (ClientResponse r = s.get(url).await()) {
                        log.add(r.status() + " " + r.text().await());
                    }
                }
                log.add("open=" + connector.openConnections() + " idle=" + connector.idleConnections());
            }
            log.add("closed " + connector.closed());
            site.close();
            site.waitClosed().await();
            log.add("file " + exists(path));
            return log;
        });
        assertThat(out).containsExactly("site true -1 [] true",
                "200 host=example.test path=/hello?a=1 remote=null",
                "200 host=other.test:8080 path=/hello?b=2 remote=null",
                // the pool is keyed by the URL's host and port, as aiohttp's: two hosts, two idle connections
                "open=2 idle=2", "closed true", "file false");
    }

    @Test
    void connectionsAreReusedPerHost() {
        Path path = dir.resolve("reuse.sock");
        String out = run(() -> {
            Site site = Web.startUnix(app(), path).await();
            try (UnixConnector connector = new UnixConnector(path, 10, 0, 15.0, false);
                 ClientSession s = ClientSession.builder().connector(connector).connectorOwner(false).build()) {
                for (int i = 0; i < 3; i++) {
                    s.get("http://localhost/hello?i=" + i).await().close();
                }
                String r = connector.openConnections() + " " + connector.idleConnections() + " " + connector.limit()
                        + " " + connector.path().equals(path) + " " + s.connector().toString().contains("unix=");
                site.close();
                site.waitClosed().await();
                return r;
            }
        });
        assertThat(out).isEqualTo("1 1 10 true true");
    }

    @Test
    void proxiesAreNotUsedOverAUnixSocket() {
        Path path = dir.resolve("proxy.sock");
        String out = run(() -> {
            Site site = Web.startUnix(app(), path).await();
            try (ClientSession s = ClientSession.builder().connector(new UnixConnector(path)).build();
                 ClientResponse r = s.get("http://target.test/hello?p=1", RequestOptions.builder()
                         .proxy("http://proxy.invalid:3128").build()).await()) {
                return r.status() + " " + r.text().await();
            } finally {
                site.close();
                site.waitClosed().await();
            }
        });
        assertThat(out).isEqualTo("200 host=target.test path=/hello?p=1 remote=null");
    }

    @Test
    void aMissingSocketIsAUnixClientConnectorErrorAsAiohttpsMessage() throws Exception {
        Path path = dir.resolve("missing.sock");
        UnixClientConnectorError e = run(() -> {
            try (ClientSession s = ClientSession.builder().connector(new UnixConnector(path)).build()) {
                s.get("http://localhost/").await();
                throw new AssertionError("connected to nothing");
            } catch (UnixClientConnectorError err) {
                return err;
            }
        });
        assertThat(e).hasMessage("Cannot connect to unix socket " + path + " ssl:default [No such file or directory]");
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.host()).isEqualTo("localhost");
        assertThat(e.port()).isEqualTo(80);
        assertThat(e).isInstanceOf(ClientConnectorError.class);
        if (hasAiohttp()) {
            String aiohttp = python("""
                    import asyncio, sys, aiohttp
                    async def main():
                        async with aiohttp.ClientSession(connector=aiohttp.UnixConnector(path=sys.argv[1])) as s:
                            try:
                                await s.get('http://localhost/')
                            except aiohttp.ClientConnectorError as e:
                                print(type(e).__name__ + ': ' + str(e))
                    asyncio.run(main())
                    """, path.toString()).trim();
            assertThat(aiohttp).isEqualTo("UnixClientConnectorError: " + e.getMessage());
        }
    }

    @Test
    void noTlsOverAUnixSocket() throws Exception {
        Path path = dir.resolve("tls.sock");
        run(() -> {
            Site site = Web.startUnix(app(), path).await();
            try (ClientSession s = ClientSession.builder().connector(new UnixConnector(path)).build()) {
                assertThatThrownBy(() -> s.get("https://localhost/hello").await())
                        .isInstanceOf(UnixClientConnectorError.class)
                        .hasMessage("Cannot connect to unix socket " + path
                                + " ssl:default [TLS over a Unix socket is not supported]");
            }
            site.close();
            site.waitClosed().await();
            return null;
        });
    }

    @Test
    void aNonSocketFileIsNotServedOver() throws Exception {
        Path path = dir.resolve("data.txt");
        Files.writeString(path, "data");
        run(() -> {
            assertThatThrownBy(() -> Web.startUnix(app(), path).await())
                    .isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessageContaining("cannot listen on unix socket " + path);
            return null;
        });
        assertThat(Files.readString(path)).isEqualTo("data");
    }

    @Test
    void curlAgainstOurUnixSite() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/curl").canExecute(), "curl is not installed");
        Path path = dir.resolve("curl.sock");
        String out = run(() -> {
            Site site = Web.startUnix(app(), path).await();
            String body = Asyncio.getRunningLoop().runInExecutor(null, () -> {
                try {
                    return command("/usr/bin/curl", "-sS", "--max-time", "20", "--unix-socket", path.toString(),
                            "http://curl.test/hello?c=1");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).await();
            site.close();
            site.waitClosed().await();
            return body;
        });
        assertThat(out).isEqualTo("host=curl.test path=/hello?c=1 remote=null");
    }

    @Test
    void aiohttpsUnixConnectorAgainstOurUnixSite() throws Exception {
        Assumptions.assumeTrue(hasAiohttp(), "/usr/bin/python3 has no aiohttp");
        Path path = dir.resolve("py-client.sock");
        String out = run(() -> {
            Site site = Web.startUnix(app(), path).await();
            String printed = Asyncio.getRunningLoop().runInExecutor(null, () -> python("""
                    import asyncio, sys, aiohttp
                    async def main():
                        async with aiohttp.ClientSession(connector=aiohttp.UnixConnector(path=sys.argv[1])) as s:
                            for q in ('x=1', 'y=2'):
                                async with s.get('http://py.test/hello?' + q) as r:
                                    print(r.status, await r.text())
                    asyncio.run(main())
                    """, path.toString())).await();
            site.close();
            site.waitClosed().await();
            return printed;
        });
        assertThat(out).isEqualTo("""
                200 host=py.test path=/hello?x=1 remote=null
                200 host=py.test path=/hello?y=2 remote=null
                """);
    }

    @Test
    void ourUnixConnectorAgainstAiohttpsUnixSite() throws Exception {
        Assumptions.assumeTrue(hasAiohttp(), "/usr/bin/python3 has no aiohttp");
        Path path = dir.resolve("py-site.sock");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", """
                import asyncio, sys
                from aiohttp import web
                async def hello(request):
                    return web.json_response({'host': request.host, 'path': request.path_qs})
                async def main():
                    app = web.Application()
                    app.router.add_get('/hello', hello)
                    runner = web.AppRunner(app)
                    await runner.setup()
                    await web.UnixSite(runner, sys.argv[1]).start()
                    print('ready', flush=True)
                    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
                    await runner.cleanup()
                asyncio.run(main())
                """, path.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("ready");
            List<String> out = run(() -> {
                List<String> got = new ArrayList<>();
                try (ClientSession s = ClientSession.builder().connector(new UnixConnector(path)).build()) {
                    for (String url : List.of("http://aiohttp.test/hello?a=1", "http://aiohttp.test/hello?b=2")) {
                        try (ClientResponse r = s.get(url).await()) {
                            got.add(r.status() + " " + r.text().await());
                        }
                    }
                }
                return got;
            });
            assertThat(out).containsExactly("200 {\"host\": \"aiohttp.test\", \"path\": \"/hello?a=1\"}",
                    "200 {\"host\": \"aiohttp.test\", \"path\": \"/hello?b=2\"}");
        } finally {
            p.getOutputStream().close();        // the script's stdin ends: it cleans up and exits
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static boolean hasAiohttp() {
        if (!new File("/usr/bin/python3").canExecute()) {
            return false;
        }
        try {
            return new ProcessBuilder("/usr/bin/python3", "-c", "import aiohttp").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static String python(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", script));
        cmd.addAll(List.of(args));
        try {
            return command(cmd.toArray(String[]::new));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String command(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isEqualTo(0);
        return out;
    }
}
