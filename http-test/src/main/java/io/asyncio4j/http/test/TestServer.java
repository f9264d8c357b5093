package io.asyncio4j.http.test;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.ServerOptions;
import io.asyncio4j.http.web.Site;
import io.asyncio4j.http.web.Web;
import java.util.Objects;

/**
 * aiohttp's {@code aiohttp.test_utils.TestServer}: an {@link Application} served on {@code 127.0.0.1} and an
 * ephemeral port by the current running loop.
 *
 * <pre>{@code
 * try (TestServer server = TestServer.start(app).await()) {
 *     ... server.url("/items/1") ...
 * }   // close(): the graceful close of the site starts; closeAndWait() also waits for it
 * }</pre>
 *
 * <p>Loop-bound: start it inside a task, and use it (including {@link #close()}) on that loop's thread only.
 */
public final class TestServer implements AutoCloseable {
    /** The host the test server listens on. */
    public static final String HOST = "127.0.0.1";

    private final EventLoop loop;
    private final Site site;
    private final int port;

    private TestServer(EventLoop loop, Site site) {
        this.loop = loop;
        this.site = site;
        this.port = site.port();
    }

    /**
     * aiohttp's {@code await server.start_server()}: runs the {@code onStartup} hooks and listens.
     *
     * @param app the application; frozen by the start
     * @return the start, run when awaited in a task; the server is bound to that task's loop
     * @throws java.io.UncheckedIOException (when awaited) if binding fails
     */
    @CheckReturnValue
    public static Coro<TestServer> start(Application app) {
        return start(app, ServerOptions.DEFAULT);
    }

    /**
     * {@link #start(Application)} with server options (timeouts, {@code clientMaxSize}, ...).
     *
     * @param app     the application; frozen by the start
     * @param options the server's timeouts and limits
     * @return the start, run when awaited in a task; the server is bound to that task's loop
     * @throws NullPointerException if {@code app} or {@code options} is null (at once)
     * @throws java.io.UncheckedIOException (when awaited) if binding fails
     */
    @CheckReturnValue
    public static Coro<TestServer> start(Application app, ServerOptions options) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(options, "options");
        return () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            return new TestServer(loop, Web.start(app, HOST, 0, options).await());
        };
    }

    /** {@return the ephemeral port the server listens on (still the same number after {@link #close()})} */
    public int port() {
        return port;
    }

    /**
     * aiohttp's {@code server.make_url(path)}: {@code http://127.0.0.1:PORT} followed by {@code path}.
     *
     * @param path the path and query, as sent; {@code "/"} is added in front when missing
     * @return the absolute URL
     * @throws NullPointerException if {@code path} is null
     */
    public String url(String path) {
        Objects.requireNonNull(path, "path");
        return "http://" + HOST + ":" + port() + (path.startsWith("/") ? path : "/" + path);
    }

    /** {@return the running site (connection count, sockets, {@code shutdown(timeout)})} */
    public Site site() {
        return site;
    }

    /** {@return the served application} */
    public Application app() {
        return site.app();
    }

    /** {@return true once {@link #close()} has been called} */
    public boolean closed() {
        return closing;
    }

    private boolean closing;

    /**
     * Starts the graceful close of the site (stops accepting, closes idle connections, runs the shutdown hooks
     * in a task); never suspends. Idempotent. {@link #closeAndWait()} also waits for the end.
     *
     * @throws IllegalStateException off the server's loop thread
     */
    @Override
    public void close() {
        checkLoop();
        closing = true;
        site.close();
    }

    /**
     * {@link #close()}, then waits until every connection has ended and the cleanup hooks have run.
     *
     * @return the close, run when awaited on the server's loop thread
     * @throws IllegalStateException (when awaited) off the server's loop thread
     */
    @CheckReturnValue
    public Coro<Void> closeAndWait() {
        return () -> {
            close();
            site.waitClosed().await();
            return null;
        };
    }

    private void checkLoop() {
        EventLoop running;
        try {
            running = Asyncio.getRunningLoop();
        } catch (IllegalStateException e) {
            running = null;
        }
        if (running != loop) {
            throw new IllegalStateException("TestServer is bound to " + loop + "; use it on that loop's thread");
        }
    }

    @Override
    public String toString() {
        return "TestServer(" + url("/") + (closing ? ", closed" : "") + ")";
    }
}
