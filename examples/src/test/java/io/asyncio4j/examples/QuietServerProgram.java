package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.Site;
import io.asyncio4j.http.web.Web;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain server program, as a user writes it: {@code Web.start} of an application with one route, one request to it
 * (over a plain socket, from a thread of its own), the response's status line printed on stdout, the site closed.
 * With the argument {@code form} the request is a {@code multipart/form-data} POST that the handler reads with
 * {@code request.post()}: the one path on which the library uses Jetty (its multipart parser). {@link QuietStderrTest}
 * runs it in a JVM of its own and reads its stderr.
 */
public final class QuietServerProgram {
    private QuietServerProgram() {
    }

    /**
     * Serves one request.
     *
     * @param args none, or {@code form}
     */
    public static void main(String[] args) {
        boolean form = args.length > 0 && args[0].equals("form");
        Application app = new Application();
        app.router().get("/", request -> Response.text("Hello, World!"));
        app.router().post("/form", request -> Response.text("a=" + request.post().await().get("a")));
        String body = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--b--\r\n";
        String wire = form
                ? "POST /form HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                        + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body
                : "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        Asyncio.run(() -> {
            Site site = Web.start(app, "127.0.0.1", 0).await();
            try {
                int port = site.port();
                String response = Asyncio.toThread(() -> {
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        OutputStream out = s.getOutputStream();
                        out.write(wire.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        InputStream in = s.getInputStream();
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }).await();
                System.out.println(response.lines().findFirst().orElse("(no response)"));
            } finally {
                site.close();
            }
            return null;
        });
    }
}
