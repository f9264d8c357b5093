package io.asyncio4j.http;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.http.ws.ClientWebSocketResponse;
import io.asyncio4j.http.ws.PerMessageDeflate;
import io.asyncio4j.http.ws.WSHandshake;
import io.asyncio4j.http.ws.WSOptions;
import io.asyncio4j.http.ws.WSServerHandshakeError;
import io.asyncio4j.http.ws.WebSocketProtocol;
import io.asyncio4j.net.TlsOptions;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

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
public final class ClientSession implements AutoCloseable {
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
    /** The chunk traced for a request without a body (aiohttp traces its empty body). */
    private static final byte[] NO_BYTES = new byte[0];

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

    public static Builder builder() {
        return new Builder();
    }

    public Coro<ClientResponse> get(String url) {
        return request("GET", url, RequestOptions.NONE);
    }

    public Coro<ClientResponse> get(String url, RequestOptions options) {
        return request("GET", url, options);
    }

    public Coro<ClientResponse> post(String url, RequestOptions options) {
        return request("POST", url, options);
    }

    public Coro<ClientResponse> put(String url, RequestOptions options) {
        return request("PUT", url, options);
    }

    public Coro<ClientResponse> patch(String url, RequestOptions options) {
        return request("PATCH", url, options);
    }

    public Coro<ClientResponse> delete(String url) {
        return request("DELETE", url, RequestOptions.NONE);
    }

    public Coro<ClientResponse> delete(String url, RequestOptions options) {
        return request("DELETE", url, options);
    }

    /** A HEAD request; as in aiohttp it does not follow redirects unless {@code allowRedirects(true)} is set. */
    public Coro<ClientResponse> head(String url) {
        return head(url, RequestOptions.NONE);
    }

    public Coro<ClientResponse> head(String url, RequestOptions options) {
        return send("HEAD", url, options, false);
    }

    public Coro<ClientResponse> options(String url) {
        return request("OPTIONS", url, RequestOptions.NONE);
    }

    public Coro<ClientResponse> options(String url, RequestOptions options) {
        return request("OPTIONS", url, options);
    }

