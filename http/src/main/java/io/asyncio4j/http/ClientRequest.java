package io.asyncio4j.http;

import io.asyncio4j.Coro;
import io.asyncio4j.http.internal.BodyWriter;
import io.asyncio4j.http.internal.HeadWriter;
import io.asyncio4j.http.internal.Hosts;
import io.asyncio4j.http.internal.PercentEncoder;
import io.asyncio4j.http.internal.UrlRequoter;
import io.asyncio4j.http.json.JsonCodec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as it goes on the wire (aiohttp's {@code ClientRequest} in {@code client_reqrep.py}): the session
 * decides what to send (its defaults, redirects, the connection); this class turns one hop into bytes. Its static
 * part builds what every hop shares (the URL and its query, the {@code Cookie} field, the body's bytes); an
 * instance is one hop: the header fields sent (the defaults, credentials, the framing fields), the request target
 * in the form the route needs (origin form, or absolute form to a plain proxy; a {@code CONNECT}'s authority form
 * is {@link ProxyTunnel}'s), the head written by the wire layer's {@link HeadWriter}, and a body that does not go
 * in the head's write framed by its {@link BodyWriter}.
 *
 * <p>Header fields sent by default: {@code Host}, {@code Accept: *}{@code /*}, {@code Accept-Encoding} (what the
 * decoders support), {@code User-Agent}, {@code Authorization} for credentials, and for a body its
 * {@code Content-Type} and {@code Content-Length} or {@code Transfer-Encoding: chunked} (chunked when asked, when
 * compressed, or when the length is unknown and no {@code Content-Length} field gives it); without a body,
 * {@code Content-Length: 0}, as aiohttp 3.8 sends with every method.
 *
 * <p>Not thread-safe: made and used on the requesting task's loop.
 */
final class ClientRequest {
    /** The chunk traced for a request without a body (aiohttp traces its empty body). */
    private static final byte[] NO_BYTES = new byte[0];

    final String method;
    final URI url;
    /** The header fields as sent (read-only). */
    final Headers sent;
    /** The body goes after the head, written by a task (streamed, chunked, compressed or after 100 Continue). */
    final boolean bodyTask;
    /** The request asks for {@code 100 Continue} before its body. */
    final boolean expect100;
    private final byte[] bytes;
    private final byte[] bodyBytes;
    /** A streamed body: a StreamReader, an Iterator of byte[] or a {@link FormData.Upload}; or null. */
    private final Object stream;
    private final boolean chunked;
    private final String compress;
    private final boolean resendable;

    /**
     * One hop of a request.
     *
     * @param method     the method, upper case
     * @param url        the URL (no credentials in it)
     * @param hdrs       the fields over the defaults (the session's and the request's, the cookies merged)
     * @param auth       the Basic credentials to send, or null
     * @param body       the body with JSON and forms encoded ({@link #encoded}), or null
     * @param o          the request's options (compression, chunking, Expect)
     * @param plainProxy the proxy an http request goes to with its absolute URL as the target, or null
     */
    ClientRequest(String method, URI url, Headers hdrs, BasicAuth auth, RequestBody body, RequestOptions o,
                  ProxyInfo plainProxy) {
        this.method = method;
        this.url = url;
        this.compress = o.compress();
        byte[] fixed = null;
        Object streamed = null;
        long length = -1;
        switch (body) {
            case null -> { }
            case RequestBody.Bytes b -> {
                fixed = b.bytes();
                length = fixed.length;
            }
            case RequestBody.Multipart m -> {
                FormData.Upload upload = m.form().upload(); // the files' sizes as this hop starts
                streamed = upload;
                length = upload.length();
            }
            case RequestBody.Streamed s -> streamed = s.source();
            case RequestBody.Json j -> throw new IllegalArgumentException("a JSON body is encoded first");
            case RequestBody.Form f -> throw new IllegalArgumentException("a form body is encoded first");
        }
        this.bodyBytes = fixed;
        this.stream = streamed;
        this.resendable = body == null || body.resendable();
        Headers h = headers(url, hdrs, auth, body, length, o);
        if (plainProxy != null && plainProxy.auth() != null) {
            // the proxy header fields are not sent: as in aiohttp 3.8 they go with a CONNECT only (a proxy would
            // pass them on to the origin)
            h.set("Proxy-Authorization", plainProxy.auth().encode());
        }
        this.sent = h.readOnly();
        this.expect100 = "100-continue".equalsIgnoreCase(sent.get("Expect"));
        this.chunked = body != null && "chunked".equalsIgnoreCase(sent.get("Transfer-Encoding"));
        this.bodyTask = body != null && (streamed != null || chunked || compress != null || expect100);
        this.bytes = HeadWriter.request(method, plainProxy != null ? absoluteTarget(url) : originTarget(url))
                .fields(sent).toBytes(bodyTask ? null : bodyBytes);
    }

    /** The head, followed by the body if it goes in the same write. @return the bytes (the caller's to keep) */
    byte[] bytes() {
        return bytes;
    }

    /** The body that went in the head's write (or an empty one), for the trace's {@code requestChunkSent}. */
    byte[] inlineBody() {
        return bodyBytes == null ? NO_BYTES : bodyBytes;
    }

    /** Whether the body can be sent again, on a retry or a 307/308 redirect: not a stream read once. */
    boolean resendable() {
        return resendable;
    }

    /** What a failure names as the request. */
    RequestInfo info() {
        return new RequestInfo(method, url, sent);
    }

    /** The task that writes the body after the head (see {@link #bodyTask}), on {@code conn} for {@code ex}. */
    Coro<Void> bodyWriter(ClientConnection conn, ClientConnection.Exchange ex, Trace trace) {
        return RequestBodyTask.write(conn, ex, bodyBytes, stream, framer(), trace, method, url);
    }

    /**
     * The framing of a body written after its head, as the head announces it: chunked, else its
     * {@code Content-Length} (a body the head gives no length for is sent as it comes).
     */
    private BodyWriter framer() {
        Compressor z = compress == null ? null : Compressor.forEncoding(compress);
        if (chunked) {
            return new BodyWriter(BodyWriter.Framing.CHUNKED, -1, z);
        }
        String length = sent.get("Content-Length");
        if (length != null && z == null) {
            try {
                return new BodyWriter(BodyWriter.Framing.LENGTH, Long.parseLong(length.strip()), null);
            } catch (IllegalArgumentException e) {
                // not a length: the bytes go as they come, the server judges them
            }
        }
        return new BodyWriter(BodyWriter.Framing.CLOSE, -1, z);
    }

    /** The fields to send: {@code Host} first, the given ones, then the defaults and the framing fields. */
    private static Headers headers(URI url, Headers hdrs, BasicAuth a, RequestBody body, long length,
                                   RequestOptions o) {
        Headers h = new Headers();
        if (!hdrs.contains("Host")) {
            h.add("Host", Hosts.hostHeader(Hosts.of(url), Hosts.port(url), Hosts.defaultPort(url.getScheme())));
        }
        hdrs.forEach(h::add);
        h.setDefault("Accept", "*/*");
        h.setDefault("Accept-Encoding", ContentDecoder.acceptEncoding());
        h.setDefault("User-Agent", ClientSession.USER_AGENT);
        if (a != null) {
            h.set("Authorization", a.encode());
        }
        if (body != null) {
            h.setDefault("Content-Type", body.contentType());
            if (o.compress() != null) {
                h.set("Content-Encoding", o.compress());
            }
            if (o.chunked() || o.compress() != null || "chunked".equalsIgnoreCase(h.get("Transfer-Encoding"))
                    || (length < 0 && !h.contains("Content-Length"))) {
                h.remove("Content-Length");
                h.set("Transfer-Encoding", "chunked");
            } else if (length >= 0) {
                h.set("Content-Length", Long.toString(length));
            }
        } else if (!h.contains("Content-Length") && !h.contains("Transfer-Encoding")) {
            // aiohttp 3.8 sends the empty body's length with every method
            h.add("Content-Length", "0");
        }
        if (o.expect100()) {
            h.set("Expect", "100-continue");
        }
        return h;
    }

    // ---- what every hop shares ----

    /**
     * The body of {@code o} as bytes where it can be: JSON encoded by {@code codec}, a form encoded; an empty body
     * if none was given but chunking or compression was asked for; streams as they are.
     *
     * @return the body, or null for none
     */
    static RequestBody encoded(RequestOptions o, JsonCodec codec) {
        return switch (o.body()) {
            case RequestBody.Json j -> j.encode(codec);
            case RequestBody.Form f -> f.encode();
            case null -> o.chunked() || o.compress() != null ? new RequestBody.Bytes(new byte[0], null) : null;
            case RequestBody b -> b;
        };
    }

    /**
     * The request's URL: {@code raw} resolved against {@code baseUrl} (if relative), checked.
     *
     * @throws InvalidURL if it is not an absolute http(s) URL with a host (ws and wss too for a WebSocket)
     */
    static URI url(URI baseUrl, String raw, boolean webSocket) {
        URI u;
        try {
            u = UrlRequoter.parse(raw);
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

    /** {@code u} with {@code params} added to its query, encoded as yarl encodes them. */
    static URI withParams(URI u, List<Map.Entry<String, String>> params) {
        if (params.isEmpty()) {
            return u;
        }
        StringBuilder q = new StringBuilder(u.getRawQuery() == null ? "" : u.getRawQuery());
        for (Map.Entry<String, String> e : params) {
            if (!q.isEmpty()) {
                q.append('&');
            }
            PercentEncoder.appendQuery(q, e.getKey()).append('=');
            PercentEncoder.appendQuery(q, e.getValue());
        }
        String s = u.toString();
        int cut = s.indexOf('#');
        String noFragment = cut < 0 ? s : s.substring(0, cut);
        int qm = noFragment.indexOf('?');
        String base = qm < 0 ? noFragment : noFragment.substring(0, qm);
        return URI.create(base + "?" + q + (u.getRawFragment() == null ? "" : "#" + u.getRawFragment()));
    }

    /** {@code u} without its user information. */
    static URI withoutUserInfo(URI u) {
        String s = u.toString();
        String ui = u.getRawUserInfo();
        int at = s.indexOf(ui + "@");
        return URI.create(s.substring(0, at) + s.substring(at + ui.length() + 1));
    }

    /**
     * The header fields with the {@code Cookie} field to send: an explicit field's cookies, then the jar's, then the
     * request's (a later one replacing an earlier of the same name), in name order as aiohttp sends them; the fields
     * unchanged if neither the jar nor the request has a cookie for the URL.
     */
    static Headers withCookies(Headers hdrs, Map<String, String> fromJar, Map<String, String> requestCookies) {
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

    /** The origin-form request target: the path (at least {@code /}) and the query. */
    static String originTarget(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /** The absolute-form request target sent to a proxy: the URL without credentials or fragment. */
    static String absoluteTarget(URI url) {
        StringBuilder sb = new StringBuilder(url.getScheme().toLowerCase(Locale.ROOT)).append("://")
                .append(Hosts.bracketed(Hosts.of(url)));
        if (url.getPort() >= 0) {
            sb.append(':').append(url.getPort());
        }
        return sb.append(originTarget(url)).toString();
    }
}
