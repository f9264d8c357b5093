package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.streams.StreamReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/**
 * Request bodies: forms (urlencoded and multipart with files) and streamed, chunked bodies against the reference
 * httpbin; compression, chunk framing and {@code Expect: 100-continue} against a {@link RawServer} that checks
 * the bytes on the wire.
 */
class ClientBodyTest {
    private static final Peers.Peer httpbin = Peers.sharedHttpbin();


    private static void session(Peers.SessionBody body) {
        Peers.inSession(ClientSession.builder().baseUrl(httpbin.url("/")), body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> post(ClientSession s, String path, RequestOptions o) {
        try (ClientResponse r = s.post(path, o).await()) {
            assertThat(r.status()).isEqualTo(200);
            return r.json(Map.class).await();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> headers(Map<String, Object> echo) {
        return (Map<String, Object>) echo.get("headers");
    }

    @Test
    void multipartFormWithFiles() {
        session(s -> {
            FormData form = new FormData()
                    .addField("title", "report é")
                    .addField("file", "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8), "text/plain", "notes.txt")
                    .addField("raw", "abc".getBytes(StandardCharsets.US_ASCII), null, null);
            assertThat(form.isMultipart()).isTrue();
            Map<String, Object> m = post(s, "/post", RequestOptions.builder().data(form).build());
            assertThat(m.get("form")).isEqualTo(Map.of("title", "report é"));
            assertThat(m.get("files")).isEqualTo(Map.of("file", "line 1\nline 2\n", "raw", "abc"));
            assertThat(headers(m).get("Content-Type")).isEqualTo("multipart/form-data; boundary=" + form.boundary());
        });
    }

    @Test
    void formDataOfPlainFieldsIsUrlencoded() {
        session(s -> {
            FormData form = new FormData().addField("a", "1 2").addField("b", "ü&=");
            Map<String, Object> m = post(s, "/post", RequestOptions.builder().data(form).build());
            assertThat(m.get("form")).isEqualTo(Map.of("a", "1 2", "b", "ü&="));
            assertThat(headers(m).get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        });
    }

    @Test
    void theExactMultipartBytes() {
        FormData form = new FormData().addField("a\"b", "x").addField("f", new byte[] {1, 2}, null, "my file.bin");
        String b = form.boundary();
        assertThat(b).matches("[0-9a-f]{32}");
        assertThat(new String(form.encode(), StandardCharsets.ISO_8859_1)).isEqualTo("--" + b + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Disposition: form-data; name=\"a\\\"b\"\r\n\r\nx\r\n"
                + "--" + b + "\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Disposition: form-data; name=\"f\"; filename=\"my%20file.bin\"\r\n\r\n\u0001\u0002\r\n"
                + "--" + b + "--\r\n");
    }

    /** Answers each request with "te=<Transfer-Encoding> cl=<Content-Length> sizes=<chunk sizes> <body>". */
    private static RawServer echoServer() throws IOException {
        return new RawServer(peer -> {
            while (true) {
                RawServer.Request req = peer.readRequest();
                if (req == null) {
                    return;
                }
                List<Integer> sizes = new ArrayList<>();
                byte[] body = "chunked".equals(req.headers().get("Transfer-Encoding"))
                        ? readChunked(peer.in, sizes) : req.body();
                peer.ok("te=" + req.headers().get("Transfer-Encoding") + " cl=" + req.headers().get("Content-Length")
                        + " sizes=" + sizes + " " + new String(body, StandardCharsets.UTF_8));
            }
        });
    }

    private static String send(ClientSession s, String url, RequestOptions o) {
        try (ClientResponse r = s.post(url, o).await()) {
            return r.text().await();
        }
    }

    @Test
    void streamedBodiesGoChunked() throws Exception {
        try (RawServer server = echoServer()) {
            Asyncio.run(() -> {
                try (ClientSession s = new ClientSession()) {
                    Iterator<byte[]> chunks = List.of("one,", "two,", "", "three").stream()
                            .map(x -> x.getBytes(StandardCharsets.UTF_8)).iterator();
                    assertThat(send(s, server.url("/"), RequestOptions.builder().data(chunks).build()))
                            .isEqualTo("te=chunked cl=null sizes=[4, 4, 5, 0] one,two,three");

                    StreamReader reader = new StreamReader();
                    Asyncio.getRunningLoop().callSoon(() -> {
                        reader.feedData("from ".getBytes(StandardCharsets.UTF_8));
                        reader.feedData("a reader".getBytes(StandardCharsets.UTF_8));
                        reader.feedEof();
                    });
                    assertThat(send(s, server.url("/"), RequestOptions.builder().data(reader).build()))
                            .endsWith(" from a reader").startsWith("te=chunked cl=null");

                    // a stream with a Content-Length given goes as is
                    Iterator<byte[]> sized = List.of("ab", "cd").stream()
                            .map(x -> x.getBytes(StandardCharsets.UTF_8)).iterator();
                    assertThat(send(s, server.url("/"), RequestOptions.builder().data(sized)
                            .header("Content-Length", "4").build())).isEqualTo("te=null cl=4 sizes=[] abcd");

                    assertThat(send(s, server.url("/"), RequestOptions.builder()
                            .data("bytes".getBytes(StandardCharsets.UTF_8)).chunked(true).build()))
                            .isEqualTo("te=chunked cl=null sizes=[5, 0] bytes");
                    assertThat(send(s, server.url("/"), RequestOptions.builder()
                            .data("plain".getBytes(StandardCharsets.UTF_8)).build()))
                            .isEqualTo("te=null cl=5 sizes=[] plain");
                    // every body ended where the server expected it: one connection throughout
                    assertThat(server.accepted.get()).isEqualTo(1);
                    return null;
                }
            });
        }
    }

    /** Reads a chunked body (and its last chunk) from {@code in}. */
    static byte[] readChunked(InputStream in, List<Integer> sizes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("EOF in chunk size");
                }
                line.append((char) c);
            }
            int size = Integer.parseInt(line.toString().trim(), 16);
            sizes.add(size);
            byte[] data = in.readNBytes(size);
            out.writeBytes(data);
            in.readNBytes(2);
            if (size == 0) {
                return out.toByteArray();
            }
        }
    }

    @Test
    void compressedBodiesWithContentEncoding() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (RawServer server = new RawServer(peer -> {
            while (true) {
                RawServer.Request req = peer.readRequest();
                if (req == null) {
                    return;
                }
                byte[] raw = readChunked(peer.in, new ArrayList<>());
                String enc = req.headers().get("Content-Encoding");
                InputStream z = enc.equals("gzip") ? new GZIPInputStream(new ByteArrayInputStream(raw))
                        : new InflaterInputStream(new ByteArrayInputStream(raw));
                seen.add(enc + " " + req.headers().get("Transfer-Encoding") + " "
                        + new String(z.readAllBytes(), StandardCharsets.UTF_8));
                peer.ok("ok");
            }
        })) {
            Asyncio.run(() -> {
                try (ClientSession s = new ClientSession()) {
                    String text = "hello ".repeat(1000);
                    for (String enc : List.of("deflate", "gzip")) {
                        try (ClientResponse r = s.post(server.url("/"), RequestOptions.builder().compress(enc)
                                .data(text.getBytes(StandardCharsets.UTF_8)).build()).await()) {
                            assertThat(r.text().await()).isEqualTo("ok");
                        }
                    }
                    Iterator<byte[]> parts = List.of("a".repeat(100), "b".repeat(100)).stream()
                            .map(x -> x.getBytes(StandardCharsets.UTF_8)).iterator();
                    try (ClientResponse r = s.post(server.url("/"), RequestOptions.builder().compress("gzip")
                            .data(parts).build()).await()) {
                        assertThat(r.text().await()).isEqualTo("ok");
                    }
                    assertThat(s.connector().openConnections()).isEqualTo(1);
                    return null;
                }
            });
            assertThat(seen).containsExactly("deflate chunked " + "hello ".repeat(1000),
                    "gzip chunked " + "hello ".repeat(1000), "gzip chunked " + "a".repeat(100) + "b".repeat(100));
        }
        assertThatThrownBy(() -> RequestOptions.builder().compress("br")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestOptions.builder().compress("gzip").header("Content-Encoding", "gzip").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expect100SendsTheBodyOnlyAfterContinue() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (RawServer server = new RawServer(peer -> {
            while (true) {
                RawServer.Request req = peer.readRequestHead();
                if (req == null) {
                    return;
                }
                log.add("head " + req.target() + " expect=" + req.headers().get("Expect")
                        + " available=" + peer.in.available());
                if (req.target().equals("/refuse")) {
                    peer.write("HTTP/1.1 417 Expectation Failed\r\nContent-Length: 2\r\n\r\nno");
                    continue;
                }
                peer.write("HTTP/1.1 100 Continue\r\n\r\n");
                byte[] body = peer.in.readNBytes(Integer.parseInt(req.headers().get("Content-Length")));
                log.add("body " + new String(body, StandardCharsets.UTF_8));
                peer.ok("got " + body.length);
            }
        })) {
            Asyncio.run(() -> {
                try (ClientSession s = new ClientSession()) {
                    RequestOptions o = RequestOptions.builder().expect100(true)
                            .data("payload".getBytes(StandardCharsets.UTF_8)).build();
                    try (ClientResponse r = s.post(server.url("/ok"), o).await()) {
                        assertThat(r.status()).isEqualTo(200);
                        assertThat(r.text().await()).isEqualTo("got 7");
                    }
                    try (ClientResponse r = s.post(server.url("/refuse"), o).await()) {
                        assertThat(r.status()).isEqualTo(417);
                        assertThat(r.text().await()).isEqualTo("no");
                    }
                    // the body was never sent on that connection: it is not reused
                    assertThat(s.connector().idleConnections()).isZero();
                    return null;
                }
            });
            assertThat(log).containsExactly("head /ok expect=100-continue available=0", "body payload",
                    "head /refuse expect=100-continue available=0");
        }
    }

    @Test
    void expect100AgainstHttpbin() {
        session(s -> {
            Map<String, Object> m = post(s, "/post", RequestOptions.builder().expect100(true)
                    .data("x".getBytes(StandardCharsets.UTF_8)).build());
            assertThat(m.get("data")).isEqualTo("x");
        });
    }

    @Test
    void aFailingSourceFailsTheRequest() {
        session(s -> {
            Iterator<byte[]> bad = new Iterator<>() {
                int n;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public byte[] next() {
                    if (n++ == 1) {
                        throw new IllegalStateException("source broke");
                    }
                    return "x".getBytes(StandardCharsets.UTF_8);
                }
            };
            assertThatThrownBy(() -> post(s, "/post", RequestOptions.builder().data(bad).build()))
                    .isInstanceOf(IllegalStateException.class).hasMessage("source broke");
            // the session goes on
            assertThat(post(s, "/post", RequestOptions.builder().data("y".getBytes(StandardCharsets.UTF_8)).build())
                    .get("data")).isEqualTo("y");
        });
    }
}
