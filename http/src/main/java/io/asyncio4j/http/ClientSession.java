package io.asyncio4j.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.http.ws.ClientWebSocketResponse;
import io.asyncio4j.http.ws.WSOptions;
import io.asyncio4j.net.TlsOptions;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * {@code Accept} (any type), {@code Accept-Encoding: gzip, deflate}, {@code User-Agent}, and {@code Content-Type}
 * and {@code Content-Length} for a body.
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
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    private final URI baseUrl;
    private final Headers headers;
    private final ClientTimeout timeout;
    private final TCPConnector connector;
    private final boolean connectorOwner;
    private final boolean raiseForStatus;
    private final boolean autoDecompress;
    private final BasicAuth auth;
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
        this.auth = b.auth;
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
            return Asyncio.timeoutAt(deadline,
                    () -> run(loop, method, url, options, t, deadline, follow)).await();
        };
    }

    private ClientResponse run(EventLoop loop, String method, String rawUrl, RequestOptions o, ClientTimeout t,
                               Double deadline, boolean follow) throws Exception {
        URI url = withParams(buildUrl(rawUrl), o.params());
        Headers hdrs = headers.copy();
        for (String name : o.headers().names()) {
            hdrs.remove(name);
        }
        o.headers().forEach(hdrs::add);
        BasicAuth credentials = o.auth() != null ? o.auth() : null;
        Body body = body(o, hdrs);
        List<ClientResponse> history = new ArrayList<>();
        int redirects = 0;
        while (true) {
            BasicAuth fromUrl = userInfo(url);
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
            ClientResponse resp = once(loop, method, url, hdrs, a, body, t, deadline);
            int status = resp.status();
            if (follow && (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)) {
                redirects++;
                history.add(resp);
                if (o.maxRedirects() > 0 && redirects >= o.maxRedirects()) {
                    resp.release();
                    throw new TooManyRedirects(history.get(0).requestInfo(), history, status, "Exceeded "
                            + o.maxRedirects() + " redirects, the last from " + url);
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
                if (!origin(url).equals(origin(next))) {
                    credentials = null;
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
    private ClientResponse once(EventLoop loop, String method, URI url, Headers hdrs, BasicAuth a, Body body,
                                ClientTimeout t, Double deadline) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        boolean ssl = scheme.equals("https");
        int port = url.getPort() >= 0 ? url.getPort() : ssl ? 443 : 80;
        String host = hostOf(url);
        ConnectionKey key = new ConnectionKey(host, port, ssl);
        byte[] request = serialize(method, url, host, port, ssl, hdrs, a, body);
        Headers sent = requestHeaders(url, host, port, ssl, hdrs, a, body);
        boolean retried = false;
        while (true) {
            ClientConnection conn = connect(loop, key, url, t);
            ClientConnection.Exchange ex = conn.send(request, method.equals("HEAD"), t.sockRead(), autoDecompress);
            ResponseHead head;
            try {
                head = ex.head.await();
            } catch (ServerDisconnectedError | ClientOSError e) {
                conn.abandon(ex);
                if (conn.reused && ex.received == 0 && !retried && IDEMPOTENT.contains(method)) {
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
            return new ClientResponse(method, url, head, conn, ex, deadline, new RequestInfo(method, url, sent));
        }
    }

    private ClientConnection connect(EventLoop loop, ConnectionKey key, URI url, ClientTimeout t) {
        Double connectAt = t.connect() == null ? null : loop.time() + t.connect();
        TlsOptions tls = key.ssl() ? TlsOptions.defaults() : null;
        try {
            return Asyncio.timeoutAt(connectAt, () -> connector.connect(key, t.sockConnect(), tls)).await();
        } catch (TimeoutError e) {
            throw new ServerTimeoutError("Connection timeout to host " + url, e);
        }
    }

    // ---- the request's bytes ----

    private record Body(byte[] bytes, String contentType) {
    }

    private static Body body(RequestOptions o, Headers hdrs) throws JsonProcessingException {
        if (o.hasJson()) {
            return new Body(Json.MAPPER.writeValueAsBytes(o.json()), "application/json");
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
            return new Body(sb.toString().getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
        }
        if (o.dataUnsafe() != null) {
            return new Body(o.dataUnsafe(), "application/octet-stream");
        }
        return null;
    }

    private static Headers requestHeaders(URI url, String host, int port, boolean ssl, Headers hdrs, BasicAuth a,
                                          Body body) {
        Headers h = new Headers();
        if (!hdrs.contains("Host")) {
            String hostHeader = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            h.add("Host", port == (ssl ? 443 : 80) ? hostHeader : hostHeader + ":" + port);
        }
        hdrs.forEach(h::add);
        h.setDefault("Accept", "*/*");
        h.setDefault("Accept-Encoding", "gzip, deflate");
        h.setDefault("User-Agent", USER_AGENT);
        if (a != null) {
            h.set("Authorization", a.encode());
        }
        if (body != null) {
            h.setDefault("Content-Type", body.contentType());
            h.set("Content-Length", Integer.toString(body.bytes().length));
        } else if (!h.contains("Content-Length") && !h.contains("Transfer-Encoding")) {
            // aiohttp 3.8 sends the empty body's length with every method
            h.add("Content-Length", "0");
        }
        return h.readOnly();
    }

    private static byte[] serialize(String method, URI url, String host, int port, boolean ssl, Headers hdrs,
                                    BasicAuth a, Body body) {
        Headers h = requestHeaders(url, host, port, ssl, hdrs, a, body);
        StringBuilder sb = new StringBuilder(256);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        sb.append(method).append(' ').append(path);
        if (url.getRawQuery() != null) {
            sb.append('?').append(url.getRawQuery());
        }
        sb.append(" HTTP/1.1\r\n");
        h.forEach((n, v) -> sb.append(n).append(": ").append(v).append("\r\n"));
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null || body.bytes().length == 0) {
            return head;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + body.bytes().length);
        out.writeBytes(head);
        out.writeBytes(body.bytes());
        return out.toByteArray();
    }

    // ---- URLs ----

    private URI buildUrl(String raw) {
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
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidURL(raw, "Invalid URL (the scheme must be http or https)");
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

    private static String hostOf(URI u) {
        String h = u.getHost();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.toLowerCase(Locale.ROOT);
    }

    private static String origin(URI u) {
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + hostOf(u) + ":" + port;
    }

    private static BasicAuth userInfo(URI u) {
        String ui = u.getRawUserInfo();
        if (ui == null) {
            return null;
        }
        int colon = ui.indexOf(':');
        String login = URLDecoder.decode(colon < 0 ? ui : ui.substring(0, colon), StandardCharsets.UTF_8);
        String password = colon < 0 ? "" : URLDecoder.decode(ui.substring(colon + 1), StandardCharsets.UTF_8);
        return new BasicAuth(login, password);
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
        return wsConnect(url, WSOptions.DEFAULT);
    }

    /** {@code session.ws_connect(url, ...)}: see {@link ClientWebSocketResponse#connect}. */
    public Coro<ClientWebSocketResponse> wsConnect(String url, WSOptions options) {
        return ClientWebSocketResponse.connect(this, url, options);
    }

    /** Closes the session and, if it owns it, its connector with every connection; never suspends. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (connectorOwner) {
            connector.close();
        }
    }

    public boolean closed() {
        return closed;
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

    /** Builds a {@link ClientSession} with non-default settings; not thread-safe. */
    public static final class Builder {
        private URI baseUrl;
        private Headers headers = new Headers();
        private ClientTimeout timeout = ClientTimeout.DEFAULT;
        private TCPConnector connector;
        private boolean connectorOwner = true;
        private boolean raiseForStatus;
        private boolean autoDecompress = true;
        private BasicAuth auth;

        private Builder() {
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

        /** Whether gzip and deflate bodies are decompressed (default true). */
        public Builder autoDecompress(boolean on) {
            autoDecompress = on;
            return this;
        }

        /** Basic credentials sent with every request that has none of its own. */
        public Builder auth(BasicAuth a) {
            auth = a;
            return this;
        }

        public ClientSession build() {
            return new ClientSession(this);
        }
    }
}
