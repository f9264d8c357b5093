package io.asyncio4j.http.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Runner;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import io.asyncio4j.http.web.Application;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TestServer on a plain Runner: an ephemeral port on 127.0.0.1, url(path), close and closeAndWait. */
class TestServerTest {
    @Test
    void servesOnAnEphemeralPortAndStopsListeningWhenClosed() {
        int port;
        try (Runner runner = new Runner().virtualTime(true)) {
            List<Object> got = runner.run(() -> {
                try (TestServer server = TestServer.start(TestApps.app()).await();
                     ClientSession s = new ClientSession();
                     ClientResponse r = s.get(server.url("slow")).await()) {
                    List<Object> out = List.of(server.port(), server.url("/a?b=1"), r.status(), r.text().await());
                    server.closeAndWait().await();
                    assertThat(server.closed()).isTrue();
                    return out;
                }
            });
            port = (Integer) got.get(0);
            assertThat(port).isPositive();
            assertThat(got.get(1)).isEqualTo("http://127.0.0.1:" + port + "/a?b=1");
            assertThat(got.subList(2, 4)).containsExactly(200, "slept");
        }
        assertThat(TestApps.refuses(port)).isTrue();
    }

    @Test
    void closeNeverSuspendsAndRunsTheShutdownHooks() {
        List<String> hooks = new java.util.ArrayList<>();
        Application app = TestApps.app();
        app.onShutdown().add(a -> () -> {
            hooks.add("shutdown");
            return null;
        });
        app.onCleanup().add(a -> () -> {
            hooks.add("cleanup");
            return null;
        });
        try (Runner runner = new Runner().virtualTime(true)) {
            TestServer server = runner.run(TestServer.start(app));
            runner.run(() -> {
                server.close();                                 // starts the graceful close, returns at once
                server.close();                                 // idempotent
                server.site().waitClosed().await();
                return null;
            });
            assertThat(hooks).containsExactly("shutdown", "cleanup");
            assertThat(TestApps.refuses(server.port())).isTrue();
        }
    }

    @Test
    void isBoundToItsLoop() {
        try (Runner runner = new Runner().virtualTime(true)) {
            TestServer server = runner.run(TestServer.start(TestApps.app()));
            assertThatThrownBy(server::close).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("loop's thread");
            runner.run(server.closeAndWait());
        }
        assertThatThrownBy(() -> TestServer.start(new Application()).call())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no running event loop");
    }
}
