package io.asyncio4j.http.web;

import static io.asyncio4j.http.web.RawClient.serve;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request.post(): urlencoded and multipart forms, over real sockets. */
class PostTest {
    @TempDir
    Path tmp;

    /** Answers with the form as JSON: names to lists of described values. */
    static Application formEcho() {
        Application app = new Application();
        app.router().route("*", "/form", request -> {
            MultiDict<Object> form = request.post().await();
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : form.entries()) {
                Object v = e.getValue();
                String d = switch (v) {
                    case String s -> "str:" + s;
                    case byte[] b -> "bytes:" + new String(b, StandardCharsets.UTF_8);
                    case FileField f -> "file:" + f.filename() + ":" + f.contentType() + ":"
                            + Base64.getEncoder().encodeToString(f.content());
                    default -> "?";
                };
                out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(d);
            }
            return Response.json(out);
        });
        return app;
    }

    private static String post(String contentType, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return "POST /form HTTP/1.1\r\nHost: t\r\nContent-Type: " + contentType + "\r\nContent-Length: " + b.length
                + "\r\n\r\n" + new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void urlencodedForms() {
        List<RawClient.Resp> rs = serve(formEcho(), port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(
                        c.exchange(post("application/x-www-form-urlencoded",
                                "a=1&b=x+y%21&a=2&empty=&flag&%C3%BC=%C3%A9\r\n")),
                        c.exchange(post("application/x-www-form-urlencoded; charset=iso-8859-1", "n=%FC")),
                        c.exchange(post("application/json", "{\"a\":1}")),
                        c.exchange("GET /form?a=1 HTTP/1.1\r\nHost: t\r\n\r\n"));
            }
        });
        assertThat(rs.get(0).text()).isEqualTo("{\"a\":[\"str:1\",\"str:2\"],\"b\":[\"str:x y!\"],"
                + "\"empty\":[\"str:\"],\"flag\":[\"str:\"],\"ü\":[\"str:é\"]}");
        assertThat(rs.get(1).text()).isEqualTo("{\"n\":[\"str:ü\"]}");
        assertThat(rs.get(2).text()).isEqualTo("{}");
        assertThat(rs.get(3).text()).isEqualTo("{}");
    }

    private static final String MULTIPART = String.join("\r\n",
            "preamble",
            "--XyZ",
            "Content-Disposition: form-data; name=\"title\"",
            "",
            "Grüße",
            "--XyZ",
            "Content-Disposition: form-data; name=\"doc\"; filename=\"a \\\"b\\\".txt\"",
            "Content-Type: text/plain",
            "",
            "line 1\r\nline 2",
            "--XyZ",
            "Content-Disposition: form-data; name=\"raw\"",
            "Content-Type: application/octet-stream",
            "",
            "01",
            "--XyZ",
            "Content-Disposition: form-data; name=\"title\"",
            "Content-Type: text/plain; charset=iso-8859-1",
            "",
            "second",
            "--XyZ",
            "Content-Disposition: form-data; name=\"u\"; filename*=UTF-8''%C3%BC.bin",
            "",
            "x",
            "--XyZ--",
            "epilogue");

    @Test
    void multipartFormsWithFiles() {
        List<RawClient.Resp> rs = serve(formEcho(), port -> {
            try (RawClient c = new RawClient(port)) {
                return List.of(c.exchange(post("multipart/form-data; boundary=XyZ", MULTIPART)),
                        c.exchange(post("multipart/form-data; boundary=\"XyZ\"", MULTIPART)));
            }
        });
        String expected = "{\"title\":[\"str:Grüße\",\"str:second\"],"
                + "\"doc\":[\"file:a \\\"b\\\".txt:text/plain:" + b64("line 1\r\nline 2") + "\"],"
                + "\"raw\":[\"bytes:01\"],"
                + "\"u\":[\"file:ü.bin:application/octet-stream:" + b64("x") + "\"]}";
        assertThat(rs.get(0).status()).isEqualTo(200);
        assertThat(rs.get(0).text()).isEqualTo(expected);
        assertThat(rs.get(1).text()).isEqualTo(expected);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void multipartAfterRead() {
        Application app = new Application();
        app.router().post("/form", request -> {
            int n = request.read().await().length;
            MultiDict<Object> form = request.post().await();
            return Response.text(n + " " + form.getString("title") + " " + form.getFile("doc").text());
        });
        RawClient.Resp r = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                return c.exchange(post("multipart/form-data; boundary=XyZ", MULTIPART));
            }
        });
        assertThat(r.text()).isEqualTo(MULTIPART.getBytes(StandardCharsets.UTF_8).length
                + " Grüße line 1\r\nline 2");
    }

    @Test
    void malformedMultipartIsA400() {
        List<RawClient.Resp> rs = serve(formEcho(), port -> {
            List<RawClient.Resp> out = new ArrayList<>();
            for (String req : List.of(
                    post("multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; "
                            + "name=\"a\"\r\n\r\nno end"),
                    post("multipart/form-data", "--XyZ--"),
                    post("multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data\r\n\r\n"
                            + "x\r\n--XyZ--"))) {
                try (RawClient c = new RawClient(port)) {
                    out.add(c.exchange(req));
                }
            }
            return out;
        });
        assertThat(rs).extracting(RawClient.Resp::status).containsExactly(400, 400, 400);
        assertThat(rs.get(2).text()).contains("missing name");
    }

    @Test
    void respectsClientMaxSize() {
        Application app = formEcho().clientMaxSize(100);
        String big = "x".repeat(101);
        List<RawClient.Resp> rs = serve(app, port -> {
            List<RawClient.Resp> out = new ArrayList<>();
            for (String req : List.of(
                    post("multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; "
                            + "name=\"f\"; filename=\"f\"\r\n\r\n" + big + "\r\n--XyZ--\r\n"),
                    post("multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; "
                            + "name=\"a\"\r\n\r\n" + "y".repeat(60) + "\r\n--XyZ\r\nContent-Disposition: form-data; "
                            + "name=\"b\"\r\n\r\n" + "z".repeat(60) + "\r\n--XyZ--\r\n"),
                    post("application/x-www-form-urlencoded", "a=" + big),
                    // the framing does not count, only the contents (as aiohttp)
                    post("multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; "
                            + "name=\"a\"\r\n\r\n" + "y".repeat(90) + "\r\n--XyZ--\r\n"))) {
                try (RawClient c = new RawClient(port)) {
                    out.add(c.exchange(req));
                }
            }
            return out;
        });
        assertThat(rs).extracting(RawClient.Resp::status).containsExactly(413, 413, 413, 200);
    }

    @Test
    void curlFormsAndUploads() throws Exception {
        Assumptions.assumeTrue(InteropTest.hasCurl(), "curl is not installed");
        Path file = Files.write(tmp.resolve("up.bin"), new byte[] {0, 1, 2, (byte) 255});
        List<String> out = serve(formEcho(), port -> List.of(
                InteropTest.curl("-d", "name=Jürgen&x=1", "http://127.0.0.1:" + port + "/form"),
                InteropTest.curl("-F", "name=J", "-F", "up=@" + file + ";type=application/x-thing",
                        "http://127.0.0.1:" + port + "/form")));
        assertThat(out.get(0)).isEqualTo("{\"name\":[\"str:Jürgen\"],\"x\":[\"str:1\"]}");
        assertThat(out.get(1)).isEqualTo("{\"name\":[\"str:J\"],\"up\":[\"file:up.bin:application/x-thing:"
                + Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 255}) + "\"]}");
    }

    @Test
    void pythonAiohttpFormData() throws Exception {
        Map<String, Object> out = serve(formEcho(), port -> InteropTest.python("""
                import aiohttp, asyncio, json, sys
                async def main():
                    fd = aiohttp.FormData()
                    fd.add_field("a", "1")
                    fd.add_field("a", "zwei")
                    fd.add_field("f", b"\\x00data", filename="d.bin", content_type="application/x-d")
                    async with aiohttp.ClientSession() as s:
                        async with s.post(sys.argv[1], data=fd) as r:
                            print(await r.text())
                asyncio.run(main())
                """, "http://127.0.0.1:" + port + "/form"));
        assertThat(out).containsEntry("a", List.of("str:1", "str:zwei"))
                .containsEntry("f", List.of("file:d.bin:application/x-d:" + Base64.getEncoder()
                        .encodeToString("\0data".getBytes(StandardCharsets.ISO_8859_1))));
    }
}
