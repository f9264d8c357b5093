package example;

import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.Site;
import io.asyncio4j.http.web.Web;

/** A user's first program: a sleep, then a web server and a client GET to it on loopback, in one event loop. */
public class FirstProgram {
    public static void main(String[] args) {
        Asyncio.run(() -> {
            System.out.println("hello");
            sleep(0.1).await();
            System.out.println("world");

            Application app = new Application();
            app.router().get("/", request -> Response.text("Hello, World!"));
            try (Site site = Web.start(app, "127.0.0.1", 0).await();
                 ClientSession session = new ClientSession();
                 ClientResponse resp = session.get("http://127.0.0.1:" + site.port() + "/").await()) {
                System.out.println(resp.status() + " " + resp.text().await());
            }
            return null;
        });
    }
}
