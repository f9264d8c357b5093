package io.asyncio4j.http.web;

import static io.asyncio4j.http.web.RawClient.get;
import static io.asyncio4j.http.web.RawClient.serve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileResponse and static routes, over real sockets. */
class FileResponseTest {
    @TempDir
    Path tmp;

    private static final long MTIME = 1_700_000_000L; // Tue, 14 Nov 2023 22:13:20 GMT

    private Path root() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Path hello = Files.writeString(root.resolve("hello.txt"), "Hello, files!");
        Files.setLastModifiedTime(hello, FileTime.fromMillis(MTIME * 1000));
        Files.createDirectory(root.resolve("sub"));
        Files.writeString(root.resolve("sub/inner.html"), "<p>inner</p>");
        Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("escape.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("inside.txt"), root.resolve("hello.txt"));
        return root;
    }

    @Test
    void servesStaticFilesWithTypesAndDates() throws IOException {
        Application app = new Application();
        app.router().addStatic("/static/", root());
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange(get("/static/hello.txt")), c.exchange(get("/static/sub/inner.html")),
                        c.exchange("HEAD /static/hello.txt HTTP/1.1\r\nHost: t\r\n\r\n"),
                        c.exchange(get("/static/inside.txt")), c.exchange(get("/static/missing.txt")));
            }
        });
        RawClient.Resp r = rs.get(0);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("Hello, files!");
        assertThat(r.headers().get("Content-Type")).isEqualTo("text/plain");
        assertThat(r.headers().get("Content-Length")).isEqualTo("13");
        assertThat(r.headers().get("Last-Modified")).isEqualTo("Tue, 14 Nov 2023 22:13:20 GMT");
        assertThat(r.headers().get("Accept-Ranges")).isEqualTo("bytes");
        assertThat(r.headers().get("ETag")).startsWith("\"").endsWith("-d\"");
        assertThat(rs.get(1).headers().get("Content-Type")).isEqualTo("text/html");
        assertThat(rs.get(1).text()).isEqualTo("<p>inner</p>");
        assertThat(rs.get(2).headers().get("Content-Length")).isEqualTo("13");
        assertThat(rs.get(2).body()).isEmpty();
        assertThat(rs.get(3).text()).isEqualTo("Hello, files!"); // a symlink inside the root is fine
        assertThat(rs.get(4).status()).isEqualTo(404);
    }

    @Test
    void staticRoutesNeverEscapeTheRoot() throws IOException {
        Application app = new Application();
        app.router().addStatic("/static", root());
        List<Integer> statuses = serve(app, port -> {
            List<Integer> out = new ArrayList<>();
            for (String path : List.of("/static/../secret.txt", "/static/sub/../../secret.txt",
                    "/static/%2e%2e/secret.txt", "/static/..%2Fsecret.txt", "/static/sub%2Finner.html",
                    "/static/escape.txt", "/static//etc/passwd", "/static/sub", "/static/", "/static/sub/x/..",
                    "/static/sub/../hello.txt")) {
                try (RawClient c = new RawClient(port)) {
                    RawClient.Resp r = c.exchange(get(path));
                    assertThat(r.text()).doesNotContain("secret").doesNotContain("root:");
                    out.add(r.status());
                }
            }
            return out;
        });
        assertThat(statuses).containsExactly(404, 404, 404, 404, 404, 404, 403, 403, 403, 403, 200);
    }

    @Test
    void addStaticNeedsADirectory() {
        Application app = new Application();
        assertThatThrownBy(() -> app.router().addStatic("/s", tmp.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No directory exists");
    }

    @Test
    void conditionalRequests() throws IOException {
        Path root = root();
        Application app = new Application();
        app.router().get("/f", request -> new FileResponse(root.resolve("hello.txt")));
        app.router().get("/none", request -> new FileResponse(root.resolve("none.txt")));
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                RawClient.Resp first = c.exchange(get("/f"));
                String etag = first.headers().get("ETag");
                return List.of(first,
                        c.exchange(ims("Tue, 14 Nov 2023 22:13:20 GMT")),
                        c.exchange(ims("Tue, 14 Nov 2023 22:13:19 GMT")),
                        c.exchange(ims("not a date")),
                        c.exchange("GET /f HTTP/1.1\r\nHost: t\r\nIf-None-Match: " + etag + "\r\n\r\n"),
                        c.exchange("GET /f HTTP/1.1\r\nHost: t\r\nIf-Match: \"other\"\r\n\r\n"),
                        c.exchange("GET /f HTTP/1.1\r\nHost: t\r\nIf-Unmodified-Since: Mon, 13 Nov 2023 00:00:00 GMT"
                                + "\r\n\r\n"),
                        c.exchange(get("/none")),
                        c.exchange(get("/f")));
            }
        });
        assertThat(rs.get(1).status()).isEqualTo(304);
        assertThat(rs.get(1).body()).isEmpty();
        assertThat(rs.get(1).headers().get("Last-Modified")).isEqualTo("Tue, 14 Nov 2023 22:13:20 GMT");
        assertThat(rs.get(2).status()).isEqualTo(200);
        assertThat(rs.get(3).status()).isEqualTo(200);
        assertThat(rs.get(4).status()).isEqualTo(304);
        assertThat(rs.get(5).status()).isEqualTo(412);
        assertThat(rs.get(6).status()).isEqualTo(412);
        assertThat(rs.get(7).status()).isEqualTo(404);
        assertThat(rs.get(8).text()).isEqualTo("Hello, files!"); // the connection stayed in step
    }

    @Test
    void conditionalDatesInTheObsoleteFormsAreHonouredAsAiohttpDoes() throws IOException {
        // RFC 9110 5.6.7: recipients accept RFC 850 and asctime dates too. aiohttp 3.8.4 answers these 304, 200, 412,
        // 200, 206 and 200 for a file of this mtime.
        String mtimeRfc850 = "Tuesday, 14-Nov-23 22:13:20 GMT";
        String mtimeAsctime = "Tue Nov 14 22:13:20 2023";
        List<RawClient.Resp> rs = helloAnswers(ims(mtimeRfc850), ims(mtimeAsctime), ims("Tue Nov 14 22:13:19 2023"),
                "GET /f HTTP/1.1\r\nHost: t\r\nIf-Unmodified-Since: Monday, 13-Nov-23 00:00:00 GMT\r\n\r\n",
                "GET /f HTTP/1.1\r\nHost: t\r\nIf-Unmodified-Since: " + mtimeAsctime + "\r\n\r\n",
                "GET /f HTTP/1.1\r\nHost: t\r\nRange: bytes=0-4\r\nIf-Range: " + mtimeAsctime + "\r\n\r\n",
                "GET /f HTTP/1.1\r\nHost: t\r\nRange: bytes=0-4\r\nIf-Range: Monday, 13-Nov-23 00:00:00 GMT\r\n\r\n");
        assertThat(rs).extracting(RawClient.Resp::status).containsExactly(304, 304, 200, 412, 200, 206, 200);
        assertThat(rs.get(0).headers().get("Last-Modified")).isEqualTo("Tue, 14 Nov 2023 22:13:20 GMT");
        assertThat(rs.get(5).text()).isEqualTo("Hello");
    }

    @Test
    void dateAndLastModifiedAreImfFixdateWithATwoDigitDay() throws IOException {
        // RFC 9110 5.6.7: "Fri, 04 Dec 2026", never "Fri, 4 Dec 2026" (Go's http.ParseTime refuses that one)
        Path root = root();
        Path early = Files.writeString(root.resolve("early.txt"), "early");
        Files.setLastModifiedTime(early, FileTime.fromMillis(1_796_371_200_000L)); // 2026-12-04T08:00:00Z
        Application app = new Application();
        app.router().addStatic("/static/", root);
        RawClient.Resp r = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return c.exchange(get("/static/early.txt"));
            }
        });
        assertThat(r.headers().get("Last-Modified")).isEqualTo("Fri, 04 Dec 2026 08:00:00 GMT");
        assertThat(r.headers().get("Date"))
                .matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(java.time.Duration.between(java.time.ZonedDateTime.parse(r.headers().get("Date"),
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(), java.time.Instant.now()))
                .isBetween(java.time.Duration.ofSeconds(-1), java.time.Duration.ofSeconds(60));
    }

    private static String ims(String date) {
        return "GET /f HTTP/1.1\r\nHost: t\r\nIf-Modified-Since: " + date + "\r\n\r\n";
    }

    private static String range(String r) {
        return "GET /f HTTP/1.1\r\nHost: t\r\nRange: " + r + "\r\n\r\n";
    }

    /** The answers of {@code /f}, hello.txt ("Hello, files!"), to {@code requests} in turn on one connection. */
    private List<RawClient.Resp> helloAnswers(String... requests) throws IOException {
        Path root = root();
        Application app = new Application();
        app.router().get("/f", request -> new FileResponse(root.resolve("hello.txt")));
        return serve(app, port -> {
            List<RawClient.Resp> out = new java.util.ArrayList<>();
            try (RawClient c = new RawClient(port)) {
                for (String r : requests) {
                    out.add(c.exchange(r));
                }
            }
            return out;
        });
    }

    @Test
    void singleRanges() throws IOException {
        List<RawClient.Resp> rs = helloAnswers(range("bytes=0-4"), range("bytes=7-"), range("bytes=-6"),
                range("bytes=7-100"), range("bytes=13-"), range("bytes=0-1,3-4"), range("bytes=5-2"),
                range("pages=1-2"), "GET /f HTTP/1.1\r\nHost: t\r\nRange: bytes=0-4\r\n"
                        + "If-Range: Mon, 13 Nov 2023 00:00:00 GMT\r\n\r\n", get("/f"));
        assertThat(rs.get(0).status()).isEqualTo(206);
        assertThat(rs.get(0).text()).isEqualTo("Hello");
        assertThat(rs.get(0).headers().get("Content-Range")).isEqualTo("bytes 0-4/13");
        assertThat(rs.get(1).text()).isEqualTo("files!");
        assertThat(rs.get(1).headers().get("Content-Range")).isEqualTo("bytes 7-12/13");
        assertThat(rs.get(2).text()).isEqualTo("files!");
        assertThat(rs.get(3).text()).isEqualTo("files!");
        for (int i = 4; i <= 7; i++) {
            assertThat(rs.get(i).status()).as("response %d", i).isEqualTo(416);
            assertThat(rs.get(i).headers().get("Content-Range")).isEqualTo("bytes */13");
        }
        assertThat(rs.get(8).status()).isEqualTo(200); // the file changed after If-Range: whole file
        assertThat(rs.get(8).text()).isEqualTo("Hello, files!");
        assertThat(rs.get(9).text()).isEqualTo("Hello, files!");
    }

    @Test
    void rangePositionsTooLargeForALongAreClampedOrUnsatisfiable() throws IOException {
        List<RawClient.Resp> rs = helloAnswers(range("bytes=0-99999999999999999999"),
                range("bytes=7-9223372036854775807"), range("bytes=-99999999999999999999"),
                range("bytes=00000000000000000000007-"), range("bytes=99999999999999999999-"),
                range("bytes=99999999999999999999-99999999999999999999"));
        assertThat(rs.get(0).status()).isEqualTo(206);
        assertThat(rs.get(0).text()).isEqualTo("Hello, files!");
        assertThat(rs.get(0).headers().get("Content-Range")).isEqualTo("bytes 0-12/13");
        assertThat(rs.get(1).status()).isEqualTo(206);
        assertThat(rs.get(1).headers().get("Content-Range")).isEqualTo("bytes 7-12/13");
        assertThat(rs.get(2).status()).isEqualTo(206);
        assertThat(rs.get(2).headers().get("Content-Range")).isEqualTo("bytes 0-12/13");
        assertThat(rs.get(3).text()).isEqualTo("files!");
        for (int i = 4; i <= 5; i++) {
            assertThat(rs.get(i).status()).as("response %d", i).isEqualTo(416);
            assertThat(rs.get(i).headers().get("Content-Range")).isEqualTo("bytes */13");
        }
    }

    @Test
    void largeFilesInChunksAndRanges() throws IOException {
        byte[] data = new byte[3 * FileResponse.DEFAULT_CHUNK_SIZE + 12345];
        new Random(7).nextBytes(data);
        Path big = Files.write(tmp.resolve("big.bin"), data);
        Application app = new Application();
        app.router().get("/big", request -> new FileResponse(big));
        app.router().get("/small-chunks", request -> new FileResponse(big, 1000));
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange(get("/big")), c.exchange(get("/small-chunks")),
                        c.exchange("GET /big HTTP/1.1\r\nHost: t\r\nRange: bytes=300000-700000\r\n\r\n"));
            }
        });
        assertThat(rs.get(0).headers().get("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(rs.get(0).body()).isEqualTo(data);
        assertThat(rs.get(1).body()).isEqualTo(data);
        assertThat(rs.get(2).body()).isEqualTo(java.util.Arrays.copyOfRange(data, 300000, 700001));
    }

    @Test
    void aFileLargerThanTheSocketBuffersGoesOutByteExactBySendfileWithRangesAndCompressionStillRight()
            throws Exception {
        byte[] data = new byte[16 * 1024 * 1024 + 777];
        new Random(18).nextBytes(data);
        Path big = Files.write(tmp.resolve("huge.bin"), data);
        Application app = new Application();
        app.router().get("/huge", request -> new FileResponse(big));
        app.router().get("/gz", request -> {
            FileResponse r = new FileResponse(big);
            r.enableCompression();
            return r;
        });
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange(get("/huge")),
                        c.exchange("GET /huge HTTP/1.1\r\nHost: t\r\nRange: bytes=5000000-13000000\r\n\r\n"),
                        c.exchange("GET /huge HTTP/1.1\r\nHost: t\r\nRange: bytes=-1000\r\n\r\n"),
                        c.exchange("GET /gz HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n"),
                        c.exchange(get("/huge")));
            }
        });
        assertThat(rs.get(0).status()).isEqualTo(200);
        assertThat(rs.get(0).body()).isEqualTo(data);
        assertThat(rs.get(1).status()).isEqualTo(206);
        assertThat(rs.get(1).headers().get("Content-Range")).isEqualTo("bytes 5000000-13000000/" + data.length);
        assertThat(rs.get(1).body()).isEqualTo(java.util.Arrays.copyOfRange(data, 5000000, 13000001));
        assertThat(rs.get(2).body()).isEqualTo(java.util.Arrays.copyOfRange(data, data.length - 1000, data.length));
        assertThat(rs.get(3).headers().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(rs.get(3).body()))
                .readAllBytes()).isEqualTo(data);
        assertThat(rs.get(4).body()).isEqualTo(data); // the connection still serves after sendfile
    }

    @Test
    void aClientThatDisconnectsMidTransferLeavesNoOpenFile() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc");
        byte[] data = new byte[24 * 1024 * 1024];
        Path big = Files.write(tmp.resolve("gone.bin"), data);
        Application app = new Application();
        app.router().get("/gone", request -> new FileResponse(big));
        long open = serve(app, port -> {
            for (int i = 0; i < 3; i++) {
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                    s.getOutputStream().write(get("/gone").getBytes(StandardCharsets.ISO_8859_1));
                    s.getInputStream().readNBytes(200_000); // the transfer is under way; then it goes
                }
            }
            long n = 0;
            for (int i = 0; i < 200; i++) { // the server notices the reset at its next write
                n = openFiles(big);
                if (n == 0) {
                    break;
                }
                Thread.sleep(25);
            }
            return n;
        });
        assertThat(open).isZero();
    }

    private static long openFiles(Path file) throws IOException {
        Path real = file.toRealPath();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(real);
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        }
    }

    @Test
    void guessesTypesAsPythonMimetypes() {
        assertThat(FileResponse.guessType("a.json")).containsExactly("application/json", null);
        assertThat(FileResponse.guessType("a.tar.gz")).containsExactly("application/x-tar", "gzip");
        assertThat(FileResponse.guessType("A.PNG")).containsExactly("image/png", null);
        assertThat(FileResponse.guessType("noext")).containsExactly("application/octet-stream", null);
        assertThat(FileResponse.guessType("photo.avif")).containsExactly("image/avif", null);
        assertThat(FileResponse.guessType("logo.svgz")).containsExactly("image/svg+xml", "gzip");
        assertThat(FileResponse.guessType("book.epub")).containsExactly("application/epub+zip", null);
    }

    @Test
    void sendsAGzippedSiblingWhenAccepted() throws IOException {
        Path root = root();
        byte[] gz = StreamResponseTestSupport.gzip("Hello, files!".getBytes(StandardCharsets.UTF_8));
        Files.write(root.resolve("hello.txt.gz"), gz);
        Application app = new Application();
        app.router().addStatic("/s", root);
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange("GET /s/hello.txt HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n"),
                        c.exchange(get("/s/hello.txt")));
            }
        });
        assertThat(rs.get(0).headers().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(rs.get(0).body()).isEqualTo(gz);
        assertThat(rs.get(1).text()).isEqualTo("Hello, files!");
    }

    @Test
    void curlDownloadsAndResumes() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(InteropTest.hasCurl(), "curl is not installed");
        Path root = root();
        Application app = new Application();
        app.router().addStatic("/s", root);
        String out = serve(app, port -> InteropTest.curl("http://127.0.0.1:" + port + "/s/hello.txt",
                "-r", "7-"));
        assertThat(out).isEqualTo("files!");
    }
}
