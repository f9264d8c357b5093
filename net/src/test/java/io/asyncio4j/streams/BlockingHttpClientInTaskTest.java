package io.asyncio4j.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDK's blocking {@code HttpClient.send} inside a task parks only that task on the fast carrier: here it calls a
 * server served by the same loop, which can answer only if the loop goes on while the task waits.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BlockingHttpClientInTaskTest {
    @Test
    void httpClientSendToAServerOnTheSameLoop() {
        assumeTrue("fast".equals(System.getProperty("asyncio4j.carrier")), "the fast carrier only");
        String body = Asyncio.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                while (reader.readline().await().length > 2) {
                    // the request's head, up to its empty line
                }
                writer.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
                        .getBytes(StandardCharsets.US_ASCII));
                writer.close();
                writer.waitClosed().await();
            }, "127.0.0.1", 0).await();
            try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                        .build();
                return client.send(request, HttpResponse.BodyHandlers.ofString()).body(); // parks this task only
            } finally {
                server.close();
            }
        });
        assertThat(body).isEqualTo("hello");
    }
}
