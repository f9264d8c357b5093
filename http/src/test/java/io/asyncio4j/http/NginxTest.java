package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against nginx (Debian's nginx) on loopback: keep-alive reuse, gzip and chunked bodies, pool limits. */
class NginxTest {
    private static final String SMALL = "x".repeat(1024);
    private static final String BIG = "line of text\n".repeat(20_000);
    /** Far above the body reader's flow-control mark (128 KiB), and not gzipped (octet-stream). */
    private static final String LARGE = "0123456789abcdef".repeat(128 * 1024);
    private static Peers.Peer nginx;

    @BeforeAll
    static void start() throws Exception {
        nginx = Peers.nginx("small.txt", SMALL, "big.txt", BIG, "data.bin", "\u0001\u0002binary", "large.bin",
                LARGE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void sequentialRequestsReuseOneConnection() {
        Set<String> conns = Asyncio.run(() -> {
            Set<String> seen = new HashSet<>();
            try (ClientSession s = new ClientSession()) {
                for (int i = 0; i < 10; i++) {
                    try (ClientResponse r = s.get(nginx.url("/small.txt")).await()) {
                        assertThat(r.text().await()).isEqualTo(SMALL);
                        seen.add(r.headers().get("X-Conn"));
                    }
                }
            }
            return seen;
        });
        assertThat(conns).hasSize(1);
    }

    @Test
    void gzipAndChunkedBodiesFromNginx() {
        Asyncio.run(() -> {
            try (ClientSession s = new ClientSession()) {
                try (ClientResponse r = s.get(nginx.url("/big.txt")).await()) {
                    assertThat(r.headers().get("Content-Encoding")).isEqualTo("gzip");
                    assertThat(r.headers().get("Transfer-Encoding")).isEqualTo("chunked");
                    assertThat(r.text().await()).isEqualTo(BIG);
                }
                try (ClientResponse r = s.get(nginx.url("/data.bin")).await()) {
                    assertThat(r.headers().get("Content-Encoding")).isNull();
                    assertThat(r.read().await()).containsExactly(1, 2, 'b', 'i', 'n', 'a', 'r', 'y');
                }
                try (ClientResponse r = s.get(nginx.url("/moved")).await()) {
                    assertThat(r.history()).hasSize(1);
                    assertThat(r.text().await()).isEqualTo(SMALL);
                }
                try (ClientResponse r = s.get(nginx.url("/missing")).await()) {
                    assertThat(r.status()).isEqualTo(404);
                }
            }
            return null;
        });
    }

    @Test
    void largeBodiesStreamThroughFlowControlAndTheConnectionIsReused() {
        List<String> conns = Asyncio.run(() -> {
            List<String> seen = new ArrayList<>();
            try (ClientSession s = ClientSession.builder().timeout(ClientTimeout.NONE.withSockRead(10.0)).build()) {
                try (ClientResponse r = s.get(nginx.url("/large.bin")).await()) {
                    assertThat(r.read().await()).hasSize(LARGE.length());
                    seen.add(r.headers().get("X-Conn"));
                }
                try (ClientResponse r = s.get(nginx.url("/large.bin")).await()) {
                    long total = 0;
                    byte[] piece;
                    while ((piece = r.content().read(10_000).await()).length > 0) {
                        total += piece.length;
                        Asyncio.sleep(0).await();
                    }
                    assertThat(total).isEqualTo(LARGE.length());
                    seen.add(r.headers().get("X-Conn"));
                }
                try (ClientResponse r = s.get(nginx.url("/small.txt")).await()) {
                    assertThat(r.text("ISO-8859-1").await()).isEqualTo(SMALL);
                    seen.add(r.headers().get("X-Conn"));
                }
            }
            return seen;
        });
        assertThat(new HashSet<>(conns)).hasSize(1);
    }

    @Test
    void concurrencyAboveTheLimitUsesAtMostLimitConnections() {
        Set<String> conns = Asyncio.run(() -> {
            Set<String> seen = new HashSet<>();
            try (ClientSession s = ClientSession.builder().connector(new TCPConnector(4, 0, 15, false)).build()) {
                List<Task<Void>> tasks = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    tasks.add(Asyncio.createTask(() -> {
                        try (ClientResponse r = s.get(nginx.url("/small.txt")).await()) {
                            r.read().await();
                            seen.add(r.headers().get("X-Conn"));
                        }
                        assertThat(s.connector().openConnections()).isLessThanOrEqualTo(4);
                        return null;
                    }));
                }
                Asyncio.gather(tasks.toArray(new Task[0])).await();
            }
            return seen;
        });
        assertThat(conns.size()).isBetween(1, 4);
    }
}
