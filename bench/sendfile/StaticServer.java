import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.FileResponse;
import io.asyncio4j.http.web.Web;
import java.nio.file.Path;

/** bench/sendfile.sh's server: {@code GET /<name>} answers with the file of that name in DIR (FileResponse). */
public class StaticServer {
    public static void main(String[] args) {
        Path dir = Path.of(args[1]);
        Application app = new Application();
        app.router().get("/{name}", request -> new FileResponse(dir.resolve(request.matchInfo("name"))));
        Web.runApp(app, "127.0.0.1", Integer.parseInt(args[0]));
    }
}
