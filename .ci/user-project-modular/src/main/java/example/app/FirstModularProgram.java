package example.app;

import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.Site;
import io.asyncio4j.http.web.Web;
import java.time.Instant;

/**
 * A user's first program on the module path: a sleep, then a web server answering JSON (a record of this module
 * with a java.time field) and a client GET to it on loopback, in one event loop; then the module it ran from.
 */
public class FirstModularProgram {
    /** What the server sends and the client reads back. */
    public record Greeting(String text, Instant at) {
    }

    public static void main(String[] args) {
        Asyncio.run(() -> {
            System.out.println("hello");
            sleep(0.1).await();
            System.out.println("world");

            Application app = new Application();
            app.router().get("/", request -> Response.json(
                    new Greeting("Hello, World!", Instant.parse("2024-05-01T12:00:00Z"))));
            try (Site site = Web.start(app, "127.0.0.1", 0).await();
                 ClientSession session = new ClientSession();
                 ClientResponse resp = session.get("http://127.0.0.1:" + site.port() + "/").await()) {
                Greeting g = resp.json(Greeting.class).await();
                System.out.println(resp.status() + " " + g.text() + " at " + g.at());
            }
            return null;
        });
        System.out.println("library module: " + Asyncio.class.getModule().getName());
    }
}
