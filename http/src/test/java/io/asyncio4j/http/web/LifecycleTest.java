package io.asyncio4j.http.web;

import static io.asyncio4j.http.web.RawClient.get;
import static io.asyncio4j.http.web.RawClient.serve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Event;
import io.asyncio4j.Task;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Sub-applications, state, startup/shutdown/cleanup hooks and graceful shutdown, over real sockets. */
class LifecycleTest {
    private static Middleware tag(String name, List<String> log) {
        return (request, handler) -> {
            log.add(name + " in");
            Response r = handler.handle(request);
            log.add(name + " out");
            return r.header("X-Via", name);
        };
    }

    @Test
    void subappsGetThePrefixAndBothMiddlewares() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Application admin = new Application(List.of(tag("admin", log)));
        admin.put("name", "admin app");
        admin.router().get("/", request -> Response.text("admin root"))
                .get("/users/{id}", request -> Response.text("user " + request.matchInfo("id") + " of "
                        + request.app().<String>get("name")))
                .post("/only-post", request -> Response.text("posted"));
        Application app = new Application(List.of(tag("root", log)));
        app.put("name", "root app");
        app.router().get("/", request -> Response.text("root of " + request.app().<String>get("name")));
        app.addSubapp("/admin/", admin);
        app.router().get("/after", request -> Response.text("after"));
        assertThat(app.router().routes()).containsExactly("GET /", "GET /admin/", "GET /admin/users/{id}",
                "POST /admin/only-post", "GET /after");
        List<RawClient.Resp> rs = serve(app, port -> {
            try (RawClient c = new RawClient(port)) {
                List<RawClient.Resp> out = new ArrayList<>();
                for (String p : List.of("/", "/admin/", "/admin/users/7", "/admin/nope", "/admin/only-post",
                        "/admin", "/administrator", "/after")) {
                    out.add(c.exchange(get(p)));
                }
                return out;
            }
        });
        assertThat(rs.get(0).text()).isEqualTo("root of root app");
        assertThat(rs.get(0).headers().getAll("X-Via")).containsExactly("root");
        assertThat(rs.get(1).text()).isEqualTo("admin root");
        assertThat(rs.get(2).text()).isEqualTo("user 7 of admin app");
        // the parent's middleware is outside the sub-application's
        assertThat(rs.get(2).headers().getAll("X-Via")).containsExactly("admin", "root");
        assertThat(rs.get(3).status()).isEqualTo(404);
        assertThat(rs.get(3).headers().getAll("X-Via")).isEmpty(); // thrown through both middlewares
        assertThat(rs.get(4).status()).isEqualTo(405);
        assertThat(rs.get(4).headers().get("Allow")).isEqualTo("POST");
        assertThat(rs.get(5).status()).isEqualTo(404);
        assertThat(rs.get(6).status()).isEqualTo(404);
        assertThat(rs.get(7).text()).isEqualTo("after");
        assertThat(log.subList(2, 6)).containsExactly("root in", "admin in", "admin out", "root out");
    }

    @Test
    void subappRules() {
        Application app = new Application();
        Application sub = new Application();
        assertThatThrownBy(() -> app.addSubapp("/", sub)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> app.addSubapp("x", sub)).isInstanceOf(IllegalArgumentException.class);
        app.addSubapp("/s", sub);
        assertThatThrownBy(() -> new Application().addSubapp("/t", sub)).isInstanceOf(IllegalStateException.class);
        serve(app, port -> null);
        assertThat(sub.frozen()).isTrue();
        assertThatThrownBy(() -> sub.router().get("/late", r -> null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> app.onStartup().add(a -> () -> null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void hooksRunInOrderWithSubapps() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Application app = new Application();
        Application sub = new Application();
        app.onStartup().add(a -> () -> {
            Asyncio.sleep(0).await(); // hooks may suspend
            a.put("db", "connected");
            log.add("startup root");
            return null;
        });
        app.addSubapp("/sub", sub);
        sub.onStartup().add(a -> () -> log.add("startup sub"));
        sub.onShutdown().add(a -> () -> log.add("shutdown sub"));
        sub.onCleanup().add(a -> () -> log.add("cleanup sub"));
        app.onShutdown().add(a -> () -> log.add("shutdown root"));
        app.onCleanup().add(a -> () -> log.add("cleanup root"));
        app.router().get("/", request -> Response.text(request.app().get("db")));
        String body = Asyncio.run(() -> {
            Site site = Web.start(app, "127.0.0.1", 0).await();
            log.add("listening");
            Callable<String> c = () -> {
                try (RawClient rc = new RawClient(site.port())) {
                    return rc.exchange(get("/")).text();
                }
            };
            String b = Asyncio.toThread(c).await();
            site.close();
            site.waitClosed().await();
            log.add("closed");
            return b;
        });
        assertThat(body).isEqualTo("connected");
        assertThat(log).containsExactly("startup root", "startup sub", "listening", "shutdown sub", "shutdown root",
                "cleanup sub", "cleanup root", "closed");
    }

    @Test
    void aFailingStartupHookFailsStart() {
        Application app = new Application();
        app.onStartup().add(a -> () -> {
            throw new IllegalStateException("no database (expected by the test)");
        });
        assertThatThrownBy(() -> Asyncio.run(() -> Web.start(app, "127.0.0.1", 0).await()))
                .hasMessageContaining("no database");
    }

    @Test
    void gracefulShutdownFinishesInFlightRequestsAndCancelsLateOnes() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Event slowStarted = new Event();
        Event stuckStarted = new Event();
        Event release = new Event();
        Application app = new Application();
        app.router().get("/", request -> Response.text("idle"));
        app.router().get("/slow", request -> {
            slowStarted.set();
            release.waitSet().await(); // released by the shutdown hook: it runs after the site stopped accepting
            Asyncio.sleep(0).await();
            log.add("slow done");
            return Response.text("slow but complete ".repeat(1000));
        });
        app.router().get("/stuck", request -> {
            stuckStarted.set();
            try {
                Asyncio.getRunningLoop().createFuture().await(); // never completes
                return Response.text("never");
            } catch (CancelledError e) {
                log.add("stuck cancelled");
                throw e;
            }
        });
        app.onShutdown().add(a -> () -> {
            log.add("shutdown hook");
            release.set();
            return null;
        });
        app.onCleanup().add(a -> () -> log.add("cleanup hook"));
        // The slow handler ends a few loop iterations after the hook releases it, far within the timeout; the
        // stuck one never ends, so it is cancelled when the timeout passes.
        ServerOptions options = ServerOptions.DEFAULT.withShutdownTimeout(2);
        Object[] out = Asyncio.run(() -> {
            Site site = Web.start(app, "127.0.0.1", 0, options).await();
            int port = site.port();
            RawClient idle = Asyncio.toThread(() -> {
                RawClient c = new RawClient(port);
                assertThat(c.exchange(get("/")).text()).isEqualTo("idle");
                return c;
            }).await();
            Task<RawClient.Resp> slow = Asyncio.createTask(Asyncio.toThread(() -> {
                try (RawClient c = new RawClient(port)) {
                    return c.exchange(get("/slow"));
                }
            }));
            Task<String> stuck = Asyncio.createTask(Asyncio.toThread(() -> {
                try (RawClient c = new RawClient(port)) {
                    c.send(get("/stuck"));
                    return new String(c.in.readAllBytes(), StandardCharsets.ISO_8859_1);
                }
            }));
            slowStarted.waitSet().await();
            stuckStarted.waitSet().await();
            site.close();
            site.waitClosed().await();
            log.add("closed");
            boolean idleClosed = Asyncio.toThread(idle::closedByServer).await();
            idle.close();
            Object refused = Asyncio.toThread(() -> {
                try (RawClient c = new RawClient(port)) {
                    return c.exchange(get("/"));
                } catch (ConnectException e) {
                    return "refused";
                } catch (IOException e) {
                    return "closed";
                }
            }).await();
            return new Object[] {slow.await(), stuck.await(), idleClosed, refused, site.connectionCount()};
        });
        RawClient.Resp slowResp = (RawClient.Resp) out[0];
        assertThat(slowResp.status()).isEqualTo(200);
        assertThat(slowResp.text()).isEqualTo("slow but complete ".repeat(1000));
        assertThat(slowResp.headers().get("Connection")).isEqualTo("close");
        assertThat(out[1]).isEqualTo(""); // closed without an answer
        assertThat(out[2]).isEqualTo(true);
        assertThat(out[3]).isIn("refused", "closed");
        assertThat(out[4]).isEqualTo(0);
        assertThat(log).containsExactly("shutdown hook", "slow done", "stuck cancelled", "cleanup hook", "closed");
    }
}
