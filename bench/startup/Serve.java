import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.Web;

/** Start-up benchmark (c): GET / answers "Hello, World!" on 127.0.0.1:args[0]; serve.py is the aiohttp.web twin. */
public class Serve {
    public static void main(String[] args) {
        Application app = new Application();
        app.router().get("/", request -> Response.text("Hello, World!"));
        Web.runApp(app, "127.0.0.1", Integer.parseInt(args[0]));
    }
}
