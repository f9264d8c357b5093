package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.httpbin.Httpbin;
import io.asyncio4j.http.test.TestServer;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Form fields streamed from files ({@link FormData#addFile}): the bytes on the wire are the form's encoding, sent
 * with a {@code Content-Length}; the reference httpbin and ours read the files back, ours also after a 307; a file that
 * shrinks while it is sent fails the request; a file that is not there is refused when it is added.
 */
class FormDataFileTest {
    @TempDir
    Path dir;

    private Path file(String name, int size) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < size; i++) {
            sb.append("line ").append(i).append('\n');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb.substring(0, size), StandardCharsets.US_ASCII);
        return f;
    }

    @Test
    void theBodyOnTheWireIsTheFormsEncodingWithALength() throws Exception {
        Path big = file("big.txt", 300_000);   // several 64 KiB reads
        FormData form = new FormData().addField("title", "t").addFile("upload", big);
        byte[] expected = form.encode();
        List<String> seen = new ArrayList<>();
        Application app = new Application();
        app.router().post("/echo", r -> {
            seen.add(r.header("Content-Length") + " " + r.header("Transfer-Encoding"));
            return Response.bytes(r.read().await());
        });
        byte[] got = Asyncio.run(() -> {
            try (TestServer server = TestServer.start(app).await(); ClientSession s = new ClientSession();
                 ClientResponse r = s.post(server.url("/echo"), RequestOptions.builder().data(form).build())
                         .await()) {
                return r.read().await();
            }
        });
        assertThat(got).isEqualTo(expected);
        assertThat(seen).containsExactly(expected.length + " null");
        assertThat(new String(expected, StandardCharsets.ISO_8859_1))
                .contains("Content-Type: text/plain\r\nContent-Disposition: form-data; name=\"upload\"; "
                        + "filename=\"big.txt\"\r\n\r\nline 0\n");
    }

    @SuppressWarnings("unchecked")
    private static void postsTheFile(ClientSession s, String path, Path notes) throws IOException {
        FormData form = new FormData().addField("a", "1").addFile("notes", notes, "text/plain", null);
        try (ClientResponse r = s.post(path, RequestOptions.builder().data(form).build()).await()) {
            assertThat(r.status()).as(path).isEqualTo(200);
            Map<String, Object> m = r.json(Map.class).await();
            assertThat(m.get("form")).isEqualTo(Map.of("a", "1"));
            assertThat(m.get("files")).isEqualTo(Map.of("notes", Files.readString(notes)));
        }
    }

    @Test
    void theReferenceHttpbinReadsTheFiles() throws Exception {
        Path notes = file("notes.txt", 100_000);
        Peers.inSession(ClientSession.builder().baseUrl(Peers.sharedHttpbin().url("/")),
                s -> postsTheFile(s, "/post", notes));
    }

    /**
     * A 307 resends the files. (Against our httpbin app: the reference's server answers the redirect without
     * reading the body and closes the connection, so its answer may be lost to the reset.)
     */
    @Test
    void a307RedirectSendsTheFilesAgain() throws Exception {
        Path notes = file("notes.txt", 100_000);
        Asyncio.run(() -> {
            try (TestServer server = TestServer.start(Httpbin.app()).await(); ClientSession s = ClientSession
                    .builder().baseUrl(server.url("/")).build()) {
                postsTheFile(s, "/redirect-to?url=/post&status_code=307", notes);
            }
            return null;
        });
    }

    @Test
    void aFileThatShrinksWhileSentFailsTheUpload() throws Exception {
        Path f = file("shrinks.txt", 200_000);
        FormData.Upload upload = new FormData().addFile("f", f).upload();
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(100_000);
        }
        assertThatThrownBy(() -> Asyncio.run(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (FormData.Upload.Reader reader = upload.open()) {
                while (reader.hasNext()) {
                    out.writeBytes(reader.next());
                }
            }
            return out.size();
        })).isInstanceOf(ClientPayloadError.class).hasMessageContaining("shrinks.txt is shorter than when the request"
                + " started (200000 bytes)");
    }

    @Test
    void eachOpeningReadsTheFilesAnew() throws Exception {
        Path f = file("again.txt", 70_000);
        FormData form = new FormData().addFile("f", f);
        FormData.Upload upload = form.upload();
        byte[][] twice = Asyncio.run(() -> {
            byte[][] out = new byte[2][];
            for (int i = 0; i < 2; i++) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                try (FormData.Upload.Reader reader = upload.open()) {
                    reader.forEachRemaining(b::writeBytes);
                }
                out[i] = b.toByteArray();
            }
            return out;
        });
        assertThat(twice[0]).isEqualTo(form.encode()).isEqualTo(twice[1]);
        assertThat(upload.length()).isEqualTo(twice[0].length);
    }

    @Test
    void typesAreGuessedFromTheFileName() throws Exception {
        Files.writeString(dir.resolve("a.html"), "<p>");
        Files.writeString(dir.resolve("b.unknownext"), "?");
        String body = new String(new FormData().addFile("a", dir.resolve("a.html"))
                .addFile("b", dir.resolve("b.unknownext"), null, "renamed.bin").encode(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("Content-Type: text/html\r\nContent-Disposition: form-data; name=\"a\"; "
                + "filename=\"a.html\"").contains("Content-Type: application/octet-stream\r\nContent-Disposition: "
                + "form-data; name=\"b\"; filename=\"renamed.bin\"");
    }

    @Test
    void typesComeFromPythonsTableOnDebianNotTheJdks() throws Exception {
        Files.writeString(dir.resolve("photo.webp"), "w");
        Files.writeString(dir.resolve("data.tar.gz"), "t");
        String body = new String(new FormData().addFile("a", dir.resolve("photo.webp"))
                .addFile("b", dir.resolve("data.tar.gz")).encode(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("Content-Type: image/webp\r\nContent-Disposition: form-data; name=\"a\"")
                .contains("Content-Type: application/x-tar\r\nContent-Disposition: form-data; name=\"b\"");
    }

    @Test
    void aMissingFileIsRefusedWhenAdded() {
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> new FormData().addFile("f", missing))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> new FormData().addFile("f", dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a readable regular file");
    }
}
