package io.asyncio4j.http.web;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Coro;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.json.JSONDecodeError;
import io.asyncio4j.http.json.TypeRef;
import io.asyncio4j.http.internal.RequestHead;
import io.asyncio4j.http.internal.Urls;
import io.asyncio4j.streams.StreamReader;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * aiohttp's {@code web.Request}: one HTTP request as its handler sees it. The head (method, path, query, headers)
 * is complete when the handler starts; the body arrives meanwhile and is read through {@link #content()} (a
 * {@link StreamReader}, for streaming) or whole with {@link #read()}, {@link #text()} and {@link #json()}, which
 * read it once and then return the same bytes.
 *
 * <p>Use a request on its handler's task (the loop's thread). Reading the body suspends the handler until the
 * bytes arrive; cancelling the handler while it reads leaves what arrived in {@link #content()}. If the connection
 * is lost, reads throw a {@link io.asyncio4j.net.ConnectionResetError}; if the body is malformed (a bad chunk),
 * {@link HTTPBadRequest}; if the client sends none of it for the {@linkplain ServerOptions#bodyTimeout() body
 * timeout}, {@link HTTPRequestTimeout} (thrown on, it answers 408, and the connection closes after the answer).
 * These are the read's exceptions, not a cancellation: the handler goes on and may answer otherwise.
 */
public final class Request {
    private final Application app;
    private final RequestHead head;
    private final StreamReader content;
    private final InetSocketAddress remote;
    private final String rawPath;
    private final String path;
    private final String routingPath;
    private final String queryString;
    private Map<String, List<String>> query;
    private Map<String, String> cookies;
    private Map<String, String> matchInfo = Map.of();
    private Router.Match match;
    private byte[] body;
    private MultiDict<Object> post;
    private final HttpProtocol protocol;
    /** The StreamResponse prepared for this request, if any. */
    private StreamResponse started;
    /** {@code 100 Continue} has been sent for this request's {@code Expect: 100-continue}. */
    private boolean continueSent;

    /** {@return the StreamResponse prepared for this request, or null if none was} */
    StreamResponse startedResponse() {
        return started;
    }

    /** Records that {@code r}'s head went out for this request. */
    void responseStarted(StreamResponse r) {
        started = r;
    }

    Request(Application app, RequestHead head, StreamReader content, InetSocketAddress remote,
            HttpProtocol protocol) {
        this.app = app;
        this.protocol = protocol;
        this.head = head;
        this.content = content;
        this.remote = remote;
        this.rawPath = Urls.rawPathOf(head.target());
        this.path = Urls.decodePath(rawPath);
        this.routingPath = Urls.decodeForRouting(rawPath);
        this.queryString = Urls.rawQueryOf(head.target());
    }

    /** {@return the method, as sent ({@code "GET"})} */
    public String method() {
        return head.method();
    }

    /** {@return the protocol version, {@code "HTTP/1.1"} or {@code "HTTP/1.0"}} */
    public String version() {
        return head.version();
    }

    /** {@return the path, percent-decoded ({@code /a b} for {@code /a%20b?x=1})} */
    public String path() {
        return path;
    }

    /**
     * {@return the request target as sent: path and query, still encoded ({@code /a%20b?x=1}), as aiohttp's
     * {@code raw_path}}
     */
    public String rawPath() {
        return head.target();
    }

    /** {@return the query string as sent, without the {@code ?} ({@code ""} if none)} */
    public String queryString() {
        return queryString;
    }

    /**
     * The first value of query parameter {@code name}, as aiohttp's {@code request.query.get(name)}.
     *
     * @param name the parameter name, decoded
     * @return the first value, decoded, or null if the query has no such parameter
     */
    public String query(String name) {
        List<String> v = query().get(name);
        return v == null ? null : v.get(0);
    }

    /**
     * Every value of query parameter {@code name}, as aiohttp's {@code request.query.getall(name, [])}.
     *
     * @param name the parameter name, decoded
     * @return the values, decoded, in order; an unmodifiable list, empty if none
     */
    public List<String> queryAll(String name) {
        return query().getOrDefault(name, List.of());
    }

    /** {@return the query parameters, decoded names to decoded values in order; unmodifiable, parsed once} */
    public Map<String, List<String>> query() {
        if (query == null) {
            query = Urls.parseQuery(queryString);
        }
        return query;
    }

    /** {@return the header fields (case-insensitive names, several values possible); a read-only view} */
    public Headers headers() {
        return head.headers();
    }

    /**
     * The first value of header {@code name}.
     *
     * @param name the field name, case-insensitive
     * @return the first value, or null if the request has no such field
     */
    public String header(String name) {
        return head.headers().get(name);
    }

    /**
     * aiohttp's {@code request.match_info[name]}: a path variable of the matched route ({@code {name}}).
     *
     * @param name the variable's name in the route's path
     * @return the value, decoded, or null if the route has no such variable (or routing is not done)
     */
    public String matchInfo(String name) {
        return matchInfo.get(name);
    }

    /** {@return every path variable of the matched route, decoded; unmodifiable, empty before routing} */
    public Map<String, String> matchInfo() {
        return matchInfo;
    }

    /** The connection the request came on. */
    HttpProtocol protocol() {
        return protocol;
    }

    /**
     * Answers the client's {@code Expect: 100-continue} (HTTP/1.1) with {@code 100 Continue}, once: aiohttp's
     * default {@code expect_handler}, which {@link Application#handle} runs after routing. Nothing if the client
     * expects nothing. On the loop's thread.
     */
    void continueIfExpected() {
        if (head.expectContinue() && !continueSent) {
            continueSent = true;
            protocol.writeContinue();
        }
    }

    void setMatch(Router.Match m) {
        this.match = m;
        this.matchInfo = m.matchInfo();
    }

    Router.Match match() {
        return match;
    }

    /** Responses whose prepare hooks have run (a response is prepared once; a hook may prepare another). */
    private java.util.Set<Response> hooked;

    /**
     * aiohttp's {@code request._prepare_hook(response)}: runs the {@link Application#onResponsePrepare()} hooks of
     * the applications on the way to the matched route, once per response; none before routing. Call on the
     * request's task.
     */
    void prepareHook(Response response) throws Exception {
        if (match == null) {
            return;
        }
        if (hooked == null) {
            hooked = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        }
        if (!hooked.add(response)) {
            return;
        }
        Application owner = match.app() != null ? match.app() : app;
        for (Application a : owner.appChain()) {
            for (ResponsePrepareHook h : a.onResponsePrepare()) {
                io.asyncio4j.Coro<?> c = h.call(this, response);
                if (c != null) {
                    c.await();
                }
            }
        }
    }

    /** The path as the router matches it: decoded except {@code %2F} and {@code %25}. */
    String routingPath() {
        return routingPath;
    }

    /**
     * {@return the client's IP address as a string ({@code "127.0.0.1"}), as aiohttp's {@code remote}; null if
     * unknown}
     */
    public String remote() {
        return remote == null ? null : remote.getAddress().getHostAddress();
    }

    /** {@return the client's socket address, or null if unknown} */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /**
     * The cookies the client sent ({@code Cookie} headers), as aiohttp's {@code request.cookies}. As Python's
     * {@code SimpleCookie}: {@code name=value} pairs separated by {@code ;}, double-quoted values unquoted; malformed
     * pairs are skipped.
     *
     * @return name to value, in order; unmodifiable, parsed once
     */
    public Map<String, String> cookies() {
        if (cookies == null) {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            for (String h : headers().getAll("Cookie")) {
                for (String pair : h.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    String name = pair.substring(0, eq).trim();
                    String value = pair.substring(eq + 1).trim();
                    if (name.isEmpty() || !name.chars().allMatch(Headers::isTokenChar)) {
                        continue;
                    }
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = unquoteCookie(value.substring(1, value.length() - 1));
                    }
                    out.put(name, value);
                }
            }
            cookies = java.util.Collections.unmodifiableMap(out);
        }
        return cookies;
    }

    /**
     * The value of cookie {@code name}.
     *
     * @param name the cookie name
     * @return the value (unquoted), or null if the client sent no such cookie
     */
    public String cookie(String name) {
        return cookies().get(name);
    }

    /** Python's {@code http.cookies._unquote}: {@code \\"} and {@code \\\\} and octal {@code \\054}. */
    private static String unquoteCookie(String v) {
        if (v.indexOf('\\') < 0) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && isOctal(v, i + 1)) {
                sb.append((char) Integer.parseInt(v.substring(i + 1, i + 4), 8));
                i += 3;
            } else if (c == '\\' && i + 1 < v.length()) {
                sb.append(v.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isOctal(String v, int from) {
        if (from + 3 > v.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return v.charAt(from) <= '3';
    }

    /** {@return the {@code Host} header, or null if none was sent} */
    public String host() {
        return header("Host");
    }

    /**
     * {@return whether the connection may serve another request after this one (version and {@code Connection}
     * header)}
     */
    public boolean keepAlive() {
        return head.keepAlive();
    }

    /**
     * {@return the application serving this request: aiohttp's {@code request.app}, the sub-application whose route
     * matched (once routing is done), else the application of the site}
     */
    public Application app() {
        return match != null && match.app() != null ? match.app() : app;
    }

    /** {@return the declared body length ({@code Content-Length}), or -1 if chunked or none} */
    public long contentLength() {
        return head.chunked() ? -1 : head.contentLength();
    }

    /** {@return whether the request has a body (a positive {@code Content-Length} or chunked coding)} */
    public boolean hasBody() {
        return head.hasBody();
    }

    /**
     * {@return the media type of the body, lower case, without parameters ({@code "application/json"}); or
     * {@code "application/octet-stream"} if no {@code Content-Type} was sent (aiohttp's default)}
     */
    public String contentType() {
        String ct = header("Content-Type");
        if (ct == null) {
            return "application/octet-stream";
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** {@return the {@code charset} parameter of {@code Content-Type}, unquoted, or null} */
    public String charset() {
        return charsetOf(header("Content-Type"));
    }

    /** The {@code charset} parameter of a {@code Content-Type} value (unquoted), or null. */
    static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String p : contentType.split(";")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    /**
     * The body as it arrives, aiohttp's {@code request.content}: read it in pieces to stream an upload of any
     * size (no {@code clientMaxSize} applies, whatever {@code Content-Length} declares, with
     * {@code Expect: 100-continue} too: the {@code 100 Continue} goes out once the route is resolved, before the
     * middlewares, as in aiohttp). Do not mix with {@link #read()}.
     *
     * @return the body stream, the same object each call; at its end once the body is complete
     */
    public StreamReader content() {
        return content;
    }

    /**
     * The whole body (aiohttp's {@code await request.read()}); the second call returns the same array.
     *
     * <p>Cancellation: a cancelled read keeps no partial body; what it consumed from {@link #content()} is gone.
     *
     * @return the read, run when awaited on the handler's task; the array is shared by later calls, so do not
     *         modify it
     * @throws HTTPRequestEntityTooLarge (when awaited) if it is longer than the application's
     *                                   {@link Application#clientMaxSize()}: as soon as more was read (aiohttp's
     *                                   "actual body size" is then what was read), or at once, unread, if
     *                                   {@code Content-Length} declares more (its message then says "declared")
     * @throws io.asyncio4j.net.ConnectionResetError (when awaited) if the connection is lost before the body ends
     * @throws HTTPRequestTimeout (when awaited) if the client stalls for the body timeout
     * @throws HTTPBadRequest (when awaited) for a malformed chunked body
     */
    @CheckReturnValue
    public Coro<byte[]> read() {
        return Coro.named("Request.read", () -> {
            if (body != null) {
                return body;
            }
            long max = app.clientMaxSize();
            if (contentLength() > max) {
                // Refused unread (the connection closes after a 413), so no "actual" size is known.
                throw HTTPRequestEntityTooLarge.declared(max, contentLength());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                byte[] piece = content.read(64 * 1024).await();
                if (piece.length == 0) {
                    break;
                }
                out.writeBytes(piece);
                if (out.size() > max) {
                    throw new HTTPRequestEntityTooLarge(max, out.size());
                }
            }
            body = out.toByteArray();
            return body;
        });
    }

    /**
     * aiohttp's {@code await request.text()}: the body decoded with its charset (UTF-8 if none).
     *
     * @return the read and decoding, run when awaited on the handler's task
     * @throws HTTPBadRequest (when awaited) for an unknown charset or a malformed chunked body
     * @throws HTTPRequestEntityTooLarge (when awaited) as {@link #read()}
     */
    @CheckReturnValue
    public Coro<String> text() {
        return Coro.named("Request.text", () -> new String(read().await(), bodyCharset()));
    }

    /**
     * aiohttp's {@code await request.json()}: the body decoded by the application's codec
     * ({@link Application#jsonCodec()}, Jackson by default) as maps, lists, strings, numbers, booleans and null.
     *
     * @return the read and decoding, run when awaited on the handler's task
     * @throws HTTPBadRequest (when awaited) if the body is not one JSON value, or not one that fits the type asked
     *                        for (a string where a field is a number); its text, sent to the client, is
     *                        {@code Invalid JSON body: } and the codec's {@link JSONDecodeError}'s message, in
     *                        JSON terms ({@code expected a number at $.age (line 1, column 9)}). Fields the type
     *                        does not have are ignored, as a handler of aiohttp's dict ignores extra keys
     * @throws HTTPRequestEntityTooLarge (when awaited) as {@link #read()}
     */
    @CheckReturnValue
    public Coro<Object> json() {
        return Coro.named("Request.json", json(Object.class));
    }

    /**
     * As {@link #json()}, into {@code type} (a record, a bean, {@code Map.class}...): JSON fields {@code type}
     * lacks are ignored, fields missing from the JSON are null, 0 or false.
     *
     * @param type what to read the body as
     * @param <T>  the type
     * @return the decoding, run when awaited
     */
    @CheckReturnValue
    public <T> Coro<T> json(Class<T> type) {
        return Coro.named("Request.json", json((Type) type));
    }

    /**
     * As {@link #json()}, into any type, a generic one too ({@code T} is then unchecked).
     *
     * @param type what to read the body as
     * @param <T>  {@code type} as a Java type
     * @return the decoding, run when awaited
     */
    @CheckReturnValue
    public <T> Coro<T> json(Type type) {
        Objects.requireNonNull(type, "type");
        return Coro.named("Request.json", () -> {
            byte[] b = read().await();
            try {
                return app().jsonCodec().decode(b, type);
            } catch (JSONDecodeError e) {
                throw new HTTPBadRequest("Invalid JSON body: " + e.getMessage().lines().findFirst().orElse(""));
            }
        });
    }

    /**
     * As {@link #json()}, into the generic type {@code type} captures, typed:
     * {@code List<Item> items = request.json(new TypeRef<List<Item>>() {}).await()}.
     *
     * @param type what to read the body as
     * @param <T>  the type
     * @return the decoding, run when awaited
     * @throws HTTPBadRequest (when awaited) as {@link #json()}
     */
    @CheckReturnValue
    public <T> Coro<T> json(TypeRef<T> type) {
        return Coro.named("Request.json", json(type.type()));
    }

    /**
     * aiohttp's {@code await request.post()}: the form fields of the body, parsed once. For
     * {@code application/x-www-form-urlencoded} the values are strings (decoded with the body's charset, UTF-8 by
     * default); for {@code multipart/form-data} (parsed by Jetty's {@code MultiPart.Parser} as the body arrives) a
     * part with a file name is a {@link FileField}, a text part (no {@code Content-Type}, or {@code text/*}) a
     * string in its charset, any other part a {@code byte[]}. For other methods than POST, PUT, PATCH and TRACE,
     * and other content types, the result is empty. After {@link #read()}, the bytes it read are parsed.
     *
     * @throws HTTPRequestEntityTooLarge (when awaited) if the body (urlencoded) or the parts' contents together
     *                                   (multipart) pass {@link Application#clientMaxSize()}
     * @throws HTTPBadRequest (when awaited) for a malformed multipart body or a part without a name
     */
    /**
     * aiohttp's {@code await request.post()}: the form fields of the body, parsed once. For
     * {@code application/x-www-form-urlencoded} the values are strings (decoded with the body's charset, UTF-8 by
     * default); for {@code multipart/form-data} (parsed by Jetty's {@code MultiPart.Parser} as the body arrives) a
     * part with a file name is a {@link FileField}, a text part (no {@code Content-Type}, or {@code text/*}) a
     * string in its charset, any other part a {@code byte[]}. For other methods than POST, PUT, PATCH and TRACE,
     * and other content types, the result is empty. After {@link #read()}, the bytes it read are parsed.
     *
     * @return the parse, run when awaited on the handler's task; later calls give the same read-only fields
     * @throws HTTPRequestEntityTooLarge (when awaited) if the body (urlencoded) or the parts' contents together
     *                                   (multipart) pass {@link Application#clientMaxSize()}
     * @throws HTTPBadRequest (when awaited) for a malformed multipart body or a part without a name
     */
    @CheckReturnValue
    public Coro<MultiDict<Object>> post() {
        return Coro.named("Request.post", () -> {
            if (post != null) {
                return post;
            }
            String ct = contentType();
            if (!java.util.Set.of("POST", "PUT", "PATCH", "TRACE").contains(method())) {
                post = MultiDict.empty();
            } else if (ct.equals("multipart/form-data")) {
                post = FormParser.parseMultipart(header("Content-Type"), body, content, app.clientMaxSize());
            } else if (ct.equals("application/x-www-form-urlencoded") || ct.isEmpty()) {
                post = FormParser.parseUrlencoded(read().await(), bodyCharset());
            } else {
                post = MultiDict.empty();
            }
            return post;
        });
    }

    private Charset bodyCharset() {
        return charsetFor(header("Content-Type"));
    }

    /**
     * The charset a {@code Content-Type} value names, UTF-8 if none.
     *
     * @throws HTTPBadRequest for a charset Java does not know
     */
    static Charset charsetFor(String contentType) {
        String cs = charsetOf(contentType);
        if (cs == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(cs);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new HTTPBadRequest("unknown charset " + cs);
        }
    }

    @Override
    public String toString() {
        return "<Request " + method() + " " + rawPath() + " >";
    }
}
