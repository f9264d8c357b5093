package io.asyncio4j.http;

import io.asyncio4j.http.json.JsonCodec;
import io.asyncio4j.net.TlsOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The keyword arguments of aiohttp's {@code session.request(method, url, **kwargs)}, as an immutable value built
 * with {@link #builder()}:
 *
 * <pre>{@code
 * RequestOptions o = RequestOptions.builder()
 *         .param("q", "asyncio").header("X-Trace", "1")
 *         .json(Map.of("name", "x"))
 *         .timeout(ClientTimeout.ofTotal(10))
 *         .build();
 * try (ClientResponse r = session.request("POST", url, o).await()) { ... }
 * }</pre>
 * At most one body ({@code json}, {@code form}, or {@code data}: bytes, a {@link FormData}, or a stream) may be
 * given. Unset options take the session's defaults ({@code timeout}, {@code raiseForStatus}) or aiohttp's
 * ({@code allowRedirects}: true, false for {@link ClientSession#head}; {@code maxRedirects}: 10). Safe to share
 * between tasks and threads, except options with a streamed body, which can be sent once.
 */
public final class RequestOptions {
    /** No options. */
    public static final RequestOptions NONE = builder().build();

    private final List<Map.Entry<String, String>> params;
    private final Headers headers;
    /** The body, or null: one of {@link RequestBody}'s kinds in place of exclusive fields. */
    private final RequestBody body;
    private final BasicAuth auth;
    private final Boolean allowRedirects;
    private final int maxRedirects;
    private final Boolean raiseForStatus;
    private final ClientTimeout timeout;
    private final Map<String, String> cookies;
    private final TlsOptions ssl;
    private final Fingerprint fingerprint;
    private final boolean chunked;
    private final String compress;
    private final boolean expect100;
    private final Object traceRequestCtx;
    private final String proxy;
    private final BasicAuth proxyAuth;
    private final Headers proxyHeaders;
    private final Long maxDecompressSize;

    private RequestOptions(Builder b) {
        this.params = List.copyOf(b.params);
        this.headers = b.headers.copy().readOnly();
        this.body = b.body();
        this.auth = b.auth;
        this.allowRedirects = b.allowRedirects;
        this.maxRedirects = b.maxRedirects;
        this.raiseForStatus = b.raiseForStatus;
        this.timeout = b.timeout;
        this.ssl = b.ssl;
        this.fingerprint = b.fingerprint;
        this.chunked = b.chunked;
        this.compress = b.compress;
        this.expect100 = b.expect100;
        this.traceRequestCtx = b.traceRequestCtx;
        this.proxy = b.proxy;
        this.proxyAuth = b.proxyAuth;
        this.proxyHeaders = b.proxyHeaders.copy().readOnly();
        this.maxDecompressSize = b.maxDecompressSize;
        this.cookies = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(b.cookies));
    }

    /**
     * Starts a set of options: every option unset, no body.
     *
     * @return a new builder, for one thread's use
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The query parameters added to the URL's own, in order (a name may repeat), percent-encoded when the request is
     * made; aiohttp's {@code params}.
     *
     * @return the parameters, unmodifiable; empty if none
     */
    public List<Map.Entry<String, String>> params() {
        return params;
    }

    /**
     * The header fields of this request: each name given replaces the session's default fields of that name, and
     * the client does not add its own {@code Accept}, {@code Accept-Encoding}, {@code User-Agent} or
     * {@code Content-Type} where one is given.
     *
     * @return the fields, read-only; empty if none
     */
    public Headers headers() {
        return headers;
    }

    /**
     * Whether the body is JSON ({@link Builder#json(Object)}); tells {@code json(null)}, which sends {@code null},
     * from no JSON body.
     *
     * @return whether a JSON body was given
     */
    public boolean hasJson() {
        return body instanceof RequestBody.Json;
    }

    /**
     * The object sent as a JSON body.
     *
     * @return the object, encoded by the session's {@link JsonCodec} when sent, or null
     */
    public Object json() {
        return body instanceof RequestBody.Json j ? j.value() : null;
    }

    /**
     * The fields sent as an {@code application/x-www-form-urlencoded} body ({@link Builder#formField},
     * {@link Builder#form(Map)}).
     *
     * @return the fields in order, unmodifiable, or null if the body is not such a form
     */
    public List<Map.Entry<String, String>> form() {
        return body instanceof RequestBody.Form f ? f.fields() : null;
    }

    /**
     * The body given as bytes ({@link Builder#data(byte[])}, or a {@link FormData} without files, encoded when it
     * was given), sent as {@code application/octet-stream} (a form: its own type) unless a {@code Content-Type}
     * header is given.
     *
     * @return a copy of the bytes, or null if the body is not given as bytes (none, JSON, fields, or a stream)
     */
    public byte[] data() {
        return body instanceof RequestBody.Bytes b ? b.bytes().clone() : null;
    }

    /** The body, or null for none. */
    RequestBody body() {
        return body;
    }

    /**
     * The Basic credentials of this request (aiohttp's {@code auth}): they win over the session's, and may not be
     * combined with credentials in the URL nor an {@code Authorization} header.
     *
     * @return the credentials, or null for the URL's or the session's
     */
    public BasicAuth auth() {
        return auth;
    }

    /**
     * Whether redirects are followed (aiohttp's {@code allow_redirects}).
     *
     * @return true or false as set, or null for the method's default: followed, except by
     *         {@link HttpVerbs#head(String, RequestOptions) head}
     */
    public Boolean allowRedirects() {
        return allowRedirects;
    }

    /**
     * The redirect limit (aiohttp's {@code max_redirects}).
     *
     * @return the number of redirect responses that raises {@link TooManyRedirects} (0: no limit); 10 by default
     */
    public int maxRedirects() {
        return maxRedirects;
    }

    /**
     * Whether a final status of 400 or above raises {@link ClientResponseError} (aiohttp's
     * {@code raise_for_status}).
     *
     * @return true or false as set, or null for the session's {@link ClientSession.Builder#raiseForStatus(boolean)}
     */
    public Boolean raiseForStatus() {
        return raiseForStatus;
    }

    /**
     * This request's timeouts, in place of the session's (aiohttp's per-request {@code timeout}).
     *
     * @return the timeouts, or null for the session's {@link ClientSession#timeout()}
     */
    public ClientTimeout timeout() {
        return timeout;
    }

    /**
     * Cookies sent with this request only (aiohttp's per-request {@code cookies}), by name, read-only: they join
     * the session jar's matching cookies (replacing those of the same name) and are not stored; a redirect to
     * another origin drops them.
     *
     * @return the cookies in the order given, unmodifiable; empty if none
     */
    public Map<String, String> cookies() {
        return cookies;
    }

    /**
     * Whether the body is sent with chunked transfer coding (aiohttp's {@code chunked}).
     *
     * @return whether {@link Builder#chunked(boolean)} asked for it; a compressed body is sent chunked anyway, and
     *         so is a streamed one (a stream, an iterator, a form with files) unless a
     *         {@code Content-Length} header is given
     */
    public boolean chunked() {
        return chunked;
    }

    /**
     * The {@code Content-Encoding} the body is compressed with (aiohttp's {@code compress}).
     *
     * @return {@code "deflate"} or {@code "gzip"}, or null if the body is sent as it is
     */
    public String compress() {
        return compress;
    }

    /**
     * Whether the request sends {@code Expect: 100-continue} and waits for {@code 100 Continue} before its body
     * (aiohttp's {@code expect100}).
     *
     * @return whether {@link Builder#expect100(boolean)} asked for it
     */
    public boolean expect100() {
        return expect100;
    }

    /**
     * The object the {@link TraceConfig} handlers of this request find in their context (aiohttp's
     * {@code trace_request_ctx}).
     *
     * @return the object, or null
     */
    public Object traceRequestCtx() {
        return traceRequestCtx;
    }

    /**
     * This request's TLS settings if it is https (aiohttp's per-request {@code ssl}).
     *
     * @return the settings, or null for the connector's ({@link TCPConnector#tls()})
     */
    public TlsOptions ssl() {
        return ssl;
    }

    /**
     * The certificate this request pins if https ({@link Builder#ssl(Fingerprint)}), or null: then the connector's
     * fingerprint, if any, applies.
     *
     * @return the pinned certificate's digest, or null
     */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /**
     * The HTTP proxy this request goes through ({@code http://host:port}, credentials allowed in it), or null: then
     * the session's {@code trustEnv} decides (see {@link ClientSession.Builder#trustEnv(boolean)}).
     *
     * @return the proxy URL as given, or null
     */
    public String proxy() {
        return proxy;
    }

    /**
     * The Basic credentials sent to the proxy in {@code Proxy-Authorization} (aiohttp's {@code proxy_auth}).
     *
     * @return the credentials, or null for those in the proxy URL, if any
     */
    public BasicAuth proxyAuth() {
        return proxyAuth;
    }

    /**
     * The header fields sent to the proxy (aiohttp's {@code proxy_headers}), with an https request's
     * {@code CONNECT}.
     *
     * @return the fields, read-only; empty if none
     */
    public Headers proxyHeaders() {
        return proxyHeaders;
    }

    /**
     * The most bytes this request's compressed body may decompress to when read whole (0: no limit), or null for
     * the session's ({@link ClientSession.Builder#maxDecompressSize(long)}).
     *
     * @return the limit in bytes (0: none), or null for the session's
     */
    public Long maxDecompressSize() {
        return maxDecompressSize;
    }

    static long checkMaxDecompressSize(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxDecompressSize must be >= 0 (0: no limit), not " + bytes);
        }
        return bytes;
    }

    /**
     * A builder holding these options, to change some; these options are not changed by it. A streamed body is
     * the same stream in both, which can still be sent only once.
     *
     * @return a new builder with every option of this one
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.params.addAll(params);
        b.headers = headers.copy();
        switch (body) {
            case null -> { }
            case RequestBody.Json j -> {
                b.json = j.value();
                b.hasJson = true;
            }
            case RequestBody.Form f -> b.form = new ArrayList<>(f.fields());
            case RequestBody.Bytes d -> {
                b.data = d.bytes();
                b.dataContentType = d.type();
            }
            case RequestBody.Multipart m -> b.stream = m.form();
            case RequestBody.Streamed st -> b.stream = st.source();
        }
        b.auth = auth;
        b.allowRedirects = allowRedirects;
        b.maxRedirects = maxRedirects;
        b.raiseForStatus = raiseForStatus;
        b.timeout = timeout;
        b.cookies.putAll(cookies);
        b.ssl = ssl;
        b.fingerprint = fingerprint;
        b.chunked = chunked;
        b.compress = compress;
        b.expect100 = expect100;
        b.traceRequestCtx = traceRequestCtx;
        b.proxy = proxy;
        b.proxyAuth = proxyAuth;
        b.proxyHeaders = proxyHeaders.copy();
        b.maxDecompressSize = maxDecompressSize;
        return b;
    }

    /** Builds {@link RequestOptions}; not thread-safe. */
    public static final class Builder {
        private final List<Map.Entry<String, String>> params = new ArrayList<>();
        private Headers headers = new Headers();
        private Object json;
        private boolean hasJson;
        private List<Map.Entry<String, String>> form;
        private byte[] data;
        private BasicAuth auth;
        private Boolean allowRedirects;
        private int maxRedirects = 10;
        private Boolean raiseForStatus;
        private ClientTimeout timeout;
        private final Map<String, String> cookies = new java.util.LinkedHashMap<>();
        private TlsOptions ssl;
        private Fingerprint fingerprint;
        private String dataContentType;
        private Object stream;
        private boolean chunked;
        private String compress;
        private boolean expect100;
        private Object traceRequestCtx;
        private String proxy;
        private BasicAuth proxyAuth;
        private Headers proxyHeaders = new Headers();
        private Long maxDecompressSize;

        private Builder() {
        }

        /**
         * Sends this request through the HTTP proxy at {@code url} ({@code http://host:port}; aiohttp's
         * {@code proxy}), null for none. An http request goes to the proxy with its absolute URL as the target; an
         * https request opens a tunnel with {@code CONNECT host:port}, then TLS to the target through it, the
         * target's certificate and name checked as without a proxy. Credentials in the URL
         * ({@code http://user:pass@host:port}) are used unless {@link #proxyAuth} gives some. Checked when the
         * request is built.
         *
         * @param url the proxy's URL, or null for none (then the session's {@code trustEnv} decides)
         * @return this builder
         * @throws InvalidURL if {@code url} is not an http URL with a host
         */
        public Builder proxy(String url) {
            if (url != null) {
                ProxyInfo.of(url, null, null);      // InvalidURL now rather than at each request
            }
            proxy = url;
            return this;
        }

        /**
         * Basic credentials sent to the proxy in {@code Proxy-Authorization} (aiohttp's {@code proxy_auth}), in
         * place of those in the proxy URL.
         *
         * @param credentials the credentials, or null for none (those of the proxy URL, if any)
         * @return this builder
         */
        public Builder proxyAuth(BasicAuth credentials) {
            proxyAuth = credentials;
            return this;
        }

        /**
         * Adds a header field sent to the proxy (aiohttp's {@code proxy_headers}) with the {@code CONNECT} of an
         * https request; as in aiohttp 3.8, an http request through the proxy does not carry them (the proxy would
         * pass them on to the origin). Connections are shared only between requests with the same proxy,
         * credentials and proxy header fields.
         *
         * @param name  the field's name, a token
         * @param value the field's value, without CR, LF or NUL
         * @return this builder
         * @throws NullPointerException     if {@code name} or {@code value} is null
         * @throws IllegalArgumentException if {@code name} is empty or not a token, or {@code value} has CR, LF or
         *                                  NUL (the header-injection guard of {@link Headers#add})
         */
        public Builder proxyHeader(String name, String value) {
            proxyHeaders.add(name, value);
            return this;
        }

        /**
         * An object the trace handlers find under {@code "traceRequestCtx"} (aiohttp's trace_request_ctx).
         *
         * @param ctx any object, passed to the handlers as it is; null for none
         * @return this builder
         */
        public Builder traceRequestCtx(Object ctx) {
            traceRequestCtx = ctx;
            return this;
        }

        /**
         * Sends a form: urlencoded or {@code multipart/form-data} as {@link FormData} decides, with its
         * {@code Content-Type} unless a header gives one. The form is encoded now (its files, added with
         * {@link FormData#addFile}, are read when the request is sent): later changes to it are not sent.
         *
         * @param form the form, not null
         * @return this builder
         * @throws NullPointerException if {@code form} is null
         */
        public Builder data(FormData form) {
            if (form.streamed()) {
                stream = form.copy();
            } else {
                data = form.encode();
            }
            dataContentType = form.contentType();
            return this;
        }

        /**
         * Streams the body from {@code reader} until its EOF, with chunked transfer coding unless a
         * {@code Content-Length} header is given ({@code application/octet-stream} unless a header gives the type).
         * A streamed request is not retried on a stale pooled connection: the stream can be read once only.
         *
         * @param reader the stream to send, read on the loop by the request's body task
         * @return this builder
         * @throws NullPointerException if {@code reader} is null
         */
        public Builder data(io.asyncio4j.streams.StreamReader reader) {
            stream = Objects.requireNonNull(reader, "reader is null");
            return this;
        }

        /**
         * Streams the body from {@code chunks} (aiohttp's async generator body), one write per chunk, as
         * {@link #data(io.asyncio4j.streams.StreamReader)} does; {@code next()} runs on the loop and must not block.
         *
         * @param chunks the body's pieces, iterated once when the request is sent
         * @return this builder
         * @throws NullPointerException if {@code chunks} is null
         */
        public Builder data(java.util.Iterator<byte[]> chunks) {
            stream = Objects.requireNonNull(chunks, "chunks is null");
            return this;
        }

        /**
         * Sends the body with chunked transfer coding ({@code Transfer-Encoding: chunked}; aiohttp's
         * {@code chunked}). {@link #build()} refuses it with a {@code Content-Length} header.
         *
         * @param on whether to send the body chunked (false by default)
         * @return this builder
         */
        public Builder chunked(boolean on) {
            chunked = on;
            return this;
        }

        /**
         * Compresses the body with {@code "deflate"} (zlib) or {@code "gzip"} and sends it with that
         * {@code Content-Encoding}, chunked (aiohttp's {@code compress}); null for none. {@link #build()} refuses
         * it with a {@code Content-Encoding} or {@code Content-Length} header.
         *
         * @param encoding {@code "deflate"}, {@code "gzip"} or null
         * @return this builder
         * @throws IllegalArgumentException for any other encoding
         */
        public Builder compress(String encoding) {
            if (encoding != null && !encoding.equals("deflate") && !encoding.equals("gzip")) {
                throw new IllegalArgumentException("compress must be deflate or gzip, not " + encoding);
            }
            compress = encoding;
            return this;
        }

        /**
         * Sends {@code Expect: 100-continue} and the body only once the server answered {@code 100 Continue}; if
         * it answers with a final status instead, the body is not sent (and the connection is not reused).
         *
         * @param on whether to wait for {@code 100 Continue} (false by default)
         * @return this builder
         */
        public Builder expect100(boolean on) {
            expect100 = on;
            return this;
        }

        /**
         * TLS settings for this request if it is https (connections with other settings are not shared with it);
         * see {@link TCPConnector.Builder#ssl(TlsOptions)}. Replaces a fingerprint or an earlier {@code ssl} of
         * this request.
         *
         * @param options the TLS settings, or null for the connector's
         * @return this builder
         */
        public Builder ssl(TlsOptions options) {
            ssl = options;
            fingerprint = null;
            return this;
        }

        /**
         * This request, if https, trusts the servers {@code context}'s trust managers trust (aiohttp's
         * {@code ssl=SSLContext}), the host name still checked. Replaces a fingerprint or an earlier {@code ssl} of
         * this request.
         *
         * @param context the TLS context, not null
         * @return this builder
         * @throws NullPointerException if {@code context} is null
         */
        public Builder ssl(javax.net.ssl.SSLContext context) {
            ssl = TlsOptions.of(context);
            fingerprint = null;
            return this;
        }

        /**
         * With false, this request, if https, accepts any certificate for any host name (aiohttp's
         * {@code ssl=False}): still encrypted, not authenticated. With true, the JDK's trusted CAs and the host name
         * check, whatever the connector's settings. Replaces a fingerprint or an earlier {@code ssl} of this request.
         *
         * @param verify whether to verify the server's certificate and name
         * @return this builder
         */
        public Builder verifySsl(boolean verify) {
            ssl = verify ? TlsOptions.defaults() : TCPConnector.unverifiedTls();
            fingerprint = null;
            return this;
        }

        /**
         * This request, if https, is pinned to the certificate with this digest (aiohttp's
         * {@code ssl=Fingerprint(digest)}): no CA or host name check, but a server presenting another certificate is
         * refused with {@link ServerFingerprintMismatch}; see {@link TCPConnector.Builder#ssl(Fingerprint)}.
         * Replaces the other {@code ssl} settings of this request, as they replace it.
         *
         * @param pinned the digest of the server's certificate
         * @return this builder
         * @throws NullPointerException if {@code pinned} is null
         */
        public Builder ssl(Fingerprint pinned) {
            fingerprint = java.util.Objects.requireNonNull(pinned, "fingerprint is null");
            ssl = TCPConnector.pinnedTls();
            return this;
        }

        /**
         * Adds a cookie sent with this request only (see {@link RequestOptions#cookies()}); a second one of the same
         * name replaces the first.
         *
         * @param name  the cookie's name
         * @param value the cookie's value
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is null
         */
        public Builder cookie(String name, String value) {
            Map.Entry<String, String> e = pair("cookie", name, value);
            cookies.put(e.getKey(), e.getValue());
            return this;
        }

        /**
         * Adds each entry of {@code map} as a cookie of this request, as {@link #cookie} does, its value as
         * {@link String#valueOf(Object)} gives it.
         *
         * @param map the cookies by name, in the map's order
         * @return this builder
         * @throws NullPointerException if {@code map} or a name in it is null
         */
        public Builder cookies(Map<String, ?> map) {
            map.forEach((k, v) -> cookie(k, String.valueOf(v)));
            return this;
        }

        /**
         * Adds a query parameter, after the URL's own and those added before (a name may repeat); percent-encoded
         * when the request is made.
         *
         * @param name  the parameter's name
         * @param value the parameter's value
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is null
         */
        public Builder param(String name, String value) {
            params.add(pair("param", name, value));
            return this;
        }

        /**
         * Adds each entry of {@code map} as a query parameter, in the map's order, its value as
         * {@link String#valueOf(Object)} gives it.
         *
         * @param map the parameters by name
         * @return this builder
         * @throws NullPointerException if {@code map} or a name in it is null
         */
        public Builder params(Map<String, ?> map) {
            map.forEach((k, v) -> param(k, String.valueOf(v)));
            return this;
        }

        /**
         * Adds a header field (checked as {@link Headers#add} does); fields of the same name replace the session's.
         *
         * @param name  the field's name, a token
         * @param value the field's value, without CR, LF or NUL
         * @return this builder
         * @throws NullPointerException     if {@code name} or {@code value} is null
         * @throws IllegalArgumentException if {@code name} is empty or not a token, or {@code value} has CR, LF or
         *                                  NUL
         */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /**
         * Adds every field of {@code h}, in its order, as {@link #header} does.
         *
         * @param h the fields to add
         * @return this builder
         * @throws NullPointerException if {@code h} is null
         */
        public Builder headers(Headers h) {
            h.forEach(headers::add);
            return this;
        }

        /**
         * Sends {@code value} encoded by the session's {@link JsonCodec} (aiohttp's {@code json=}), with
         * {@code Content-Type: application/json}.
         *
         * @param value what to send; null sends {@code null}
         * @return this builder
         */
        public Builder json(Object value) {
            json = value;
            hasJson = true;
            return this;
        }

        /**
         * Adds a field to a form body ({@code application/x-www-form-urlencoded}, UTF-8; aiohttp's {@code data=}
         * of a dict), after those added before.
         *
         * @param name  the field's name
         * @param value the field's value
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is null
         */
        public Builder formField(String name, String value) {
            if (form == null) {
                form = new ArrayList<>();
            }
            form.add(pair("form field", name, value));
            return this;
        }

        /**
         * Adds each entry of {@code map} to a form body, in the map's order, as {@link #formField} does, its value as
         * {@link String#valueOf(Object)} gives it; an empty map gives an empty form body.
         *
         * @param map the fields by name
         * @return this builder
         * @throws NullPointerException if {@code map} or a name in it is null
         */
        public Builder form(Map<String, ?> map) {
            if (form == null) {
                form = new ArrayList<>();
            }
            map.forEach((k, v) -> formField(k, String.valueOf(v)));
            return this;
        }

        /**
         * Sends these bytes as the body ({@code application/octet-stream} unless a {@code Content-Type} header is
         * given), with a {@code Content-Length}.
         *
         * @param body the body, copied: later changes to the array are not sent
         * @return this builder
         * @throws NullPointerException if {@code body} is null
         */
        public Builder data(byte[] body) {
            data = Objects.requireNonNull(body, "data is null").clone();
            dataContentType = null;
            return this;
        }

        /**
         * Basic credentials sent in {@code Authorization} (aiohttp's {@code auth}), in place of the session's; the
         * request fails if its URL has credentials too, or an {@code Authorization} header is given. A redirect to
         * another origin drops them.
         *
         * @param credentials the credentials, or null for the URL's or the session's
         * @return this builder
         */
        public Builder auth(BasicAuth credentials) {
            auth = credentials;
            return this;
        }

        /**
         * Whether redirects (301, 302, 303, 307, 308) are followed (aiohttp's {@code allow_redirects}); if not set,
         * they are, except by {@link HttpVerbs#head(String, RequestOptions) head}. Unfollowed, a redirect is
         * returned as the response.
         *
         * @param allow whether to follow redirects
         * @return this builder
         */
        public Builder allowRedirects(boolean allow) {
            allowRedirects = allow;
            return this;
        }

        /**
         * The redirect limit (aiohttp's {@code max_redirects}; 10 by default).
         *
         * @param max the number of redirect responses that raises {@link TooManyRedirects}, 0 for no limit
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is negative
         */
        public Builder maxRedirects(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxRedirects must be >= 0, not " + max);
            }
            maxRedirects = max;
            return this;
        }

        /**
         * Whether a final status of 400 or above raises {@link ClientResponseError} when the request is awaited
         * (aiohttp's {@code raise_for_status}), in place of the session's setting.
         *
         * @param raise whether to raise for an error status
         * @return this builder
         */
        public Builder raiseForStatus(boolean raise) {
            raiseForStatus = raise;
            return this;
        }

        /**
         * This request's timeouts, in place of the session's (aiohttp's per-request {@code timeout}).
         *
         * @param t the timeouts ({@link ClientTimeout#NONE} for none), or null for the session's
         * @return this builder
         */
        public Builder timeout(ClientTimeout t) {
            timeout = t;
            return this;
        }

        /**
         * This request's limit on what its compressed body may decompress to when read whole (0: no limit), in place
         * of the session's; see {@link ClientSession.Builder#maxDecompressSize(long)}.
         *
         * @param bytes the limit in bytes, 0 for none
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder maxDecompressSize(long bytes) {
            maxDecompressSize = checkMaxDecompressSize(bytes);
            return this;
        }

        private static Map.Entry<String, String> pair(String what, String name, String value) {
            Objects.requireNonNull(name, () -> what + " name is null");
            return Map.entry(name, Objects.requireNonNull(value, () -> what + " " + name + ": value is null"));
        }

        /**
         * The options set so far; the builder may go on to build others.
         *
         * @return immutable options
         * @throws IllegalArgumentException if more than one body ({@code json}, {@code form} or {@code data}) was
         *                                  given, {@code compress} with a {@code Content-Encoding} header, or
         *                                  {@code chunked} or {@code compress} with a {@code Content-Length} header
         */
        public RequestOptions build() {
            int bodies = (hasJson ? 1 : 0) + (form != null ? 1 : 0) + (data != null ? 1 : 0)
                    + (stream != null ? 1 : 0);
            if (compress != null && headers.contains("Content-Encoding")) {
                throw new IllegalArgumentException("compress can not be set if Content-Encoding header is set");
            }
            if ((chunked || compress != null) && headers.contains("Content-Length")) {
                throw new IllegalArgumentException("chunked can not be set if Content-Length header is set");
            }
            if (bodies > 1) {
                throw new IllegalArgumentException("json, form and data can not be used at the same time");
            }
            return new RequestOptions(this);
        }

        /** The one body given, as its kind (build has checked there is at most one). */
        private RequestBody body() {
            if (hasJson) {
                return new RequestBody.Json(json);
            }
            if (form != null) {
                return new RequestBody.Form(form);
            }
            if (data != null) {
                return new RequestBody.Bytes(data, dataContentType); // the builder's own copy, never changed
            }
            if (stream instanceof FormData f) {
                return new RequestBody.Multipart(f);
            }
            if (stream != null) {
                return new RequestBody.Streamed(stream);
            }
            return null;
        }
    }
}
