package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.ClientPayloadError;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;

/**
 * A plain client program, as a user writes it: one GET with a {@link ClientSession}, the status and body printed on
 * stdout. {@link QuietStderrTest} runs it in a JVM of its own and reads its stderr. A {@link ClientPayloadError}
 * (a body that cannot be decoded) is printed on stdout as {@code ClientPayloadError: }<i>message</i>.
 */
public final class QuietGetProgram {
    private QuietGetProgram() {
    }

    /**
     * Fetches {@code args[0]}.
     *
     * @param args the URL
     */
    public static void main(String[] args) {
        Asyncio.run(() -> {
            try (ClientSession session = new ClientSession();
                 ClientResponse r = session.get(args[0]).await()) {
                System.out.println(r.status() + " " + r.text().await());
            } catch (ClientPayloadError e) {
                System.out.println("ClientPayloadError: " + e.getMessage());
            }
            return null;
        });
    }
}
