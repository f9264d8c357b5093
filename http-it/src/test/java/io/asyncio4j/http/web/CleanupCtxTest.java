package io.asyncio4j.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.test.TestClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Application#cleanupCtx()}: aiohttp's cleanup contexts, their order and their failures. */
class CleanupCtxTest {
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** A context that logs its setup and teardown under {@code name}. */
    private CleanupContext ctx(String name) {
        return a -> () -> {
            Asyncio.sleep(0).await(); // a setup may suspend
            log.add("setup " + name);
            a.put(name, "ready");
            return () -> {
                Asyncio.sleep(0).await();
                log.add("teardown " + name);
                return null;
            };
        };
    }

    private io.asyncio4j.http.web.AppHook hook(String what) {
        return a -> () -> log.add(what);
    }

    @Test
    void contextsRunBeforeTheHooksAndTearDownInReverseOrder() {
        Application app = new Application();
        app.onStartup().add(hook("startup root"));
        app.cleanupCtx().add(ctx("db"));
        app.cleanupCtx().add(ctx("cache"));
        app.onCleanup().add(hook("cleanup root"));
        Application sub = new Application();
        sub.cleanupCtx().add(ctx("subdb"));
        sub.onStartup().add(hook("startup sub"));
        sub.onCleanup().add(hook("cleanup sub"));
        sub.router().get("/", r -> Response.text(r.app().get("subdb") + " " + r.app().get("db")));
        app.addSubapp("/sub", sub);
        app.router().get("/", r -> Response.text(r.app().get("db") + " " + r.app().get("cache")));
        List<String> bodies = Asyncio.run(() -> {
            TestClient client = TestClient.start(app).await();
            List<String> out = new ArrayList<>();
            try {
                for (String p : List.of("/", "/sub/")) {
                    try (ClientResponse r = client.get(p).await()) {
                        out.add(r.text().await());
                    }
                }
            } finally {
                client.closeAndWait().await();
            }
            log.add("closed");
            return out;
        });
        assertThat(bodies).containsExactly("ready ready", "ready null");
        // aiohttp registers the contexts as the first on_startup/on_cleanup callback of their application
        assertThat(log).containsExactly("setup db", "setup cache", "startup root", "setup subdb", "startup sub",
                "teardown cache", "teardown db", "cleanup root", "teardown subdb", "cleanup sub", "closed");
    }

    @Test
    void aFailingSetupTearsDownTheContextsAlreadySetUp() {
        Application app = new Application();
        app.cleanupCtx().add(ctx("db"));
        Application sub = new Application();
        sub.cleanupCtx().add(ctx("subdb"));
        app.addSubapp("/sub", sub);
        app.cleanupCtx().add(a -> () -> {
            throw new IOException("no cache (expected by the test)");
        });
        app.cleanupCtx().add(ctx("never"));
        app.onStartup().add(hook("startup root"));
        Throwable failure = catchThrowable(() -> Asyncio.run(() -> Web.start(app, "127.0.0.1", 0).await()));
        assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("no cache");
        // the sub-application's hooks are an on_startup hook of its parent: they never ran
        assertThat(log).containsExactly("setup db", "teardown db");
    }

    @Test
    void aFailingStartupHookTearsDownTheContextsOfEveryApplication() {
        Application app = new Application();
        app.cleanupCtx().add(ctx("db"));
        Application sub = new Application();
        sub.cleanupCtx().add(ctx("subdb"));
        app.addSubapp("/sub", sub);
        sub.cleanupCtx().add(a -> () -> () -> {
            throw new IllegalStateException("teardown fails too (expected by the test)");
        });
        app.onStartup().add(a -> () -> {
            throw new IllegalStateException("startup fails (expected by the test)");
        });
        Throwable failure = catchThrowable(() -> Asyncio.run(() -> Web.start(app, "127.0.0.1", 0).await()));
        assertThat(failure).hasMessageContaining("startup fails");
        assertThat(failure.getSuppressed()).singleElement().satisfies(s -> assertThat(s)
                .hasMessageContaining("teardown fails too"));
        assertThat(log).containsExactly("setup db", "setup subdb", "teardown subdb", "teardown db");
    }

    @Test
    void teardownFailuresAreCollectedAsAiohttpDoes() {
        Application app = new Application();
        IOException first = new IOException("a (expected by the test)");
        IllegalStateException second = new IllegalStateException("b (expected by the test)");
        app.cleanupCtx().add(ctx("x"));
        app.cleanupCtx().add(failingTeardown(first));
        app.cleanupCtx().add(ctx("y"));
        app.cleanupCtx().add(failingTeardown(second));
        app.onCleanup().add(hook("cleanup hook"));
        Throwable t = catchThrowable(() -> Asyncio.run(() -> {
            app.startup().await();
            app.cleanup().await();
            return null;
        }));
        assertThat(t).isInstanceOf(CleanupError.class).hasMessageContaining("Multiple errors on cleanup stage");
        assertThat(((CleanupError) t).exceptions()).containsExactly(second, first); // in the order they ran
        // every teardown ran; the on_cleanup signal stopped at the failing callback
        assertThat(log).containsExactly("setup x", "setup y", "teardown y", "teardown x");

        Application one = new Application();
        one.cleanupCtx().add(failingTeardown(first));
        assertThatThrownBy(() -> Asyncio.run(() -> {
            one.startup().await();
            one.cleanup().await();
            return null;
        })).isSameAs(first);
    }

    @Test
    void eachTeardownRunsOnceAndANullTeardownIsNothingToUndo() {
        Application app = new Application();
        app.cleanupCtx().add(ctx("x"));
        app.cleanupCtx().add(a -> () -> null);
        Asyncio.run(() -> {
            app.startup().await();
            app.cleanup().await();
            app.cleanup().await();
            return null;
        });
        assertThat(log).containsExactly("setup x", "teardown x");
        Application frozen = new Application();
        Asyncio.run(() -> {
            Site s = Web.start(frozen, "127.0.0.1", 0).await();
            s.close();
            s.waitClosed().await();
            return null;
        });
        assertThatThrownBy(() -> frozen.cleanupCtx().add(ctx("late"))).isInstanceOf(UnsupportedOperationException.class);
    }

    private static CleanupContext failingTeardown(Exception e) {
        return a -> () -> (Coro<Void>) () -> {
            throw e;
        };
    }
}
