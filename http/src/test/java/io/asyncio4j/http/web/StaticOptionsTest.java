package io.asyncio4j.http.web;

import static io.asyncio4j.http.web.RawClient.get;
import static io.asyncio4j.http.web.RawClient.serve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static routes' {@code showIndex} and {@code followSymlinks}, over real sockets. */
class StaticOptionsTest {
    @TempDir
    Path tmp;

    private Path root() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Files.writeString(root.resolve("b.txt"), "b");
        Files.writeString(root.resolve("B2.txt"), "B2");
        Files.createDirectory(root.resolve("sub dir"));
        Files.writeString(root.resolve("sub dir/inner.txt"), "inner");
        Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(tmp.resolve("outside/o.txt"), "out there");
        Files.createSymbolicLink(root.resolve("in-link.txt"), root.resolve("b.txt"));
        Files.createSymbolicLink(root.resolve("out-link.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("out-dir"), tmp.resolve("outside"));
        return root;
    }

    private List<RawClient.Resp> fetch(StaticOptions options, String... paths) throws IOException {
        Application app = new Application();
        app.router().addStatic("/static", root(), options);
        return serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                List<RawClient.Resp> out = new ArrayList<>();
                for (String p : paths) {
                    out.add(c.exchange(get(p)));
                }
                return out;
            }
        });
    }

    private static List<String> lines(List<RawClient.Resp> rs) {
        return rs.stream().map(r -> r.status() + " " + (r.status() == 200 ? r.text() : "")).toList();
    }

    @Test
    void byDefaultDirectoriesAreForbiddenAndSymlinksMayNotLeaveTheRoot() throws IOException {
        List<RawClient.Resp> rs = fetch(StaticOptions.DEFAULT, "/static/", "/static", "/static/sub%20dir",
                "/static/in-link.txt", "/static/out-link.txt", "/static/out-dir/o.txt", "/static/out-dir/",
                "/static/../secret.txt", "/staticx");
        assertThat(lines(rs)).containsExactly("403 ", "403 ", "403 ", "200 b", "404 ", "404 ", "404 ", "404 ", "404 ");
    }

    @Test
    void aGzipSiblingThatLinksOutOfTheRootIsNotServed() throws IOException {
        Path root = root();
        Files.createSymbolicLink(root.resolve("b.txt.gz"), tmp.resolve("secret.txt"));
        Files.writeString(root.resolve("B2.txt.gz"), "not really gzip, but in the root");
        Application app = new Application();
        app.router().addStatic("/static", root);
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange("GET /static/b.txt HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n"),
                        c.exchange("GET /static/B2.txt HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n"));
            }
        });
        assertThat(rs.get(0).text()).isEqualTo("b");
        assertThat(rs.get(0).headers().get("Content-Encoding")).isNull();
        assertThat(rs.get(1).headers().get("Content-Encoding")).isEqualTo("gzip");
    }

    @Test
    void followSymlinksServesTargetsOutsideTheRootButDotDotStillCannotClimb() throws IOException {
        List<RawClient.Resp> rs = fetch(StaticOptions.DEFAULT.followSymlinks(true), "/static/in-link.txt",
                "/static/out-link.txt", "/static/out-dir/o.txt", "/static/out-dir/", "/static/../secret.txt",
                "/static/sub%20dir/../../secret.txt", "/static/out-dir/../b.txt");
        assertThat(lines(rs)).containsExactly("200 b", "200 secret", "200 out there", "403 ", "404 ", "404 ",
                "200 b");
    }

    @Test
    void showIndexListsTheEntriesSortedAsAiohttpDoes() throws IOException {
        List<RawClient.Resp> rs = fetch(StaticOptions.DEFAULT.showIndex(true), "/static/", "/static/sub%20dir/",
                "/static/out-dir/", "/static/b.txt", "/static");
        assertThat(rs.get(0).status()).isEqualTo(200);
        assertThat(rs.get(0).headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(rs.get(0).text()).isEqualTo("""
                <html>
                <head>
                <title>Index of /.</title>
                </head>
                <body>
                <h1>Index of /.</h1>
                <ul>
                <li><a href="/static/B2.txt">B2.txt</a></li>
                <li><a href="/static/b.txt">b.txt</a></li>
                <li><a href="/static/in-link.txt">in-link.txt</a></li>
                <li><a href="/static/out-dir">out-dir/</a></li>
                <li><a href="/static/out-link.txt">out-link.txt</a></li>
                <li><a href="/static/sub%20dir">sub dir/</a></li>
                </ul>
                </body>
                </html>""");
        assertThat(rs.get(1).text()).contains("<title>Index of /sub dir</title>",
                "<li><a href=\"/static/sub%20dir/inner.txt\">inner.txt</a></li>");
        assertThat(rs.get(2).status()).isEqualTo(404); // a directory out of the root: refused before listing
        assertThat(rs.get(3).text()).isEqualTo("b");
        assertThat(rs.get(4).text()).as("the prefix without its slash lists the root too").isEqualTo(rs.get(0).text());
    }

    @Test
    void theListingIsAiohttpsForPlainNames() throws Exception {
        Path root = root();
        Files.delete(root.resolve("out-dir"));   // aiohttp 3.8 would list it (it does not check the entries)
        Files.delete(root.resolve("sub dir/inner.txt"));
        Files.delete(root.resolve("sub dir"));   // aiohttp 3.8 writes links unencoded: plain names only
        Files.createDirectory(root.resolve("sub"));
        Application app = new Application();
        app.router().addStatic("/static", root, StaticOptions.DEFAULT.showIndex(true));
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange(get("/static/")), c.exchange(get("/static/sub/")));
            }
        });
        assertThat(rs.get(0).text()).isEqualTo(aiohttpListing(root, "."));
        assertThat(rs.get(1).text()).isEqualTo(aiohttpListing(root, "sub"));
    }

    /** What aiohttp's own {@code StaticResource._directory_as_html} writes for {@code rel} under {@code root}. */
    private static String aiohttpListing(Path root, String rel) throws Exception {
        String script = "import sys, pathlib\n"
                + "from aiohttp.web_urldispatcher import StaticResource\n"
                + "r = StaticResource('/static', sys.argv[1])\n"
                + "sys.stdout.write(r._directory_as_html(pathlib.Path(sys.argv[1]).resolve() / sys.argv[2]))\n";
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, root.toString(), rel)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out = r.lines().collect(Collectors.joining("\n"));
        }
        assertThat(p.waitFor()).isZero();
        return out;
    }

    @Test
    void optionsAreCheckedAndImmutable() {
        StaticOptions o = StaticOptions.DEFAULT.showIndex(true).followSymlinks(true).name("s").chunkSize(10);
        assertThat(o).isEqualTo(new StaticOptions("s", 10, true, true));
        assertThat(StaticOptions.DEFAULT).isEqualTo(new StaticOptions(null, 256 * 1024, false, false));
        assertThatThrownBy(() -> StaticOptions.DEFAULT.chunkSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunkSize must be > 0");
    }
}
