package io.asyncio4j.http.test;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

/** The small application the test-utility tests serve, and a check that a port refuses connections. */
final class TestApps {
    private TestApps() {
    }

    static Application app() {
        Application app = new Application();
        app.router()
                .get("/", request -> Response.text("Hello, World!"))
                .get("/slow", request -> {
                    Asyncio.sleep(0.01).await();                   // a handler that awaits
                    return Response.text("slept");
                })
                .get("/login", request -> Response.text("in").setCookie("session", "s3cret"))
                .get("/whoami", request -> Response.text(request.cookies().getOrDefault("session", "anonymous")))
                .post("/echo", request -> Response.json(Map.of("got", request.json().await())))
                .put("/method", request -> Response.text(request.method()))
                .patch("/method", request -> Response.text(request.method()))
                .delete("/method", request -> Response.text(request.method()))
                .route("PROPFIND", "/method", request -> Response.text(request.method()));
        return app;
    }

    /** True when nothing accepts connections on 127.0.0.1:port (blocking; call it off any loop). */
    static boolean refuses(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(TestServer.HOST, port), 2000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
