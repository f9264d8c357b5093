package io.asyncio4j.http.test;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Coro;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import io.asyncio4j.http.ClientWebSocketResponse;
import io.asyncio4j.http.CookieJar;
import io.asyncio4j.http.HttpVerbs;
import io.asyncio4j.http.RequestOptions;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.ws.WSOptions;
import java.util.Objects;

/**
 * aiohttp's {@code aiohttp.test_utils.TestClient}: a {@link ClientSession} whose base URL is a {@link TestServer},
 * so requests take paths: its verb methods ({@link HttpVerbs}) take a path on the server where the session's take
 * a URL.
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
public final class TestClient implements HttpVerbs, AutoCloseable {
    private final TestServer server;
    private final ClientSession session;

    /**
     * A client of {@code server}, with a new session and an unsafe cookie jar (cookies of IP hosts kept).
     *
     * @param server the server to send to; not null
     * @throws NullPointerException if {@code server} is null
     */
    public TestClient(TestServer server) {
        this(server, ClientSession.builder().cookieJar(new CookieJar(true)));
    }

    /**
     * A client of {@code server} with a session built from {@code builder} (its base URL is set to the server's;
     * give it {@code cookieJar(new CookieJar(true))} to keep the server's cookies, as the other constructor does).
     *
     * @param server  the server to send to; not null
     * @param builder the session's settings; its base URL is overwritten
     * @throws NullPointerException if {@code server} or {@code builder} is null
     */
    public TestClient(TestServer server, ClientSession.Builder builder) {
        this.server = Objects.requireNonNull(server, "server");
        this.session = builder.baseUrl(server.url("/")).build();
    }

    /**
     * Starts a {@link TestServer} for {@code app} and returns a client of it.
     *
     * @param app the application to serve; frozen by the start
     * @return the start, run when awaited in a task; server and client are bound to that task's loop
     * @throws NullPointerException if {@code app} is null (at once)
     * @throws java.io.UncheckedIOException (when awaited) if binding fails
     */
    @CheckReturnValue
    public static Coro<TestClient> start(Application app) {
        Objects.requireNonNull(app, "app");
        return () -> new TestClient(TestServer.start(app).await());
    }

    /** {@return the server this client sends to} */
    public TestServer server() {
        return server;
    }

    /** {@return the session the requests go through (its cookie jar, its defaults)} */
    public ClientSession session() {
        return session;
    }

    /**
     * aiohttp's {@code client.make_url(path)}: the server's URL for {@code path}.
     *
     * @param path the path and query; {@code "/"} is added in front when missing
     * @return the absolute URL
     */
    public String makeUrl(String path) {
        return server.url(path);
    }

    /**
     * A HEAD request that follows redirects, as aiohttp's {@code client.head(path)} does (it goes through
     * {@code session.request}, unlike {@code session.head}).
     *
     * @param path    the path on the server
     * @param options the request's options
     * @return the response, when awaited
     */
    @CheckReturnValue
    @Override
    public Coro<ClientResponse> head(String path, RequestOptions options) {
        return request("HEAD", path, options);
    }

    /**
     * A request to the server's {@code path} (relative to the server's root, see {@link TestServer#url}); every
     * verb method of {@link HttpVerbs} comes here.
     *
     * @param method  the method token
     * @param path    the path on the server
     * @param options the request's options
     * @return the response, when awaited
     */
    @CheckReturnValue
    @Override
    public Coro<ClientResponse> request(String method, String path, RequestOptions options) {
        return session.request(method, server.url(path), options);
    }

    /**
     * aiohttp's {@code client.ws_connect(path)}: a WebSocket to the server's {@code path}, with the default
     * {@link WSOptions}; see {@link ClientSession#wsConnect(String, WSOptions, RequestOptions)}. The handshake runs
     * when awaited, in a task on the server's loop thread; cancelling that task during the handshake closes its
     * connection and opens no WebSocket. The session keeps the WebSocket: {@link #close()} closes its connection.
     *
     * @param path the path on the server ({@code "/"} is added in front when missing)
     * @return the open WebSocket, when awaited
     * @throws io.asyncio4j.http.WSServerHandshakeError (when awaited) if the server refused the handshake
     */
    @CheckReturnValue
    public Coro<ClientWebSocketResponse> wsConnect(String path) {
        return wsConnect(path, WSOptions.DEFAULT, RequestOptions.NONE);
    }

    /**
     * As {@link #wsConnect(String)}, with the WebSocket's settings.
     *
     * @param path    the path on the server
     * @param options the WebSocket's settings (subprotocols, compression, heartbeat...)
     * @return the open WebSocket, when awaited
     * @throws io.asyncio4j.http.WSServerHandshakeError (when awaited) if the server refused the handshake
     */
    @CheckReturnValue
    public Coro<ClientWebSocketResponse> wsConnect(String path, WSOptions options) {
        return wsConnect(path, options, RequestOptions.NONE);
    }

    /**
     * As {@link #wsConnect(String)}, with the WebSocket's settings and the handshake request's options (header
     * fields such as {@code Origin}, auth...).
     *
     * @param path    the path on the server
     * @param options the WebSocket's settings
     * @param request the handshake request's options
     * @return the open WebSocket, when awaited
     * @throws io.asyncio4j.http.WSServerHandshakeError (when awaited) if the server refused the handshake
     */
    @CheckReturnValue
    public Coro<ClientWebSocketResponse> wsConnect(String path, WSOptions options, RequestOptions request) {
        return session.wsConnect(server.url(path), options, request);
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

    /**
     * {@link #close()}, then waits for the server to be closed ({@link TestServer#closeAndWait()}).
     *
     * @return the close, run when awaited on the server's loop thread
     * @throws IllegalStateException (when awaited) off the server's loop thread
     */
    @CheckReturnValue
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
