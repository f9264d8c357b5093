package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Runner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The connector's DNS cache, counted by a test {@link Resolver} in front of the reference httpbin. */
class ClientDnsCacheTest {
    private static final Peers.Peer httpbin = Peers.sharedHttpbin();


    private final List<String> lookups = new ArrayList<>();

    private Resolver counting() {
        Resolver names = ClientCookieTest.loopbackNames(Set.of("a.test", "b.test"));
        return (host, port) -> {
            lookups.add(host);
            return names.resolve(host, port);
        };
    }

    private static void get(ClientSession s, String host) {
        try (ClientResponse r = s.get("http://" + host + ":" + httpbin.port() + "/get").await()) {
            assertThat(r.status()).isEqualTo(200);
            r.read().await();
        }
    }

    private ClientSession session(TCPConnector.Builder b) {
        // forceClose: each request opens a connection, so each needs the host's addresses
        return ClientSession.builder().timeout(ClientTimeout.NONE).connector(b.forceClose(true).resolver(counting())
                .build()).build();
    }

    @Test
    void cachedPerHostWithinTheTtl() {
        Asyncio.run(() -> {
            try (ClientSession s = session(TCPConnector.builder())) {
                get(s, "a.test");
                get(s, "a.test");
                get(s, "b.test");
                get(s, "127.0.0.1");    // an IP address is never looked up
                get(s, "a.test");
                assertThat(lookups).containsExactly("a.test", "b.test");
                s.connector().clearDnsCache("a.test", httpbin.port());
                get(s, "a.test");
                assertThat(lookups).containsExactly("a.test", "b.test", "a.test");
            }
            return null;
        });
    }

    @Test
    void withoutTheCacheEveryConnectionLooksUp() {
        Asyncio.run(() -> {
            try (ClientSession s = session(TCPConnector.builder().useDnsCache(false))) {
                get(s, "a.test");
                get(s, "a.test");
                get(s, "a.test");
                assertThat(lookups).containsExactly("a.test", "a.test", "a.test");
            }
            return null;
        });
    }

    @Test
    void entriesExpireAfterTheTtlOnTheLoopsClock() {
        try (Runner runner = new Runner().virtualTime(true)) {
            runner.run(() -> {
                try (ClientSession s = session(TCPConnector.builder())) {
                    get(s, "a.test");
                    Asyncio.sleep(9.5).await();
                    get(s, "a.test");
                    assertThat(lookups).hasSize(1);
                    Asyncio.sleep(1.0).await();     // 10.5 s after the lookup: the default TTL (10 s) is over
                    get(s, "a.test");
                    assertThat(lookups).hasSize(2);
                }
                try (ClientSession s = session(TCPConnector.builder().ttlDnsCache(null))) {
                    get(s, "b.test");
                    Asyncio.sleep(3600).await();
                    get(s, "b.test");
                    assertThat(lookups).hasSize(3);
                }
                return null;
            });
        }
    }
}
