package io.asyncio4j.http;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Timeout;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.http.json.JsonCodec;
import io.asyncio4j.http.internal.Hosts;
import io.asyncio4j.http.internal.ResponseHead;
import io.asyncio4j.http.internal.UrlRequoter;
import io.asyncio4j.http.ws.PerMessageDeflate;
import io.asyncio4j.http.ws.WSHandshake;
import io.asyncio4j.http.ws.WSOptions;
import io.asyncio4j.http.ws.WebSocketProtocol;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * aiohttp's {@code ClientSession}: makes HTTP/1.1 requests over a pool of keep-alive connections
 * ({@link TCPConnector}), with session-wide defaults (base URL, header fields, timeouts, credentials).
 *
 * <pre>{@code
 * try (ClientSession session = new ClientSession()) {                 // async with aiohttp.ClientSession() as session
 *     try (ClientResponse resp = session.get("http://127.0.0.1:8080/").await()) {   // async with session.get(url) as resp
 *         int status = resp.status();
 *         String body = resp.text().await();
 *     }
 * }
 * }</pre>
 *
 * <p><b>Requests.</b> {@link #request(String, String, RequestOptions)} and its shorthands return a {@link Coro}: the
 * request starts when it is awaited, and the await returns once the response's head arrived (the body follows,
 * see {@link ClientResponse}). Redirects (301, 302, 303, 307, 308) are followed as aiohttp 3.8 does: 303 turns any
 * method but HEAD into a GET without body, 301 and 302 turn a POST into a GET without body, 307 and 308 keep method
 * and body; a redirect to another origin (scheme, host, port) drops {@code Authorization}, {@code Cookie},
 * {@code Proxy-Authorization} and the credentials; a redirect without {@code Location} is returned as the response;
 * reaching {@code maxRedirects} redirect responses raises {@link TooManyRedirects}; each redirect response is
 * released and kept in {@link ClientResponse#history()}. Header fields sent by default: {@code Host},
 * {@code Accept} (any type), {@code Accept-Encoding: gzip, deflate, br} (without {@code br} where Brotli's
 * native library cannot load), {@code User-Agent}, and {@code Content-Type}
 * and {@code Content-Length} (or {@code Transfer-Encoding: chunked}) for a body.
 *
 * <p><b>Bodies.</b> Bytes, JSON, urlencoded forms and {@link FormData} (multipart with files) go in the same write as
 * the head. A streamed body ({@code StreamReader} or {@code Iterator<byte[]>}), a {@code chunked} or
 * {@code compress}ed body, or one that waits for {@code 100 Continue} is written after the head by a task of its
 * own while the response is awaited; if the server answers before the body is all sent, the connection is not
 * reused. A streamed body is not retried on a stale connection nor resent on a 307 or 308 redirect
 * ({@link ClientPayloadError}).
 * Response bodies in {@code gzip}, {@code deflate} or {@code br} are decoded as they are read (see
 * {@link ClientResponse}); {@link Builder#maxDecompressSize(long)} bounds what reading one whole may decode to.
 *
 * <p><b>Cookies.</b> The session's {@link AbstractCookieJar} ({@link CookieJar} by default) stores the
 * {@code Set-Cookie} fields of every response, redirects included, and adds the cookies matching each request's URL
 * to its {@code Cookie} field, with the request's own {@code cookies} and an explicit {@code Cookie} field merged in
 * (the same name: the request's wins, then the jar's), in name order; another origin drops the request's own.
 *
 * <p><b>Proxies.</b> A request goes through the HTTP proxy of its {@link RequestOptions.Builder#proxy(String)}
 * (with {@code proxyAuth} and {@code proxyHeader}s), or, in a session built with
 * {@link Builder#trustEnv(boolean) trustEnv(true)}, through the environment's ({@code HTTP_PROXY},
 * {@code HTTPS_PROXY}, {@code NO_PROXY}). An http request is sent to the proxy with its absolute URL as the target
 * and {@code Proxy-Authorization}; an https request opens a {@code CONNECT} tunnel and TLS to the target inside it.
 * A proxy that cannot be reached raises {@link ClientProxyConnectionError}, a refused {@code CONNECT}
 * {@link ClientHttpProxyError}.
 *
 * <p><b>WebSockets.</b> {@link #wsConnect(String, WSOptions, RequestOptions)} sends its handshake as a GET through
 * all of the above (a {@code ws} or {@code wss} URL connects as http or https; through a proxy, in a {@code CONNECT}
 * tunnel); on a 101 the connection leaves the pool and is the WebSocket's, holding its pool slot until it closes.
 *
 * <p><b>Tracing.</b> {@link TraceConfig}s given to the builder are called at each step of every request.
 *
 * <p><b>Errors.</b> Connection failures raise {@link ClientConnectorError}; a server that closes before answering,
 * {@link ServerDisconnectedError}; the timeouts of {@link ClientTimeout} raise what it says; all are
 * {@link ClientError}s, except the total timeout's {@link TimeoutError}.
 *
 * <p><b>Cancellation.</b> Cancelling the task that awaits a request (or a timeout expiring) closes the request's
 * connection, which never returns to the pool, and frees its pool slot for the next waiting request.
 *
 * <p><b>Threads.</b> A session belongs to the event loop of its first request; use it on that loop's thread. It
 * is not thread-safe. {@link #close()} never suspends: it closes the connector (if the session owns it), so every
 * connection, idle or in use, is closed.
 */
public final class ClientSession implements HttpVerbs, AutoCloseable {
    /** The {@code User-Agent} sent unless the request or session sets one. */
    public static final String USER_AGENT = "asyncio4j-http/0.1";
    /**
     * The default of {@link Builder#maxDecompressSize(long)}: 32 MiB, aiohttp's {@code DEFAULT_MAX_DECOMPRESS_SIZE}
     * ({@code 2**25}).
     */
    public static final long DEFAULT_MAX_DECOMPRESS_SIZE = 32L * 1024 * 1024;
    /** The WebSocket handshakes' nonces; in a holder: seeding it costs tens of ms that plain requests need not pay. */
    private static final class WsRandom {
        static final SecureRandom INSTANCE = new SecureRandom();
    }
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    private final URI baseUrl;
    private final Headers headers;
    private final ClientTimeout timeout;
    private final TCPConnector connector;
    private final boolean connectorOwner;
    private final boolean raiseForStatus;
    private final boolean autoDecompress;
    private final long maxDecompressSize;
    private final BasicAuth auth;
    private final AbstractCookieJar cookieJar;
    private final List<TraceConfig> traceConfigs;
    private final boolean trustEnv;
    private final java.util.function.Supplier<Map<String, String>> env;
    private final JsonCodec jsonCodec;
    /** The WebSockets {@link #wsConnect} opened that may still be open: closing the session closes them. */
    private final List<ClientWebSocketResponse> webSockets = new ArrayList<>();
    private boolean closed;

    /** A session with aiohttp's defaults: its own {@link TCPConnector}, {@link ClientTimeout#DEFAULT}. */
    public ClientSession() {
        this(builder());
    }

    private ClientSession(Builder b) {
        this.baseUrl = b.baseUrl;
        this.headers = b.headers.copy().readOnly();
        this.timeout = b.timeout;
        this.connector = b.connector != null ? b.connector : new TCPConnector();
        this.connectorOwner = b.connector == null || b.connectorOwner;
        this.raiseForStatus = b.raiseForStatus;
        this.autoDecompress = b.autoDecompress;
        this.maxDecompressSize = b.maxDecompressSize;
        this.auth = b.auth;
        this.cookieJar = b.cookieJar != null ? b.cookieJar : new CookieJar();
        this.traceConfigs = List.copyOf(b.traceConfigs);
        this.trustEnv = b.trustEnv;
        this.env = b.env;
        this.jsonCodec = b.jsonCodec;
        if (!b.cookies.isEmpty()) {
            List<Cookie> shared = new ArrayList<>();
            b.cookies.forEach((n, v) -> shared.add(Cookie.of(n, v)));
            cookieJar.updateCookies(shared, null);
        }
    }

    /**
     * Starts a session with non-default settings (aiohttp's {@code ClientSession(...)} keyword arguments).
     *
     * @return a new builder, for one thread's use
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends a request ({@code session.request(method, url, **kwargs)}); the await returns once the final response's
     * head arrived.
     *
     * @param method a method token, sent upper-cased as aiohttp does ({@code "GET"}, {@code "PROPFIND"}...)
     * @param url    an absolute http or https URL, or one relative to the session's base URL
     * @throws InvalidURL (when awaited) for a URL that cannot be requested
     * @throws IllegalStateException (when awaited) if the session is closed
     */
    @CheckReturnValue
    @Override
    public Coro<ClientResponse> request(String method, String url, RequestOptions options) {
        return Coro.named("ClientSession.request", send(method, url, options, null));
    }

    /** As {@link #request}; {@code upgrade}: a WebSocket handshake's hop (used by one await), or null. */
    private Coro<ClientResponse> send(String rawMethod, String url, RequestOptions options, Hop upgrade) {
        Objects.requireNonNull(rawMethod, "method is null");
        String method = rawMethod.toUpperCase(Locale.ROOT);
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(options, "options is null");
        for (int i = 0; i < method.length(); i++) {
            if (!Headers.isTokenChar(method.charAt(i))) {
                throw new IllegalArgumentException("method " + method + " is not a token");
            }
        }
        return () -> {
            if (closed) {
                throw new IllegalStateException("Session is closed");
            }
            EventLoop loop = Asyncio.getRunningLoop();
            ClientTimeout t = options.timeout() != null ? options.timeout() : timeout;
            Double deadline = t.total() == null ? null : loop.time() + t.total();
            boolean follow = options.allowRedirects() == null || options.allowRedirects();
            Trace trace = traceConfigs.isEmpty() ? Trace.NONE
                    : new Trace(this, traceConfigs, options.traceRequestCtx());
            Hop hop = upgrade != null ? upgrade : new Hop(method);
            Timeout[] total = new Timeout[1];
            // JFR: null unless a recording wants it; the event class is not loaded before JFR starts (docs/jfr.md)
            ClientRequestEvent made = jdk.jfr.FlightRecorder.isInitialized() ? ClientRequestEvent.start() : null;
            try {
                ClientResponse resp;
                try {
                    resp = Asyncio.timeoutAt(deadline, (Timeout tm) -> {
                        total[0] = tm;
                        return run(loop, method, url, options, t, deadline, follow, trace, hop);
                    }).await();
                } catch (TimeoutError e) {
                    if (total[0] != null && total[0].expired()) {
                        throw ClientTimeout.totalExpired(hop.method, hop.url != null ? hop.url : url, t.total(), e);
                    }
                    throw e;
                }
                if (!trace.isEmpty()) {
                    trace.send(c -> c.requestEnd, new TraceConfig.RequestEndParams(hop.method, hop.url,
                            hop.headers, resp));
                }
                if (made != null) {
                    made.answered(hop.method, hop.url, resp);
                }
                return resp;
            } catch (Throwable e) {
                if (made != null) {
                    made.failed(hop.method, hop.url, url, e);
                }
                if (!trace.isEmpty()) {
                    trace.send(c -> c.requestException, new TraceConfig.RequestExceptionParams(hop.method,
                            hop.url, hop.headers, e));
                }
                throw e;
            }
        };
    }

    /**
     * The hop of a redirect chain under way, for the trace's end and exception events; for a WebSocket handshake
     * also its header fields (over the session's and the request's) and the connection of the final answer.
     */
    private static final class Hop {
        String method;
        URI url;
        /** The hop's header fields as sent to the trace (set only when there is one). */
        Headers headers;
        Headers upgrade;
        ClientConnection connection;

        Hop(String method) {
            this.method = method;
        }
    }

    private ClientResponse run(EventLoop loop, String method, String rawUrl, RequestOptions o, ClientTimeout t,
                               Double deadline, boolean follow, Trace trace, Hop hop) throws Exception {
        URI url = ClientRequest.withParams(ClientRequest.url(baseUrl, rawUrl, hop.upgrade != null), o.params());
        Headers hdrs = headers.copy();
        for (String name : o.headers().names()) {
            hdrs.remove(name);
        }
        o.headers().forEach(hdrs::add);
        if (hop.upgrade != null) {
            for (String name : hop.upgrade.names()) {
                hdrs.remove(name);
            }
            hop.upgrade.forEach(hdrs::add);
        }
        BasicAuth credentials = o.auth() != null ? o.auth() : null;
        Map<String, String> requestCookies = o.cookies();
        RequestBody body = ClientRequest.encoded(o, jsonCodec);
        List<ClientResponse> history = new ArrayList<>();
        int redirects = 0;
        while (true) {
            BasicAuth fromUrl = BasicAuth.fromUserInfo(url.getRawUserInfo(), url.toString());
            if (fromUrl != null) {
                if (credentials != null) {
                    throw new IllegalArgumentException("Cannot combine AUTH argument with credentials encoded in URL");
                }
                url = ClientRequest.withoutUserInfo(url);
            }
            BasicAuth a = credentials != null ? credentials : fromUrl != null ? fromUrl : auth;
            if (a != null && hdrs.contains("Authorization")) {
                throw new IllegalArgumentException("Cannot combine AUTHORIZATION header with AUTH argument or"
                        + " credentials encoded in URL");
            }
            hop.method = method;
            hop.url = url;
            if (!trace.isEmpty()) { // the hop's fields are for the trace events only: no copy without them
                hop.headers = hdrs.copy().readOnly();
                trace.send(c -> c.requestStart, new TraceConfig.RequestStartParams(method, url, hop.headers));
            }
            ClientResponse resp = once(loop, method, url,
                    ClientRequest.withCookies(hdrs, cookieJar.filterCookies(url), requestCookies), a, body, t,
                    deadline, o, trace, hop);
            cookieJar.updateCookies(resp.cookies().values(), url);
            int status = resp.status();
            if (follow && (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)) {
                if (!trace.isEmpty()) {
                    trace.send(c -> c.requestRedirect, new TraceConfig.RequestRedirectParams(method, url,
                            hop.headers, resp));
                }
                redirects++;
                history.add(resp);
                if (o.maxRedirects() > 0 && redirects >= o.maxRedirects()) {
                    resp.release();
                    throw new TooManyRedirects(history.get(0).requestInfo(), history, status, "Exceeded "
                            + o.maxRedirects() + " redirects, the last from " + url);
                }
                if (body != null && !body.resendable() && (status == 307 || status == 308)) {
                    resp.release();
                    throw new ClientPayloadError("Cannot resend a streamed request body on a " + status
                            + " redirect from " + url + " (the stream was read once)", null);
                }
                if ((status == 303 && !method.equals("HEAD")) || ((status == 301 || status == 302)
                        && method.equals("POST"))) {
                    method = "GET";
                    body = null;
                    hdrs.remove("Content-Length");
                }
                String location = resp.headers().get("Location");
                if (location == null) {
                    location = resp.headers().get("URI");
                }
                if (location == null) {
                    history.remove(history.size() - 1);
                    resp.setHistory(history);
                    return finish(resp, o);
                }
                resp.release();
                URI next;
                try {
                    next = url.resolve(UrlRequoter.parse(location));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new InvalidURL(location, "Invalid redirect URL from " + url);
                }
                String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new InvalidURL(location, "Can redirect only to http or https");
                }
                if (!Hosts.origin(url).equals(Hosts.origin(next))) {
                    credentials = null;
                    requestCookies = Map.of();
                    hdrs.remove("Authorization");
                    hdrs.remove("Cookie");
                    hdrs.remove("Proxy-Authorization");
                }
                url = next;
                continue;
            }
            resp.setHistory(history);
            return finish(resp, o);
        }
    }

    private ClientResponse finish(ClientResponse resp, RequestOptions o) {
        boolean raise = o.raiseForStatus() != null ? o.raiseForStatus() : raiseForStatus;
        if (raise) {
            resp.raiseForStatus();
        }
        return resp;
    }

    /** One request on one connection; a stale pooled connection is replaced once for idempotent methods. */
    private ClientResponse once(EventLoop loop, String method, URI url, Headers hdrs, BasicAuth a, RequestBody body,
                                ClientTimeout t, Double deadline, RequestOptions o, Trace trace, Hop hop) {
        boolean ssl = Hosts.secure(url.getScheme());
        // a UnixConnector's connections all go to its socket: no proxy (aiohttp's would still write absolute URLs)
        ProxyInfo proxy = connector.unixPath() == null ? proxyFor(url, o) : null;
        boolean upgrade = hop.upgrade != null;
        // a WebSocket goes through a proxy's CONNECT tunnel even in the clear: proxies drop a plain request's Upgrade
        ConnectionKey key = new ConnectionKey(Hosts.of(url), Hosts.port(url), ssl,
                ssl ? connector.tlsFor(o.ssl()) : null, proxy, proxy != null && (ssl || upgrade),
                ssl ? connector.fingerprintFor(o.fingerprint()) : null);
        ClientRequest request = new ClientRequest(method, url, hdrs, a, body, o,
                proxy != null && !key.tunnel() ? proxy : null);
        boolean retried = false;
        while (true) {
            ClientConnection conn = connect(loop, key, url, t, trace);
            ClientConnection.Exchange ex = conn.send(request.bytes(), method.equals("HEAD"), t.sockRead(),
                    autoDecompress, request.expect100 && request.bodyTask, url);
            ex.maxDecompressSize(o.maxDecompressSize() != null ? o.maxDecompressSize() : maxDecompressSize);
            if (upgrade) {
                // a 101 switches the connection; any other answer closes it: it never goes back to the pool
                ex.expectUpgrade();
                conn.forceClose();
                hop.connection = conn;
            }
            if (request.bodyTask) {
                ex.bodyWriter(Asyncio.createTask(request.bodyWriter(conn, ex, trace), "request body to " + key));
            }
            ResponseHead head;
            try {
                if (!request.bodyTask && !trace.isEmpty()) {
                    // the body went with the head; aiohttp's empty body of a request without one is a chunk too
                    trace.send(c -> c.requestChunkSent, new TraceConfig.RequestChunkSentParams(method, url,
                            request.inlineBody()));
                }
                head = ex.head.await();
            } catch (ServerDisconnectedError | ClientOSError e) {
                conn.abandon(ex);
                if (conn.reused() && ex.received == 0 && !retried && IDEMPOTENT.contains(method)
                        && request.resendable()) {
                    retried = true;
                    continue;
                }
                throw e;
            } catch (ClientResponseError e) {
                conn.abandon(ex);
                throw new ClientResponseError(request.info(), List.of(), e.status(), e.message(), null, e);
            } catch (Throwable e) {
                conn.abandon(ex);
                throw e;
            }
            return new ClientResponse(method, url, head, conn, ex, deadline, t.total(), request.info(), trace,
                    jsonCodec);
        }
    }

    /**
     * A connection for {@code key} within the {@code connect} limit (pool wait included), a new one within
     * {@code sockConnect}; either expiring is aiohttp's {@code "Connection timeout to host <url>"}, with the limit.
     */
    private ClientConnection connect(EventLoop loop, ConnectionKey key, URI url, ClientTimeout t, Trace trace) {
        Double connectAt = t.connect() == null ? null : loop.time() + t.connect();
        Timeout[] connect = new Timeout[1];
        try {
            return Asyncio.timeoutAt(connectAt, (Timeout tm) -> {
                connect[0] = tm;
                return connector.connect(key, t.sockConnect(), trace);
            }).await();
        } catch (TimeoutError e) {
            // the connect limit's own expiry, else the connector's sockConnect (its only time limit)
            String limit = connect[0] != null && connect[0].expired() ? ClientTimeout.limit("connect", t.connect())
                    : t.sockConnect() != null ? ClientTimeout.limit("sock_connect", t.sockConnect()) : null;
            throw new ServerTimeoutError("Connection timeout to host " + url + (limit == null ? "" : " (" + limit
                    + ")"), e);
        }
    }

    // ---- proxies ----

    /**
     * The proxy of a request to {@code url}: the request's own, else (with {@code trustEnv}) the environment's,
     * else null (aiohttp 3.8's rules: with the environment's proxy come its credentials, not the request's).
     */
    private ProxyInfo proxyFor(URI url, RequestOptions o) {
        if (o.proxy() != null) {
            return ProxyInfo.of(o.proxy(), o.proxyAuth(), o.proxyHeaders());
        }
        if (trustEnv) {
            ProxyInfo p = ProxyEnv.forUrl(url, env.get());
            if (p != null && !o.proxyHeaders().isEmpty()) {
                p = ProxyInfo.of(p.url().toString(), p.auth(), o.proxyHeaders());
            }
            return p;
        }
        return null;
    }

    // ---- life cycle ----

    /**
     * {@code session.ws_connect(url)}: a WebSocket with {@link WSOptions#DEFAULT}; see
     * {@link #wsConnect(String, WSOptions, RequestOptions)}.
     *
     * @param url a {@code ws}, {@code wss}, {@code http} or {@code https} URL, or one relative to the base URL
     * @return the open WebSocket, when awaited
     * @throws InvalidURL (when awaited) for a URL that is not ws, wss, http or https with a host
     * @throws WSServerHandshakeError (when awaited) if the server refused the handshake
     * @throws ClientConnectorError (when awaited) if the connection failed
     * @throws IllegalStateException (when awaited) if the session is closed
     */
    @CheckReturnValue
    public Coro<ClientWebSocketResponse> wsConnect(String url) {
        return Coro.named("ClientSession.wsConnect", wsConnect(url, WSOptions.DEFAULT, RequestOptions.NONE));
    }

    /**
     * {@code session.ws_connect(url, ...)} with the WebSocket's settings only: see
     * {@link #wsConnect(String, WSOptions, RequestOptions)}.
     *
     * @param url     a {@code ws}, {@code wss}, {@code http} or {@code https} URL, or one relative to the base URL
     * @param options the WebSocket's settings (subprotocols, compression, heartbeat...)
     * @return the open WebSocket, when awaited
     * @throws InvalidURL (when awaited) for a URL that is not ws, wss, http or https with a host
     * @throws WSServerHandshakeError (when awaited) if the server refused the handshake
     * @throws ClientConnectorError (when awaited) if the connection failed
     * @throws IllegalStateException (when awaited) if the session is closed
     */
    @CheckReturnValue
    public Coro<ClientWebSocketResponse> wsConnect(String url, WSOptions options) {
        return Coro.named("ClientSession.wsConnect", wsConnect(url, options, RequestOptions.NONE));
    }

    /**
     * {@code session.ws_connect(url, ...)}: a WebSocket to {@code url} ({@code ws://}, {@code wss://},
     * {@code http://} or {@code https://}, or relative to the base URL), opened as aiohttp 3.8 opens it.
     *
     * <p><b>The handshake</b> is a GET through this session's normal request machinery: the connector's pool,
     * resolver, limits and TLS settings ({@code wss} and {@code https} use TLS, with the request's
     * {@link RequestOptions.Builder#ssl ssl} if set), the session's default header fields, base URL, cookie jar
     * (its cookies are sent, and a {@code Set-Cookie} of the answer is stored), Basic auth (the request's, the URL's
     * or the session's), proxies (the request's {@code proxy}, or with {@code trustEnv} the environment's
     * {@code WS_PROXY}/{@code WSS_PROXY} for ws/wss URLs), {@link ClientTimeout}s, redirects and
     * {@link TraceConfig}s. It sends {@code Upgrade: websocket}, {@code Connection: Upgrade},
     * {@code Sec-WebSocket-Version: 13} (unless the header fields set them), a random {@code Sec-WebSocket-Key},
     * the subprotocols, the permessage-deflate offer (unless {@link WSOptions#compress()} is false), and the
     * request's header fields (extra ones such as {@code Origin}: {@link RequestOptions.Builder#header}) over the
     * session's. Through a proxy the handshake goes in a
     * {@code CONNECT} tunnel for {@code ws} as for {@code wss} (RFC 6455 section 4.1; aiohttp 3.8 sends a
     * {@code ws} handshake to the proxy as a plain request, which proxies such as tinyproxy refuse).
     *
     * <p><b>The connection.</b> On a valid 101 answer the connection leaves the pool for good: it stays acquired,
     * counting toward the connector's {@code limit} and {@code limitPerHost} until the WebSocket's connection
     * closes (as aiohttp's), and the bytes after the 101 head are the WebSocket's first. Any other answer raises
     * {@link WSServerHandshakeError} (an invalid 101: what is wrong, as aiohttp words it) and closes the connection.
     * The session keeps the WebSocket while it is open: {@link #close()} closes its connection if the session owns
     * its connector.
     *
     * <p><b>Cancellation.</b> Cancelling the awaiting task (or a {@link ClientTimeout} expiring) during the
     * handshake closes its connection, as for any request; no WebSocket is opened.
     *
     * @param url     a {@code ws}, {@code wss}, {@code http} or {@code https} URL, or one relative to the base URL
     * @param options the WebSocket's settings
     * @param request the handshake's request settings: {@code headers}, {@code params}, {@code cookies},
     *                {@code auth}, {@code proxy}, {@code proxyAuth}, {@code proxyHeader}s, {@code ssl},
     *                {@code timeout}, redirects and the trace context; a body is refused
     * @return the open WebSocket, when awaited
     * @throws IllegalArgumentException if {@code request} has a body
     * @throws InvalidURL (when awaited) for a URL that is not ws, wss, http or https with a host
     * @throws WSServerHandshakeError (when awaited) if the server refused the handshake
     * @throws ClientConnectorError (when awaited) if the connection failed
     * @throws IllegalStateException (when awaited) if the session is closed
     */
    @CheckReturnValue
    public Coro<ClientWebSocketResponse> wsConnect(String url, WSOptions options, RequestOptions request) {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(request, "request is null");
        if (request.body() != null || request.chunked() || request.compress() != null || request.expect100()) {
            throw new IllegalArgumentException("a WebSocket handshake has no body: the request options give one");
        }
        return Coro.named("ClientSession.wsConnect", () -> {
            if (closed) {
                throw new IllegalStateException("Session is closed");
            }
            byte[] nonce = new byte[16];
            WsRandom.INSTANCE.nextBytes(nonce);
            String secKey = Base64.getEncoder().encodeToString(nonce);
            Headers h = new Headers();
            for (String[] field : new String[][] {{"Upgrade", "websocket"}, {"Connection", "Upgrade"},
                    {"Sec-WebSocket-Version", "13"}}) {
                if (!h.contains(field[0]) && !request.headers().contains(field[0])) {
                    h.set(field[0], field[1]);
                }
            }
            h.set("Sec-WebSocket-Key", secKey);
            if (!options.protocols().isEmpty()) {
                h.set("Sec-WebSocket-Protocol", String.join(",", options.protocols()));
            }
            if (options.compress()) {
                h.set("Sec-WebSocket-Extensions", PerMessageDeflate.CLIENT_OFFER);
            }
            Hop hop = new Hop("GET");
            hop.upgrade = h;
            ClientResponse resp;
            try {
                resp = send("GET", url, request, hop).await();
            } catch (Throwable e) {
                if (hop.connection != null) {
                    hop.connection.dropUpgrade();     // a 101 came, but a trace hook or a timeout failed the request
                }
                throw e;
            }
            ClientWebSocketResponse ws;
            try {
                ws = takeOver(resp, hop.connection, secKey, options, jsonCodec);
            } catch (Throwable e) {
                resp.close();
                if (hop.connection != null) {
                    hop.connection.dropUpgrade();
                }
                throw e;
            }
            webSockets.removeIf(w -> w.connection().transport().isClosing());
            if (closed && connectorOwner) {
                // closed while the handshake was under way: the WebSocket goes with it, as on close()
                ws.connection().transport().close();
                throw new IllegalStateException("Session is closed");
            }
            webSockets.add(ws);
            return ws;
        });
    }

    /** Checks the handshake's answer as aiohttp does and hands the switched connection to a WebSocket. */
    private static ClientWebSocketResponse takeOver(ClientResponse resp, ClientConnection conn, String secKey,
                                                    WSOptions options, JsonCodec jsonCodec) {
        Headers rh = resp.headers();
        String fail = null;
        if (resp.status() != 101) {
            fail = "Invalid response status";
        } else if (!rh.getOrDefault("Upgrade", "").toLowerCase(Locale.ROOT).equals("websocket")) {
            fail = "Invalid upgrade header";
        } else if (!rh.getOrDefault("Connection", "").toLowerCase(Locale.ROOT).equals("upgrade")) {
            fail = "Invalid connection header";
        } else if (!rh.getOrDefault("Sec-WebSocket-Accept", "").equals(WSHandshake.accept(secKey))) {
            fail = "Invalid challenge response";
        }
        PerMessageDeflate deflate = null;
        if (fail == null) {
            String ext = rh.get("Sec-WebSocket-Extensions");
            try {
                if (ext != null && !options.compress()) {
                    throw new IllegalArgumentException("Invalid extension: " + ext);
                }
                deflate = PerMessageDeflate.negotiateClient(ext);
            } catch (IllegalArgumentException e) {
                fail = e.getMessage();
            }
        }
        if (fail != null) {
            throw new WSServerHandshakeError(resp.requestInfo(), resp.status(), fail, rh);
        }
        String protocol = WSHandshake.chooseProtocol(rh.get("Sec-WebSocket-Protocol"), options.protocols());
        WebSocketProtocol ws = new WebSocketProtocol(Asyncio.getRunningLoop(), true, protocol, deflate, options,
                jsonCodec);
        conn.upgrade(ws);
        return new ClientWebSocketResponse(ws, resp);
    }

    /**
     * Closes the session and, if it owns it, its connector with every connection; never suspends. Idempotent.
     *
     * <p>As aiohttp's connector does with the connections its WebSockets hold, a session that owns its connector
     * also closes the connection of every WebSocket {@link #wsConnect} opened and that is still open, without a
     * closing handshake: the peer sees the TCP connection end, and a {@code receive} waiting on our side (or the
     * next one) returns {@link io.asyncio4j.http.ws.WSMsgType#CLOSED} with
     * {@link io.asyncio4j.http.ws.WSCloseCode#ABNORMAL_CLOSURE} as its close code. A session built with
     * {@code connectorOwner(false)} leaves them open, as it leaves the connector.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (connectorOwner) {
            // the WebSockets' connections are the connector's too; closed first, so their buffers still go out
            for (ClientWebSocketResponse ws : webSockets) {
                if (!ws.connection().transport().isClosing()) {
                    ws.connection().transport().close();
                }
            }
            webSockets.clear();
            connector.close();
        }
    }

    /**
     * aiohttp's {@code session.closed}.
     *
     * @return whether {@link #close()} was called; a closed session's requests fail
     */
    public boolean closed() {
        return closed;
    }

    /**
     * The session's cookie jar (aiohttp's {@code session.cookie_jar}).
     *
     * @return the jar given to the builder, else the session's own {@link CookieJar}
     */
    public AbstractCookieJar cookieJar() {
        return cookieJar;
    }

    /**
     * The connector the session's requests go through (aiohttp's {@code session.connector}).
     *
     * @return the connector given to the builder, else the session's own
     */
    public TCPConnector connector() {
        return connector;
    }

    /**
     * The session's timeouts (aiohttp's {@code session.timeout}), used by requests that give none.
     *
     * @return the timeouts given to the builder, else {@link ClientTimeout#DEFAULT}
     */
    public ClientTimeout timeout() {
        return timeout;
    }

    /**
     * The header fields sent with every request (aiohttp's {@code session.headers}).
     *
     * @return the fields, read-only; empty if none
     */
    public Headers headers() {
        return headers;
    }

    /**
     * The base URL relative request URLs resolve against (aiohttp's {@code base_url}).
     *
     * @return the URL, or null if none was given
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * The codec of the session's JSON.
     *
     * @return the codec set with {@link Builder#jsonCodec(JsonCodec)}, else {@link JsonCodec#defaultCodec()}
     */
    public JsonCodec jsonCodec() {
        return jsonCodec;
    }

    /** Builds a {@link ClientSession} with non-default settings; not thread-safe. */
    public static final class Builder {
        private URI baseUrl;
        private Headers headers = new Headers();
        private ClientTimeout timeout = ClientTimeout.DEFAULT;
        private TCPConnector connector;
        private boolean connectorOwner = true;
        private boolean raiseForStatus;
        private boolean autoDecompress = true;
        private long maxDecompressSize = DEFAULT_MAX_DECOMPRESS_SIZE;
        private BasicAuth auth;
        private AbstractCookieJar cookieJar;
        private final Map<String, String> cookies = new java.util.LinkedHashMap<>();
        private final List<TraceConfig> traceConfigs = new ArrayList<>();
        private boolean trustEnv;
        private java.util.function.Supplier<Map<String, String>> env = System::getenv;
        private JsonCodec jsonCodec = JsonCodec.defaultCodec();

        private Builder() {
        }

        /**
         * Whether requests without a {@code proxy} of their own use the proxies of the environment (aiohttp's
         * {@code trust_env}; false by default): {@code HTTP_PROXY} for http URLs, {@code HTTPS_PROXY} for https
         * ones (lower-case names win), credentials in the proxy URL as its Basic auth, and {@code NO_PROXY}'s hosts
         * and domains reached directly. The environment is read at each request, by the rules of CPython's
         * {@code getproxies_environment} and {@code proxy_bypass_environment} as aiohttp 3.8 uses them (an
         * {@code https://} proxy URL is ignored; {@code NO_PROXY=*} bypasses every host).
         *
         * @param on whether to use the environment's proxies
         * @return this builder
         */
        public Builder trustEnv(boolean on) {
            trustEnv = on;
            return this;
        }

        /** The environment {@link #trustEnv} reads ({@link System#getenv()} by default): for tests. */
        Builder env(java.util.function.Supplier<Map<String, String>> environment) {
            env = Objects.requireNonNull(environment, "env is null");
            return this;
        }

        /**
         * Adds a {@link TraceConfig} whose handlers are called at the steps of every request (aiohttp's
         * trace_configs), on the loop's thread, after those added before.
         *
         * @param config the handlers
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         */
        public Builder traceConfig(TraceConfig config) {
            traceConfigs.add(Objects.requireNonNull(config, "traceConfig is null"));
            return this;
        }

        /**
         * The jar that stores the cookies of every response (redirects included) and gives those sent with each
         * request; a new {@link CookieJar} by default, {@link DummyCookieJar} to keep none.
         *
         * @param jar the jar, used on the session's loop thread only
         * @return this builder
         * @throws NullPointerException if {@code jar} is null
         */
        public Builder cookieJar(AbstractCookieJar jar) {
            cookieJar = Objects.requireNonNull(jar, "cookieJar is null");
            return this;
        }

        /**
         * Shared cookies put in the jar when the session is built (aiohttp's {@code cookies}): sent with every
         * request, to any host, while the jar keeps them (a {@link DummyCookieJar} keeps none).
         *
         * @param map the cookies by name; a name given again replaces its value
         * @return this builder
         * @throws NullPointerException if {@code map}, or a name or value in it, is null
         */
        public Builder cookies(Map<String, String> map) {
            map.forEach((n, v) -> cookies.put(Objects.requireNonNull(n), Objects.requireNonNull(v)));
            return this;
        }

        /**
         * Relative request URLs resolve against this absolute http(s) URL (RFC 3986 resolution; aiohttp's
         * {@code base_url}).
         *
         * @param url an absolute URL with a host
         * @return this builder
         * @throws NullPointerException     if {@code url} is null
         * @throws IllegalArgumentException if {@code url} is not a URI, or not an absolute one with a host
         */
        public Builder baseUrl(String url) {
            URI u;
            try {
                u = UrlRequoter.parse(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("baseUrl is not a URL: " + url + " (" + e.getReason() + ")", e);
            }
            if (!u.isAbsolute() || u.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute URL with a host: " + url);
            }
            baseUrl = u;
            return this;
        }

        /**
         * Adds a header field sent with every request (a request's own field of the same name replaces it); aiohttp's
         * {@code headers}.
         *
         * @param name  the field's name, a token
         * @param value the field's value, without CR, LF or NUL
         * @return this builder
         * @throws NullPointerException     if {@code name} or {@code value} is null
         * @throws IllegalArgumentException if {@code name} is empty or not a token, or {@code value} has CR, LF or
         *                                  NUL (the header-injection guard of {@link Headers#add})
         */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /**
         * Adds every field of {@code h}, in its order, as {@link #header} does.
         *
         * @param h the fields to send with every request
         * @return this builder
         * @throws NullPointerException if {@code h} is null
         */
        public Builder headers(Headers h) {
            h.forEach(headers::add);
            return this;
        }

        /**
         * The timeouts of requests that give none of their own (aiohttp's {@code timeout};
         * {@link ClientTimeout#DEFAULT}, 5 minutes in total, by default).
         *
         * @param t the timeouts; {@link ClientTimeout#NONE} for none
         * @return this builder
         * @throws NullPointerException if {@code t} is null
         */
        public Builder timeout(ClientTimeout t) {
            timeout = Objects.requireNonNull(t, "timeout is null (use ClientTimeout.NONE)");
            return this;
        }

        /**
         * The connector to use (aiohttp's {@code connector}), instead of a new {@link TCPConnector} of the session's
         * own; the session closes it on close unless {@link #connectorOwner(boolean)} false. A connector may serve
         * several sessions of one loop.
         *
         * @param c the connector
         * @return this builder
         * @throws NullPointerException if {@code c} is null
         */
        public Builder connector(TCPConnector c) {
            connector = Objects.requireNonNull(c, "connector is null");
            return this;
        }

        /**
         * Sends every request to the Unix domain socket of {@code c} (aiohttp's {@code connector=UnixConnector(path)}),
         * instead of a new {@link TCPConnector}; the URL's host and port still make the {@code Host} header field.
         * The session closes it on close unless {@link #connectorOwner(boolean)} false; its
         * {@link ClientSession#connector()} is then the {@link TCPConnector} the Unix connector pools with.
         *
         * @param c the connector
         * @return this builder
         * @throws NullPointerException if {@code c} is null
         */
        public Builder connector(UnixConnector c) {
            connector = Objects.requireNonNull(c, "connector is null").pool();
            return this;
        }

        /**
         * Whether closing the session closes the {@link #connector(TCPConnector) connector} given, and with it the
         * connections of the session's WebSockets (aiohttp's {@code connector_owner}; true by default). A
         * connector the session made itself is always closed with it.
         *
         * @param owner false to leave the given connector open when the session closes
         * @return this builder
         */
        public Builder connectorOwner(boolean owner) {
            connectorOwner = owner;
            return this;
        }

        /**
         * Whether every final response with a status of 400 or above raises {@link ClientResponseError} when its
         * request is awaited (aiohttp's {@code raise_for_status}; false by default); a request's own
         * {@link RequestOptions.Builder#raiseForStatus(boolean)} wins.
         *
         * @param raise whether to raise for an error status
         * @return this builder
         */
        public Builder raiseForStatus(boolean raise) {
            raiseForStatus = raise;
            return this;
        }

        /**
         * Whether response bodies in {@code gzip}, {@code deflate} and {@code br} are decoded as they are read
         * (aiohttp's {@code auto_decompress}; true by default). With false, the body is read as it came.
         *
         * @param on whether to decode compressed bodies
         * @return this builder
         */
        public Builder autoDecompress(boolean on) {
            autoDecompress = on;
            return this;
        }

        /**
         * The most bytes a compressed body may decompress to when it is read whole: {@link ClientResponse#read()},
         * {@code text()} and {@code json()} raise {@link ClientPayloadError} (naming the limit and the encoding) once
         * the decoded body would pass it, and close the connection. {@link #DEFAULT_MAX_DECOMPRESS_SIZE} (32 MiB,
         * aiohttp's {@code max_decompress_size}) by default; 0 for no limit. Bodies without a
         * {@code Content-Encoding}, and bodies read as a stream ({@link ClientResponse#content()},
         * {@code iterChunked}...), have no such limit: a stream is decoded only as fast as it is read, so its memory
         * stays bounded whatever it expands to. {@link RequestOptions.Builder#maxDecompressSize(long)} overrides it
         * per request.
         *
         * @param bytes the limit in bytes, 0 for none
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder maxDecompressSize(long bytes) {
            maxDecompressSize = RequestOptions.checkMaxDecompressSize(bytes);
            return this;
        }

        /**
         * Basic credentials sent with every request that has none of its own, in its URL or in
         * {@link RequestOptions.Builder#auth(BasicAuth)} (aiohttp's {@code auth}); a redirect to another origin
         * drops them.
         *
         * @param a the credentials, or null for none
         * @return this builder
         */
        public Builder auth(BasicAuth a) {
            auth = a;
            return this;
        }

        /**
         * aiohttp's {@code json_serialize=}, and its {@code loads} too: the codec that writes the requests'
         * {@link RequestOptions.Builder#json json} bodies and reads {@link ClientResponse#json(java.lang.reflect.Type)}
         * and the JSON of the session's WebSockets ({@code sendJson}, {@code receiveJson}). It is called on the
         * requesting task's loop thread; see {@link JsonCodec} for what it must guarantee.
         * {@link JsonCodec#defaultCodec()} (Jackson, java.time as ISO-8601) if not set.
         *
         * @param codec the codec
         * @return this builder
         * @throws NullPointerException if {@code codec} is null
         */
        public Builder jsonCodec(JsonCodec codec) {
            jsonCodec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * A session with the settings given so far; it belongs to the event loop of its first request. The builder
         * may go on to build others (sharing a given connector and cookie jar).
         *
         * @return a new, open session
         */
        public ClientSession build() {
            return new ClientSession(this);
        }
    }
}
