package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.http.ClientSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Site.shutdown(Duration)} and {@code Web.runApp(app, host, port, shutdownTimeout)} (aiohttp's
 * {@code shutdown_timeout}; issue 17, items 12 and 13).
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShutdownTimeoutTest {
    @Test
    void aDurationShutdownCancelsAHandlerStillRunningWhenItExpires() {
        List<String> got = Asyncio.run(() -> {
            List<String> out = new ArrayList<>();
            io.asyncio4j.Future<Void> entered = Asyncio.getRunningLoop().createFuture();
            Application app = new Application();
            app.router().get("/slow", request -> {
                entered.setResult(null);
                try {
                    Asyncio.sleep(30).await();
                } catch (CancelledError e) {
                    out.add("handler cancelled");
                    throw e;
                }
                return Response.text("late");
            });
            Site site = Web.start(app, "127.0.0.1", 0).await();
            try (ClientSession session = new ClientSession()) {
                Task<Integer> request = Asyncio.createTask(() -> {
                    try (var r = session.get("http://127.0.0.1:" + site.port() + "/slow").await()) {
                        return r.status();
                    }
                });
                Asyncio.waitFor(entered, 10).await();
                double t0 = Asyncio.getRunningLoop().time();
                site.shutdown(Duration.ofMillis(300)).await();
                double took = Asyncio.getRunningLoop().time() - t0;
                out.add("shutdown took >= 0.3: " + (took >= 0.29) + ", < 10: " + (took < 10));
                try {
                    request.await();
                    out.add("request answered");
                } catch (Exception e) {
                    out.add("request failed");
                }
            }
            return out;
        });
        assertThat(got).containsExactly("handler cancelled", "shutdown took >= 0.3: true, < 10: true",
                "request failed");
    }

    @Test
    void runAppRejectsANegativeOrNaNShutdownTimeoutBeforeStarting() {
        Application app = new Application();
        assertThatThrownBy(() -> Web.runApp(app, "127.0.0.1", 0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shutdownTimeout");
        assertThatThrownBy(() -> Web.runApp(app, "127.0.0.1", 0, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Web.runApp(app, "127.0.0.1", 0, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Web.runApp(app, "127.0.0.1", 0, (Duration) null))
                .isInstanceOf(NullPointerException.class);
        assertThat(app.frozen()).isFalse();
    }
}