    public Coro<ClientResponse> request(String method, String url) {
        return request(method, url, RequestOptions.NONE);
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
    public Coro<ClientResponse> request(String method, String url, RequestOptions options) {
        return send(method, url, options, true);
    }

    private Coro<ClientResponse> send(String rawMethod, String url, RequestOptions options, boolean redirectDefault) {
        return send(rawMethod, url, options, redirectDefault, null);
    }

    /** As above; {@code upgrade} (a WebSocket handshake's hop, used by one await) or null for a new hop. */
    private Coro<ClientResponse> send(String rawMethod, String url, RequestOptions options, boolean redirectDefault,
                                      Hop upgrade) {
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
            boolean follow = options.allowRedirects() != null ? options.allowRedirects() : redirectDefault;
            Trace trace = traceConfigs.isEmpty() ? Trace.NONE
                    : new Trace(this, traceConfigs, options.traceRequestCtx());
            Hop hop = upgrade != null ? upgrade : new Hop(method);
            try {
                ClientResponse resp = Asyncio.timeoutAt(deadline,
                        () -> run(loop, method, url, options, t, deadline, follow, trace, hop)).await();
                if (!trace.isEmpty()) {
                    trace.send(c -> c.requestEnd, new TraceConfig.RequestEndParams(hop.method, hop.url,
                            hop.headers, resp));
                }
                return resp;
            } catch (Throwable e) {
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
        URI url = withParams(buildUrl(rawUrl, hop.upgrade != null), o.params());
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
        Body body = body(o, hdrs, jsonCodec);
        List<ClientResponse> history = new ArrayList<>();
        int redirects = 0;
        while (true) {
            BasicAuth fromUrl = BasicAuth.fromUserInfo(url.getRawUserInfo(), url.toString());
            if (fromUrl != null) {
                if (credentials != null) {
                    throw new IllegalArgumentException("Cannot combine AUTH argument with credentials encoded in URL");
                }
                url = withoutUserInfo(url);
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
            ClientResponse resp = once(loop, method, url, withCookies(hdrs, url, requestCookies), a, body, t,
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
                if (!resendable(body) && (status == 307 || status == 308)) {
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
                    next = url.resolve(new URI(location));
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

    /**
     * The header fields with the {@code Cookie} field to send to {@code url}: an explicit field's cookies, then the
     * jar's, then the request's (a later one replacing an earlier of the same name), in name order as aiohttp
     * sends them; the fields unchanged if neither the jar nor the request has a cookie for it.
     */
    private Headers withCookies(Headers hdrs, URI url, Map<String, String> requestCookies) {
        Map<String, String> fromJar = cookieJar.filterCookies(url);
        if (fromJar.isEmpty() && requestCookies.isEmpty()) {
            return hdrs;
        }
        Map<String, String> all = new TreeMap<>();
        String explicit = hdrs.get("Cookie");
        if (explicit != null) {
            for (Cookie c : Cookie.parseRequestHeader(explicit)) {
                all.put(c.name(), c.value());
            }
        }
        all.putAll(fromJar);
        all.putAll(requestCookies);
        StringBuilder sb = new StringBuilder();
        all.forEach((n, v) -> sb.append(sb.isEmpty() ? "" : "; ").append(n).append('=').append(v));
        Headers h = hdrs.copy();
        h.remove("Cookie");
        h.add("Cookie", sb.toString());
        return h;
    }

    private ClientResponse finish(ClientResponse resp, RequestOptions o) {
        boolean raise = o.raiseForStatus() != null ? o.raiseForStatus() : raiseForStatus;
        if (raise) {
            resp.raiseForStatus();
        }
        return resp;
    }

    /** One request on one connection; a stale pooled connection is replaced once for idempotent methods. */
    private ClientResponse once(EventLoop loop, String method, URI url, Headers hdrs, BasicAuth a, Body body,
                                ClientTimeout t, Double deadline, RequestOptions o, Trace trace, Hop hop) {
        if (body != null && body.stream() instanceof FormData form) {
            body = new Body(null, form.upload(), body.contentType()); // the files' sizes as this hop starts
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        boolean ssl = scheme.equals("https") || scheme.equals("wss");
        int port = url.getPort() >= 0 ? url.getPort() : ssl ? 443 : 80;
        String host = Hosts.of(url);
        ProxyInfo proxy = proxyFor(url, o);
        boolean upgrade = hop.upgrade != null;
        // a WebSocket goes through a proxy's CONNECT tunnel even in the clear: proxies drop a plain request's Upgrade
        ConnectionKey key = new ConnectionKey(host, port, ssl, ssl ? connector.tlsFor(o.ssl()) : null, proxy,
                proxy != null && (ssl || upgrade), ssl ? connector.fingerprintFor(o.fingerprint()) : null);
        Headers sent = requestHeaders(url, host, port, ssl, hdrs, a, body, o);
        boolean plainProxy = proxy != null && !key.tunnel();
        if (plainProxy) {
            sent = proxied(sent, proxy);
        }
        boolean expect = "100-continue".equalsIgnoreCase(sent.get("Expect"));
        boolean chunked = body != null && "chunked".equalsIgnoreCase(sent.get("Transfer-Encoding"));
        // a body in the same write as the head, or written after it by a task (streamed, chunked, compressed,
        // or after 100 Continue)
        boolean inline = body == null || (body.stream() == null && !chunked && o.compress() == null && !expect);
        byte[] request = serialize(method, plainProxy ? absoluteTarget(url) : originTarget(url), sent,
                inline && body != null ? body.bytes() : null);
        boolean retried = false;
        while (true) {
            ClientConnection conn = connect(loop, key, url, t, trace);
            ClientConnection.Exchange ex = conn.send(request, method.equals("HEAD"), t.sockRead(), autoDecompress,
                    expect && !inline);
            ex.maxDecompressSize(o.maxDecompressSize() != null ? o.maxDecompressSize() : maxDecompressSize);
            if (upgrade) {
                // a 101 switches the connection; any other answer closes it: it never goes back to the pool
                ex.expectUpgrade();
                conn.forceClose();
                hop.connection = conn;
            }
            if (!inline) {
                ex.bodyWriter(Asyncio.createTask(BodyWriter.write(conn, ex, body.bytes(), body.stream(), chunked,
                        o.compress(), trace, method, url), "request body to " + key));
            }
            ResponseHead head;
            try {
                if (inline && !trace.isEmpty()) {
                    // the body went with the head; aiohttp's empty body of a request without one is a chunk too
                    trace.send(c -> c.requestChunkSent, new TraceConfig.RequestChunkSentParams(method, url,
                            body == null ? NO_BYTES : body.bytes()));
                }
                head = ex.head.await();
            } catch (ServerDisconnectedError | ClientOSError e) {
                conn.abandon(ex);
                if (conn.reused() && ex.received == 0 && !retried && IDEMPOTENT.contains(method)
                        && resendable(body)) {
                    retried = true;
                    continue;
                }
                throw e;
            } catch (ClientResponseError e) {
                conn.abandon(ex);
                throw new ClientResponseError(new RequestInfo(method, url, sent), List.of(), e.status(),
                        e.message(), null, e);
            } catch (Throwable e) {
                conn.abandon(ex);
                throw e;
            }
            return new ClientResponse(method, url, head, conn, ex, deadline, new RequestInfo(method, url, sent),
                    trace, jsonCodec);
        }
    }

    private ClientConnection connect(EventLoop loop, ConnectionKey key, URI url, ClientTimeout t, Trace trace) {
        Double connectAt = t.connect() == null ? null : loop.time() + t.connect();
        try {
            return Asyncio.timeoutAt(connectAt, () -> connector.connect(key, t.sockConnect(), trace)).await();
        } catch (TimeoutError e) {
            throw new ServerTimeoutError("Connection timeout to host " + url, e);
        }
    }

    // ---- the request's bytes ----

    /** A request body: {@code bytes}, or a {@code stream} (StreamReader or Iterator of byte[]). */
    private record Body(byte[] bytes, Object stream, String contentType) {
    }

    /** Whether the body can be sent again (on a retry or a 307/308 redirect): not a stream read once. */
    private static boolean resendable(Body body) {
        return body == null || body.stream() == null || body.stream() instanceof FormData
                || body.stream() instanceof FormData.Upload;
    }

    private static Body body(RequestOptions o, Headers hdrs, JsonCodec jsonCodec) {
        if (o.hasJson()) {
            return new Body(jsonCodec.encode(o.json()), null, "application/json");
        }
        if (o.form() != null) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String> e : o.form()) {
                if (!sb.isEmpty()) {
                    sb.append('&');
                }
                sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            }
            return new Body(sb.toString().getBytes(StandardCharsets.US_ASCII), null,
                    "application/x-www-form-urlencoded");
        }
        if (o.dataUnsafe() != null) {
            return new Body(o.dataUnsafe(), null,
                    o.dataContentType() != null ? o.dataContentType() : "application/octet-stream");
        }
        if (o.stream() instanceof FormData form) {
            return new Body(null, form, form.contentType());
        }
        if (o.stream() != null) {
            return new Body(null, o.stream(), "application/octet-stream");
        }
        if (o.chunked() || o.compress() != null) {
            return new Body(new byte[0], null, "application/octet-stream");
        }
        return null;
    }

    private static Headers requestHeaders(URI url, String host, int port, boolean ssl, Headers hdrs, BasicAuth a,
                                          Body body, RequestOptions o) {
        Headers h = new Headers();
        if (!hdrs.contains("Host")) {
            String hostHeader = Hosts.bracketed(host);
            h.add("Host", port == (ssl ? 443 : 80) ? hostHeader : hostHeader + ":" + port);
        }
        hdrs.forEach(h::add);
        h.setDefault("Accept", "*/*");
        h.setDefault("Accept-Encoding", ContentDecoder.acceptEncoding());
        h.setDefault("User-Agent", USER_AGENT);
        if (a != null) {
            h.set("Authorization", a.encode());
        }
        if (body != null) {
            h.setDefault("Content-Type", body.contentType());
            if (o.compress() != null) {
                h.set("Content-Encoding", o.compress());
            }
            boolean sized = body.bytes() != null || body.stream() instanceof FormData.Upload;
            if (o.chunked() || o.compress() != null || "chunked".equalsIgnoreCase(h.get("Transfer-Encoding"))
                    || (!sized && !h.contains("Content-Length"))) {
                h.remove("Content-Length");
                h.set("Transfer-Encoding", "chunked");
            } else if (body.bytes() != null) {
                h.set("Content-Length", Integer.toString(body.bytes().length));
            } else if (body.stream() instanceof FormData.Upload u) {
                h.set("Content-Length", Long.toString(u.length()));
            }
        } else if (!h.contains("Content-Length") && !h.contains("Transfer-Encoding")) {
            // aiohttp 3.8 sends the empty body's length with every method
            h.add("Content-Length", "0");
        }
        if (o.expect100()) {
            h.set("Expect", "100-continue");
        }
        return h.readOnly();
    }

    /** The origin-form request target: the path (at least {@code /}) and the query. */
    private static String originTarget(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /** The request's head, followed by {@code body} if not null. */
    private static byte[] serialize(String method, String target, Headers h, byte[] body) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(method).append(' ').append(target);
        sb.append(" HTTP/1.1\r\n");
        h.forEach((n, v) -> sb.append(n).append(": ").append(v).append("\r\n"));
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null || body.length == 0) {
            return head;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + body.length);
        out.writeBytes(head);
        out.writeBytes(body);
        return out.toByteArray();
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

    /**
     * An http request's fields for the proxy: its {@code Proxy-Authorization}. The proxy header fields are not sent:
     * as in aiohttp 3.8 they go with a {@code CONNECT} only (a proxy would pass them on to the origin).
     */
    private static Headers proxied(Headers sent, ProxyInfo proxy) {
        Headers h = sent.copy();
        if (proxy.auth() != null) {
            h.set("Proxy-Authorization", proxy.auth().encode());
        }
        return h.readOnly();
    }

    /** The absolute-form request target sent to a proxy: the URL without credentials or fragment. */
    private static String absoluteTarget(URI url) {
        String host = Hosts.of(url);
        StringBuilder sb = new StringBuilder(url.getScheme().toLowerCase(Locale.ROOT)).append("://")
                .append(Hosts.bracketed(host));
        if (url.getPort() >= 0) {
            sb.append(':').append(url.getPort());
        }
        return sb.append(originTarget(url)).toString();
    }

    // ---- URLs ----

    private URI buildUrl(String raw, boolean webSocket) {
        URI u;
        try {
            u = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw new InvalidURL(raw, "Invalid URL (" + e.getReason() + ")");
        }
        if (baseUrl != null && !u.isAbsolute()) {
            u = baseUrl.resolve(u);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!u.isAbsolute() || u.isOpaque()) {
            throw new InvalidURL(raw, "Invalid URL (not absolute)");
        }
        if (!scheme.equals("http") && !scheme.equals("https")
                && !(webSocket && (scheme.equals("ws") || scheme.equals("wss")))) {
            throw new InvalidURL(raw, webSocket ? "Invalid URL for a WebSocket (the scheme must be ws, wss, http or"
                    + " https)" : "Invalid URL (the scheme must be http or https)");
        }
        if (u.getHost() == null) {
            throw new InvalidURL(raw, "Invalid URL (no host)");
        }
        return u;
    }

    private static URI withParams(URI u, List<Map.Entry<String, String>> params) {
        if (params.isEmpty()) {
            return u;
        }
        StringBuilder q = new StringBuilder(u.getRawQuery() == null ? "" : u.getRawQuery());
        for (Map.Entry<String, String> e : params) {
            if (!q.isEmpty()) {
                q.append('&');
            }
            q.append(quoteQuery(e.getKey())).append('=').append(quoteQuery(e.getValue()));
        }
        String s = u.toString();
        int cut = s.indexOf('#');
        String noFragment = cut < 0 ? s : s.substring(0, cut);
        int qm = noFragment.indexOf('?');
        String base = qm < 0 ? noFragment : noFragment.substring(0, qm);
        return URI.create(base + "?" + q + (u.getRawFragment() == null ? "" : "#" + u.getRawFragment()));
    }

    /** yarl's query quoting: unreserved and {@code /?:@} stay, a space becomes {@code +}, the rest is %XX. */
    static String quoteQuery(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/?:@".indexOf(c) >= 0) {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    private static URI withoutUserInfo(URI u) {
        String s = u.toString();
        String ui = u.getRawUserInfo();
        int at = s.indexOf(ui + "@");
        return URI.create(s.substring(0, at) + s.substring(at + ui.length() + 1));
    }

    // ---- life cycle ----

    /** {@code session.ws_connect(url)}: a WebSocket with {@link WSOptions#DEFAULT}. */
    public Coro<ClientWebSocketResponse> wsConnect(String url) {
        return wsConnect(url, WSOptions.DEFAULT, RequestOptions.NONE);
    }

    /** {@code session.ws_connect(url, ...)} with the WebSocket's settings only: see the three-argument form. */
    public Coro<ClientWebSocketResponse> wsConnect(String url, WSOptions options) {
        return wsConnect(url, options, RequestOptions.NONE);
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
     * request's then {@code options}' header fields over the session's. Through a proxy the handshake goes in a
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
     * @param options the WebSocket's settings
     * @param request the handshake's request settings: {@code headers}, {@code params}, {@code cookies},
     *                {@code auth}, {@code proxy}, {@code proxyAuth}, {@code proxyHeader}s, {@code ssl},
     *                {@code timeout}, redirects and the trace context; a body is refused
     * @throws IllegalArgumentException if {@code request} has a body
     * @throws InvalidURL (when awaited) for a URL that is not ws, wss, http or https with a host
     * @throws WSServerHandshakeError (when awaited) if the server refused the handshake
     * @throws ClientConnectorError (when awaited) if the connection failed
     * @throws IllegalStateException (when awaited) if the session is closed
     */
    public Coro<ClientWebSocketResponse> wsConnect(String url, WSOptions options, RequestOptions request) {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(request, "request is null");
        if (request.hasJson() || request.form() != null || request.dataUnsafe() != null || request.stream() != null
                || request.chunked() || request.compress() != null || request.expect100()) {
            throw new IllegalArgumentException("a WebSocket handshake has no body: the request options give one");
        }
        return () -> {
            if (closed) {
                throw new IllegalStateException("Session is closed");
            }
            byte[] nonce = new byte[16];
            WsRandom.INSTANCE.nextBytes(nonce);
            String secKey = Base64.getEncoder().encodeToString(nonce);
            Headers h = options.headers().copy();
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
                resp = send("GET", url, request, true, hop).await();
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
        };
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

    public boolean closed() {
        return closed;
    }

    /** The session's cookie jar (aiohttp's {@code session.cookie_jar}). */
    public AbstractCookieJar cookieJar() {
        return cookieJar;
    }

    public TCPConnector connector() {
        return connector;
    }

    public ClientTimeout timeout() {
        return timeout;
    }

    /** The session's default header fields (read-only). */
    public Headers headers() {
        return headers;
    }

    /** The base URL relative request URLs resolve against, or null. */
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

        /** Adds a {@link TraceConfig} whose handlers are called at the steps of every request (aiohttp's trace_configs). */
        public Builder traceConfig(TraceConfig config) {
            traceConfigs.add(Objects.requireNonNull(config, "traceConfig is null"));
            return this;
        }

        /**
         * The jar that stores the cookies of every response (redirects included) and gives those sent with each
         * request; a new {@link CookieJar} by default, {@link DummyCookieJar} to keep none.
         */
        public Builder cookieJar(AbstractCookieJar jar) {
            cookieJar = Objects.requireNonNull(jar, "cookieJar is null");
            return this;
        }

        /** Shared cookies put in the jar when the session is built: sent with every request. */
        public Builder cookies(Map<String, String> map) {
            map.forEach((n, v) -> cookies.put(Objects.requireNonNull(n), Objects.requireNonNull(v)));
            return this;
        }

        /** Relative request URLs resolve against this absolute http(s) URL (RFC 3986 resolution). */
        public Builder baseUrl(String url) {
            URI u = URI.create(url);
            if (!u.isAbsolute() || u.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute URL with a host: " + url);
            }
            baseUrl = u;
            return this;
        }

        /** A header field sent with every request (a request's own field of the same name replaces it). */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        public Builder headers(Headers h) {
            h.forEach(headers::add);
            return this;
        }

        public Builder timeout(ClientTimeout t) {
            timeout = Objects.requireNonNull(t, "timeout is null (use ClientTimeout.NONE)");
            return this;
        }

        /** The connector to use; the session closes it on close unless {@link #connectorOwner(boolean)} false. */
        public Builder connector(TCPConnector c) {
            connector = Objects.requireNonNull(c, "connector is null");
            return this;
        }

        public Builder connectorOwner(boolean owner) {
            connectorOwner = owner;
            return this;
        }

        /** Whether every response with a status of 400 or above raises {@link ClientResponseError}. */
        public Builder raiseForStatus(boolean raise) {
            raiseForStatus = raise;
            return this;
        }

        /** Whether gzip, deflate and br bodies are decompressed (default true). */
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
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder maxDecompressSize(long bytes) {
            maxDecompressSize = RequestOptions.checkMaxDecompressSize(bytes);
            return this;
        }

        /** Basic credentials sent with every request that has none of its own. */
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
         * @return this
         */
        public Builder jsonCodec(JsonCodec codec) {
            jsonCodec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        public ClientSession build() {
            return new ClientSession(this);
        }
    }
}
