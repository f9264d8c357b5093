package io.asyncio4j.http.test;

import io.asyncio4j.Coro;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import io.asyncio4j.http.CookieJar;
import io.asyncio4j.http.RequestOptions;
import io.asyncio4j.http.web.Application;
import java.util.Objects;

/**
 * aiohttp's {@code aiohttp.test_utils.TestClient}: a {@link ClientSession} whose base URL is a {@link TestServer},
 * so requests take paths.
 *
 * <pre>{@code
 * try (TestClient client = TestClient.start(app).await();
 *      ClientResponse r = client.get("/items/1").await()) {
 *     assertThat(r.status()).isEqualTo(200);
 * }
 * }</pre>
 *
 * <p>The session keeps cookies (aiohttp's test client uses an unsafe jar too: the server is an IP address).
 * Loop-bound like its server.
 */
public final class TestClient implements AutoCloseable {
    private final TestServer server;
    private final ClientSession session;

    /** A client of {@code server}, with a new session and an unsafe cookie jar (cookies of IP hosts kept). */
    public TestClient(TestServer server) {
        this(server, ClientSession.builder().cookieJar(new CookieJar(true)));
    }

    /**
     * A client of {@code server} with a session built from {@code builder} (its base URL is set to the server's;
     * give it {@code cookieJar(new CookieJar(true))} to keep the server's cookies, as the other constructor does).
     */
    public TestClient(TestServer server, ClientSession.Builder builder) {
        this.server = Objects.requireNonNull(server, "server");
        this.session = builder.baseUrl(server.url("/")).build();
    }

    /** Starts a {@link TestServer} for {@code app} and returns a client of it. */
    public static Coro<TestClient> start(Application app) {
        Objects.requireNonNull(app, "app");
        return () -> new TestClient(TestServer.start(app).await());
    }

    public TestServer server() {
        return server;
    }

    public ClientSession session() {
        return session;
    }

    /** The server's URL for {@code path} (aiohttp's {@code client.make_url(path)}). */
    public String makeUrl(String path) {
        return server.url(path);
    }

    public Coro<ClientResponse> get(String path) {
        return request("GET", path, RequestOptions.NONE);
    }

    public Coro<ClientResponse> get(String path, RequestOptions options) {
        return request("GET", path, options);
    }

    public Coro<ClientResponse> post(String path, RequestOptions options) {
        return request("POST", path, options);
    }

    public Coro<ClientResponse> put(String path, RequestOptions options) {
        return request("PUT", path, options);
    }

    public Coro<ClientResponse> patch(String path, RequestOptions options) {
        return request("PATCH", path, options);
    }

    public Coro<ClientResponse> delete(String path) {
        return request("DELETE", path, RequestOptions.NONE);
    }

    public Coro<ClientResponse> delete(String path, RequestOptions options) {
        return request("DELETE", path, options);
    }

    public Coro<ClientResponse> head(String path) {
        return request("HEAD", path, RequestOptions.NONE);
    }

    public Coro<ClientResponse> request(String method, String path) {
        return request(method, path, RequestOptions.NONE);
    }

    /** A request to the server's {@code path} (relative to the server's root, see {@link TestServer#url}). */
    public Coro<ClientResponse> request(String method, String path, RequestOptions options) {
        return session.request(method, server.url(path), options);
    }

    /** Closes the session (never suspends) and starts the server's graceful close. Idempotent. */
    @Override
    public void close() {
        try {
            session.close();
        } finally {
            server.close();
        }
    }

    /** {@link #close()}, then waits for the server to be closed ({@link TestServer#closeAndWait()}). */
    public Coro<Void> closeAndWait() {
        return () -> {
            close();
            server.closeAndWait().await();
            return null;
        };
    }

    @Override
    public String toString() {
        return "TestClient(" + server.url("/") + ")";
    }
}
