package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Runner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The connector's DNS cache, counted by a test {@link Resolver} in front of the reference httpbin, and its bounds
 * (expiry sweeps and the maximum size) with a fake resolver in virtual time.
 */
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

    /** A resolver that answers every name with 127.0.0.1 at once, counting the lookups. */
    private Resolver fake() {
        return (host, port) -> () -> {
            lookups.add(host);
            return List.of(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
        };
    }

    @Test
    void expiredEntriesAreSweptAfterABurstOfDistinctHosts() {
        try (Runner runner = new Runner().virtualTime(true)) {
            runner.run(() -> {
                TCPConnector c = TCPConnector.builder().resolver(fake()).dnsCacheMaxSize(50_000).build();
                for (int i = 0; i < 20_000; i++) {
                    c.resolve("h" + i + ".test", 80, Trace.NONE);
                }
                assertThat(c.dnsCacheSize()).isEqualTo(20_000);
                c.resolve("h0.test", 80, Trace.NONE);
                assertThat(lookups).hasSize(20_000);           // a hit
                Asyncio.sleep(10.5).await();                    // past the default TTL (10 s)
                c.resolve("fresh.test", 80, Trace.NONE);
                assertThat(c.dnsCacheSize()).isEqualTo(1);     // the burst is gone, not 20,001 entries
                c.resolve("h1.test", 80, Trace.NONE);
                assertThat(lookups).hasSize(20_002);           // looked up again
                Asyncio.sleep(3.0).await();
                c.resolve("h1.test", 80, Trace.NONE);          // a hit: within its new TTL
                assertThat(lookups).hasSize(20_002);
                assertThat(c.dnsCacheSize()).isEqualTo(2);
                Asyncio.sleep(8.0).await();                     // fresh.test expired, h1.test not yet
                assertThat(c.resolve("fresh.test", 80, Trace.NONE)).containsExactly("127.0.0.1");
                assertThat(lookups).hasSize(20_003);
                c.close();
                return null;
            });
        }
    }

    @Test
    void theCacheKeepsAtMostItsMaximumDroppingTheLeastRecentlyUsed() {
        try (Runner runner = new Runner().virtualTime(true)) {
            runner.run(() -> {
                TCPConnector c = TCPConnector.builder().resolver(fake()).ttlDnsCache(null).build();
                assertThat(c.dnsCacheMaxSize()).isEqualTo(1000);   // aiohttp's dns_cache_max_size
                c.resolve("kept.test", 80, Trace.NONE);
                for (int i = 0; i < 20_000; i++) {
                    c.resolve("h" + i + ".test", 80, Trace.NONE);
                    if (i % 500 == 0) {
                        c.resolve("kept.test", 80, Trace.NONE);   // recently used: never the one dropped
                    }
                    assertThat(c.dnsCacheSize()).isLessThanOrEqualTo(1000);
                }
                assertThat(c.dnsCacheSize()).isEqualTo(1000);
                int before = lookups.size();
                c.resolve("kept.test", 80, Trace.NONE);
                c.resolve("h19999.test", 80, Trace.NONE);
                assertThat(lookups).hasSize(before);             // both still cached
                c.resolve("h0.test", 80, Trace.NONE);
                assertThat(lookups).hasSize(before + 1);         // long dropped
                c.close();
                return null;
            });
        }
        assertThatThrownBy(() -> TCPConnector.builder().dnsCacheMaxSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dnsCacheMaxSize must be > 0");
    }
}
