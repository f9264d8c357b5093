package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;
import io.asyncio4j.http.json.JsonCodec;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * aiohttp's {@code web.Response}: a whole answer, status, headers and body, that a {@link Handler} returns.
 *
 * <pre>{@code
 * return Response.text("Hello, World!");                       // 200, text/plain; charset=utf-8
 * return Response.json(Map.of("id", 1)).status(201);           // web.json_response({"id": 1}, status=201)
 * return Response.bytes(png, "image/png").header("Cache-Control", "max-age=60");
 * }</pre>
 *
 * <p>The server writes {@code Content-Length} (the body's length; none for 1xx, 204 and 304), {@code Content-Type}
 * (from {@link #contentType()} and {@link #charset()} unless a {@code Content-Type} header was set), {@code Date}
 * and {@code Server} (unless set), and {@code Connection} as the connection requires; a {@code Content-Length},
 * {@code Transfer-Encoding} or {@code Connection} header set here is replaced. For {@code HEAD} the body is not
 * sent. A response is a plain mutable object for one request; build it on the handler's task.
 *
 * <p>Cookies set with {@link #setCookie} go out as one {@code Set-Cookie} field each. {@link #enableCompression()}
 * compresses the body with the coding the request accepts, as aiohttp does: the whole body, before it is sent, with
 * {@code Content-Length} the compressed length. {@link StreamResponse} (a response written piece by piece) and
 * {@link FileResponse} extend this class, because a {@link Handler} returns a {@code Response}: in aiohttp the
 * hierarchy goes the other way, but the methods are the same.
 */
public class Response {
    private static final byte[] EMPTY = new byte[0];

    private int status = 200;
    private String reason;
    private final Headers headers = new Headers();
    private byte[] body = EMPTY;
    private String contentType;
    private String charset;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private boolean compression;
    private ContentCoding compressionForce;
    /** Bytes written for this response, head included: set by the server once it is written. */
    private long bodyLength;

    /** An empty 200 response with no content type. */
    public Response() {
    }

    /**
     * aiohttp's {@code web.Response(text=...)}: {@code text} encoded in UTF-8 as {@code text/plain; charset=utf-8}.
     *
     * @param text the body; not null
     * @return a 200 response
     * @throws NullPointerException if {@code text} is null
     */
    public static Response text(String text) {
        return text(text, "text/plain");
    }

    /**
     * {@code text} encoded in UTF-8 with {@code contentType} ({@code "text/html"}...) and charset utf-8.
     *
     * @param text        the body; not null
     * @param contentType the media type without parameters; null for no {@code Content-Type}
     * @return a 200 response
     * @throws NullPointerException if {@code text} is null
     */
    public static Response text(String text, String contentType) {
        Objects.requireNonNull(text, "text");
        Response r = new Response();
        r.body = text.getBytes(StandardCharsets.UTF_8);
        r.contentType = contentType;
        r.charset = "utf-8";
        return r;
    }

    /**
     * aiohttp's {@code web.Response(body=...)}: {@code body} as {@code application/octet-stream}.
     *
     * @param body the body; not copied, so the array is the response's to keep and must not change afterwards
     * @return a 200 response
     * @throws NullPointerException if {@code body} is null
     */
    public static Response bytes(byte[] body) {
        return bytes(body, "application/octet-stream");
    }

    /**
     * {@code body} with {@code contentType}.
     *
     * @param body        the body; not copied, so the array is the response's to keep and must not change afterwards
     * @param contentType the media type without parameters; null for no {@code Content-Type}
     * @return a 200 response with no charset
     * @throws NullPointerException if {@code body} is null
     */
    public static Response bytes(byte[] body, String contentType) {
        Response r = new Response();
        r.body = Objects.requireNonNull(body, "body");
        r.contentType = contentType;
        return r;
    }

    /**
     * aiohttp's {@code json_response}: {@code data} (maps, lists, strings, numbers, booleans, null, records and
     * beans; {@code java.time} values as ISO-8601 text) serialised by {@link JsonCodec#defaultCodec()} as
     * {@code application/json; charset=utf-8}. For the application's codec, use {@link #json(Object, JsonCodec)}
     * with {@code request.app().jsonCodec()}.
     *
     * @param data what to send; may be null (the JSON {@code null})
     * @return a 200 response with the JSON text as its body
     * @throws IllegalArgumentException if the codec cannot serialise {@code data}
     */
    public static Response json(Object data) {
        return json(data, JsonCodec.defaultCodec());
    }

    /**
     * aiohttp's {@code json_response(data, dumps=...)}: {@code data} serialised by {@code codec} as
     * {@code application/json; charset=utf-8}; {@code Response.json(data, request.app().jsonCodec())} answers with
     * the application's codec ({@link Application#jsonCodec(JsonCodec)}). The codec is called here, on the calling
     * task's thread.
     *
     * @param data  what to send
     * @param codec the codec that writes it
     * @return a 200 response with the JSON text as its body
     * @throws IllegalArgumentException if {@code codec} cannot serialise {@code data}
     */
    public static Response json(Object data, JsonCodec codec) {
        Response r = bytes(Objects.requireNonNull(codec, "codec").encode(data), "application/json");
        r.charset = "utf-8";
        return r;
    }

    /**
     * Sets the status and drops a reason phrase set before, so the standard one for the status is sent.
     *
     * @param status the status code, 100..599
     * @return this
     * @throws IllegalArgumentException if {@code status} is outside 100..599
     */
    public Response status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be in 100..599, not " + status);
        }
        this.status = status;
        this.reason = null;
        return this;
    }

    /**
     * Sets the reason phrase sent after the status code.
     *
     * @param reason the phrase, without CR or LF; null for the standard one of the status
     * @return this
     * @throws IllegalArgumentException if {@code reason} holds CR or LF
     */
    public Response reason(String reason) {
        if (reason != null && (reason.indexOf('\r') >= 0 || reason.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("reason cannot contain CR or LF: " + reason);
        }
        this.reason = reason;
        return this;
    }

    /**
     * Adds a header field (after any of the same name); see the class comment for the fields the server replaces.
     *
     * @param name  the field name, an RFC 9110 token
     * @param value the value, without CR, LF or NUL
     * @return this
     * @throws IllegalArgumentException if {@code name} or {@code value} is invalid, as {@link Headers#add}
     * @throws NullPointerException if {@code name} or {@code value} is null
     */
    public Response header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /**
     * Sets the media type, as aiohttp's {@code content_type}.
     *
     * @param contentType the media type without parameters ({@code "text/html"}); null for none
     * @return this
     */
    public Response contentType(String contentType) {
        this.contentType = contentType;
        return this;
    }

    /**
     * Sets the charset parameter of the content type, as aiohttp's {@code charset}.
     *
     * @param charset a charset name ({@code "utf-8"}); null for none
     * @return this
     */
    public Response charset(String charset) {
        this.charset = charset;
        return this;
    }

    /**
     * Replaces the body.
     *
     * @param body the new body; not copied, so the array is the response's to keep and must not change afterwards
     * @return this
     * @throws NullPointerException if {@code body} is null
     */
    public Response body(byte[] body) {
        this.body = Objects.requireNonNull(body, "body");
        return this;
    }

    /**
     * Replaces the body by {@code text} encoded in the response's charset (UTF-8 if none, which it then sets), as
     * aiohttp's {@code text} setter.
     *
     * @param text the new body; not null
     * @return this
     * @throws NullPointerException if {@code text} is null
     * @throws java.nio.charset.UnsupportedCharsetException if the charset set before is not supported here
     */
    public Response body(String text) {
        if (charset == null) {
            charset = "utf-8";
        }
        this.body = text.getBytes(Charset.forName(charset));
        return this;
    }

    /** {@return the status code, 200 unless set} */
    public int status() {
        return status;
    }

    /** {@return the reason phrase: the one set, else the standard one for the status} */
    public String reason() {
        return reason != null ? reason : Reasons.of(status);
    }

    /** {@return the header fields, to read or change (the same object each call)} */
    public Headers headers() {
        return headers;
    }

    /** {@return the body; not a copy, empty if none was set} */
    public byte[] body() {
        return body;
    }

    /**
     * aiohttp's {@code text} getter: the body decoded with the charset.
     *
     * @return the body decoded with the charset, UTF-8 if none is set
     */
    public String bodyText() {
        return new String(body, charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset));
    }

    /** {@return the media type without parameters, or null if none is set} */
    public String contentType() {
        return contentType;
    }

    /** {@return the charset parameter of the content type, or null if none is set} */
    public String charset() {
        return charset;
    }

    /**
     * aiohttp's {@code set_cookie(name, value)}: sets cookie {@code name} with path {@code /}, replacing one of
     * that name set before.
     *
     * @param name  the cookie name, an RFC 9110 token
     * @param value the value, without CR or LF; not null
     * @return this
     * @throws IllegalArgumentException for a malformed name or value
     * @throws NullPointerException if {@code value} is null
     */
    public Response setCookie(String name, String value) {
        return setCookie(name, value, new CookieOptions());
    }

    /**
     * aiohttp's {@code set_cookie(name, value, ...)}: sets cookie {@code name} with {@code options}, replacing
     * one of that name set before. {@code name} must be a token and neither may contain CR or LF.
     *
     * @param name    the cookie name, an RFC 9110 token
     * @param value   the value, without CR or LF; not null
     * @param options the attributes ({@code Path}, {@code Max-Age}...); read now, so later changes to it do not apply
     * @return this
     * @throws IllegalArgumentException for a malformed name or value
     * @throws NullPointerException if {@code value} or {@code options} is null
     */
    public Response setCookie(String name, String value, CookieOptions options) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(options, "options");
        if (name == null || name.isEmpty() || !name.chars().allMatch(Headers::isTokenChar)) {
            throw new IllegalArgumentException("a cookie name must be a token: " + name);
        }
        String v = options.render(name, value);
        if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a cookie cannot contain CR or LF: " + name);
        }
        cookies.put(name, v);
        return this;
    }

    /**
     * aiohttp's {@code del_cookie(name)}: tells the client to drop cookie {@code name} (of path {@code /}): an
     * empty value that expired in 1970, {@code Max-Age=0}.
     *
     * @param name the cookie name, an RFC 9110 token
     * @return this
     * @throws IllegalArgumentException if {@code name} is not a token
     */
    public Response delCookie(String name) {
        return delCookie(name, null, "/");
    }

    /**
     * aiohttp's {@code del_cookie(name, domain=, path=)}: as {@link #delCookie(String)} for the cookie of that domain
     * and path.
     *
     * @param name   the cookie name, an RFC 9110 token
     * @param domain the cookie's {@code Domain}; null for none
     * @param path   the cookie's {@code Path}; null for none
     * @return this
     * @throws IllegalArgumentException if {@code name} is not a token
     */
    public Response delCookie(String name, String domain, String path) {
        return setCookie(name, "", new CookieOptions().domain(domain).path(path).maxAge(0)
                .expires("Thu, 01 Jan 1970 00:00:00 GMT"));
    }

    /** {@return the cookies set, name to {@code Set-Cookie} value, in order; an unmodifiable view} */
    public Map<String, String> cookies() {
        return Collections.unmodifiableMap(cookies);
    }

    /**
     * aiohttp's {@code enable_compression()}: compresses the body with the first of deflate and gzip that the
     * request's {@code Accept-Encoding} names (nothing if it names neither).
     *
     * @return this
     */
    public Response enableCompression() {
        this.compression = true;
        this.compressionForce = null;
        return this;
    }

    /**
     * aiohttp's {@code enable_compression(force)}: compresses with {@code coding} whatever the request accepts.
     *
     * @param coding the coding to use; {@link ContentCoding#IDENTITY} sends the body as it is
     * @return this
     * @throws NullPointerException if {@code coding} is null
     */
    public Response enableCompression(ContentCoding coding) {
        this.compression = true;
        this.compressionForce = Objects.requireNonNull(coding, "coding");
        return this;
    }

    /** {@return whether compression is enabled} */
    public boolean compression() {
        return compression;
    }

    /**
     * The coding compression will use for {@code request}, or null for none; sets {@code Content-Encoding} if
     * it compresses.
     */
    ContentCoding startCompression(Request request) {
        if (!compression) {
            return null;
        }
        ContentCoding c = compressionForce != null ? compressionForce
                : ContentCoding.choose(request.header("Accept-Encoding"));
        if (c == null || c == ContentCoding.IDENTITY) {
            return null;
        }
        headers.set("Content-Encoding", c.value());
        return c;
    }

    /** Readies a whole response to be sent for {@code request}: compresses its body if enabled. */
    void finish(Request request) {
        if (status < 200 || status == 204 || status == 304) {
            return;
        }
        ContentCoding c = startCompression(request);
        if (c != null) {
            body = c.compress(body);
        }
    }

    /** The {@code Content-Type} header this response sends: the header if set, else type and charset, or null. */
    String contentTypeHeader() {
        String h = headers.get("Content-Type");
        if (h != null) {
            return h;
        }
        if (contentType == null) {
            return null;
        }
        return charset == null ? contentType : contentType + "; charset=" + charset;
    }

    /**
     * aiohttp's {@code body_length}: the bytes the server wrote for this response, its head and its framed body (as
     * chunks), 0 until it is written. Set on the loop's thread when the response is complete, before the
     * {@linkplain AbstractAccessLogger access log} sees it.
     *
     * @return the count
     */
    public long bodyLength() {
        return bodyLength;
    }

    /** Records the bytes written for this response ({@link #bodyLength()}). */
    void bodyLength(long n) {
        bodyLength = n;
    }

    @Override
    public String toString() {
        return "<Response " + status + " " + reason() + ">";
    }
}
