package io.asyncio4j.http.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.RequestOptions;
import io.asyncio4j.http.web.Application;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The extension: tests run on a loop, get a client of the @AppFactory app, and everything is closed after. */
@ExtendWith(AioHttpExtension.class)
class AioHttpExtensionTest {
    /** Every client handed out, checked closed by {@link #everyClientWasClosed()}. */
    private static final List<TestClient> CLIENTS = new CopyOnWriteArrayList<>();

    private EventLoop beforeEachLoop;
    private int factoryCalls;

    @AppFactory
    Application app() {                                      // an instance method: it may use the test's fields
        factoryCalls++;
        Asyncio.getRunningLoop();                            // called on the test's loop
        return TestApps.app();
    }

    @BeforeEach
    void before() {
        beforeEachLoop = Asyncio.getRunningLoop();
    }

    @AfterEach
    void after(TestClient client) throws Exception {
        assertThat(Asyncio.getRunningLoop()).isSameAs(beforeEachLoop);
        assertThat(client.session().closed()).isFalse();     // closed after @AfterEach
        try (ClientResponse r = client.get("/").await()) {
            assertThat(r.status()).isEqualTo(200);
        }
        CLIENTS.add(client);
    }

    @Test
    void runsTheTestOnALoopWithAClient(TestClient client) throws Exception {
        assertThat(Asyncio.getRunningLoop()).isSameAs(beforeEachLoop);
        try (ClientResponse r = client.get("/slow").await()) {
            assertThat(r.text().await()).isEqualTo("slept");
        }
        try (ClientResponse r = client.post("/echo", RequestOptions.builder().json(List.of("x")).build()).await()) {
            assertThat(r.json(Map.class).await()).isEqualTo(Map.of("got", List.of("x")));
        }
        client.get("/login").await().close();
        try (ClientResponse r = client.get("/whoami").await()) {
            assertThat(r.text().await()).isEqualTo("s3cret");
        }
        assertThat(factoryCalls).isEqualTo(1);
    }

    @Test
    void sharesOneClientAndServerPerTest(TestClient client, TestServer server, TestClient again) {
        assertThat(client.server()).isSameAs(server);
        assertThat(again).isSameAs(client);
        assertThat(server.url("/")).isEqualTo("http://127.0.0.1:" + server.port() + "/");
        assertThat(factoryCalls).isEqualTo(1);
    }

    @Test
    void virtualTimeJumpsWhenNoSocketIsWatched() {
        // Only the @AfterEach asks for a client, so no server listens yet: an hour passes at once.
        EventLoop loop = Asyncio.getRunningLoop();
        long start = System.nanoTime();
        Asyncio.sleep(3600).await();
        assertThat(loop.time()).isGreaterThanOrEqualTo(3600.0);
        assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
    }

    @Test
    void withAListeningServerVirtualTimeFollowsTheWallClock(TestClient client) {
        // The server's socket is watched, so the loop waits for the timer instead of jumping (see the extension).
        long start = System.nanoTime();
        Asyncio.sleep(0.05).await();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L);
    }

    @Test
    @RealTime
    void realTimeFollowsTheWallClock(TestClient client) {
        EventLoop loop = Asyncio.getRunningLoop();
        double before = loop.time();
        long start = System.nanoTime();
        Asyncio.sleep(0.05).await();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L);
        assertThat(loop.time() - before).isGreaterThanOrEqualTo(0.05);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/slow"})
    void parameterizedTestsRunOnALoopToo(String path, TestClient client) throws Exception {
        try (ClientResponse r = client.get(path).await()) {
            assertThat(r.status()).isEqualTo(200);
        }
    }

    @AfterAll
    static void everyClientWasClosed() {
        assertThat(CLIENTS).hasSize(7);
        for (TestClient c : CLIENTS) {
            assertThat(c.session().closed()).isTrue();
            assertThat(c.server().closed()).isTrue();
            assertThat(c.server().site().connectionCount()).isZero();
            assertThat(TestApps.refuses(c.server().port())).isTrue();
        }
    }
}
