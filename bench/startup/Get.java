import io.asyncio4j.Asyncio;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;

/** Start-up benchmark (b): one GET of args[0] with a ClientSession, its status and length printed; get.py is the twin. */
public class Get {
    public static void main(String[] args) {
        Asyncio.run(() -> {
            try (ClientSession session = new ClientSession();
                 ClientResponse r = session.get(args[0]).await()) {
                System.out.println(r.status() + " " + r.text().await().length());
            }
            return null;
        });
    }
}
