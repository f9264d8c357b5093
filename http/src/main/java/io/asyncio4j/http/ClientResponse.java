package io.asyncio4j.http;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Timeout;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.http.json.JSONDecodeError;
import io.asyncio4j.http.json.JsonCodec;
import io.asyncio4j.http.json.TypeRef;
import io.asyncio4j.http.internal.ResponseHead;
import io.asyncio4j.streams.StreamReader;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * aiohttp's {@code ClientResponse}: the status and head of a response, and its body, which goes on arriving after
 * the response is returned. {@code try (ClientResponse r = session.get(url).await()) { ... }} is
 * {@code async with session.get(url) as r:}.
 *
 * <p><b>Body.</b> {@link #read()} waits for the whole body and keeps it (later calls, {@link #text()} and
 * {@link #json(Class)} reuse it); {@link #content()} is the body as a stream (its bytes arrive decoded:
 * chunked framing removed, {@code gzip}/{@code deflate}/{@code br} decompressed). A body cut short by the server
 * raises {@link ClientPayloadError}.
 *
 * <p><b>Compressed bodies.</b> A compressed body is decompressed only as fast as it is read: while the reader of
 * {@link #content()} holds more than twice its limit (64 KiB), nothing more is decoded and the socket is not read,
 * so a stream of any size (a decompression bomb included) stays within a few hundred KiB. {@link #read()},
 * {@link #text()} and {@code json} stop at the session's or request's {@code maxDecompressSize} (32 MiB by default)
 * with a {@link ClientPayloadError}. The connection may go back to the pool before the last compressed bytes are
 * decoded; releasing the response then frees the decoder, and a later read raises {@link ClientConnectionError}.
 * The request's total {@link ClientTimeout} bounds {@link #read()}, {@link #text()} and {@code json}; reads of
 * {@link #content()} itself are bounded by {@code sockRead} only.
 *
 * <p><b>Connection.</b> The connection goes back to the session's pool as soon as the body's last byte arrives,
 * whether or not it was read yet. {@link #close()} (and {@link #release()}) before that closes the connection, so a
 * half-read body never leaks into the next request; it never suspends. Cancelling a task while it reads the body
 * closes the connection too.
 *
 * <p><b>Threads.</b> Use a response on its loop's thread; it is not thread-safe.
 */
public final class ClientResponse implements AutoCloseable {
    private final String method;
    private final URI url;
    private final ResponseHead head;
    private final ClientConnection connection;
    private final ClientConnection.Exchange exchange;
    private final Double deadline;
    /** The request's {@code total} limit in seconds, for the message of its expiry; null if none. */
    private final Double total;
    private final RequestInfo requestInfo;
    private final Trace trace;
    private final JsonCodec jsonCodec;
    private List<ClientResponse> history = List.of();
    private byte[] body;
    private boolean closed;

    ClientResponse(String method, URI url, ResponseHead head, ClientConnection connection,
                   ClientConnection.Exchange exchange, Double deadline, Double total, RequestInfo requestInfo,
                   Trace trace, JsonCodec jsonCodec) {
        this.method = method;
        this.url = url;
        this.head = head;
        this.connection = connection;
        this.exchange = exchange;
        this.deadline = deadline;
        this.total = total;
        this.requestInfo = requestInfo;
        this.trace = trace;
        this.jsonCodec = jsonCodec;
    }

    void setHistory(List<ClientResponse> h) {
        history = List.copyOf(h);
    }

    /**
     * The cookies of this response's {@code Set-Cookie} fields by name (a later field of the same name wins), in
     * arrival order; fields that are not valid cookies are skipped. aiohttp's {@code resp.cookies}.
     *
     * @return a new modifiable map, parsed at each call
     */
    public Map<String, Cookie> cookies() {
        Map<String, Cookie> out = new LinkedHashMap<>();
        for (String field : head.headers().getAll("Set-Cookie")) {
            Cookie c = Cookie.parse(field);
            if (c != null) {
                out.remove(c.name());
                out.put(c.name(), c);
            }
        }
        return out;
    }

    /** {@return the status code: 200, 404...} */
    public int status() {
        return head.status();
    }

    /** {@return the reason phrase as sent ({@code "OK"}), possibly empty} */
    public String reason() {
        return head.reason();
    }

    /** {@return whether the status is below 400 (aiohttp's {@code ok})} */
    public boolean ok() {
        return head.status() < 400;
    }

    /** {@return the protocol version of the response, {@code "HTTP/1.1"} or {@code "HTTP/1.0"}} */
    public String version() {
        return head.version();
    }

    /** {@return the header fields, case-insensitive and multi-valued; a read-only view} */
    public Headers headers() {
        return head.headers();
    }

    /** {@return the URL that answered (after redirects)} */
    public URI url() {
        return url;
    }

    /** {@return the method of the request that got this response ({@code GET} after a 303, for instance)} */
    public String method() {
        return method;
    }

    /** {@return what was sent for this response (aiohttp's {@code request_info}): method, URL and header fields} */
    public RequestInfo requestInfo() {
        return requestInfo;
    }

    /**
     * {@return the redirect responses that led here, oldest first (their bodies released); unmodifiable, empty if
     * none}
     */
    public List<ClientResponse> history() {
        return history;
    }

    /**
     * {@return the media type of {@code Content-Type}, lower-case, without parameters
     * ({@code application/octet-stream} if absent, as aiohttp)}
     */
    public String contentType() {
        String ct = head.headers().get("Content-Type");
        if (ct == null) {
            return "application/octet-stream";
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** {@return the {@code charset} parameter of {@code Content-Type}, unquoted, or null} */
    public String charset() {
        String ct = head.headers().get("Content-Type");
        if (ct == null) {
            return null;
        }
        for (String part : ct.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String v = p.substring(8).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /**
     * The body as a stream ({@code resp.content} in aiohttp): read it in pieces, by lines, or to the end.
     *
     * @return the body's reader, the same object each call; its bytes are decoded (no chunk framing, decompressed)
     */
    public StreamReader content() {
        return exchange.content;
    }

    /**
     * The body in pieces of at most {@code n} bytes ({@code async for chunk in resp.content.iter_chunked(n)}):
     * {@code for (byte[] chunk : resp.iterChunked(1024)) { ... }} inside a task. The iterator's {@code hasNext()}
     * awaits the next piece from {@link #content()}, so the loop suspends its task (never the loop) while the
     * body is on its way, and ends at the body's end. Body errors ({@link ClientPayloadError}, {@code sockRead}'s
     * {@link ServerTimeoutError}) are raised by {@code hasNext()}. Iterate it once; it shares {@link #content()}
     * with other readers.
     *
     * @param n the largest piece, in bytes; positive
     * @return an iterable of non-empty pieces, each the caller's to keep
     * @throws IllegalArgumentException if {@code n} is not positive
     */
    public Iterable<byte[]> iterChunked(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, not " + n);
        }
        return pieces(() -> exchange.content.read(n).await());
    }

    /**
     * The body as it arrives ({@code resp.content.iter_any()}): each piece is whatever is buffered when it is
     * asked for, as {@link #iterChunked(int)} describes.
     *
     * @return an iterable of non-empty pieces, each the caller's to keep
     */
    public Iterable<byte[]> iterAny() {
        return pieces(() -> exchange.content.read(Integer.MAX_VALUE).await());
    }

    /**
     * The body line by line ({@code async for line in resp.content}): each line with its {@code \n}, the last
     * one without if the body does not end with one; a line longer than the reader's limit raises
     * {@link io.asyncio4j.LimitOverrunError} as {@code readline} does.
     *
     * @return an iterable of lines as bytes, each the caller's to keep
     */
    public Iterable<byte[]> iterLines() {
        return pieces(() -> exchange.content.readline().await());
    }

    /** An Iterable whose iterator awaits {@code next} in hasNext() until it gives an empty piece (the end). */
    private static Iterable<byte[]> pieces(Coro<byte[]> next) {
        return () -> new java.util.Iterator<>() {
            private byte[] ahead;
            private boolean end;

            @Override
            public boolean hasNext() {
                if (ahead == null && !end) {
                    byte[] b = next.await();
                    if (b.length == 0) {
                        end = true;
                    } else {
                        ahead = b;
                    }
                }
                return ahead != null;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException("the body has ended");
                }
                byte[] b = ahead;
                ahead = null;
                return b;
            }
        };
    }

    /**
     * The whole body, decoded ({@code await resp.read()}); kept, so later calls return the same bytes.
     *
     * <p>A compressed body ({@code Content-Encoding} gzip, deflate or br) is decoded as it is read and may not
     * decode to more than the session's (or request's) {@code maxDecompressSize} (32 MiB by default): past it the
     * read stops with a {@link ClientPayloadError} that names the limit and the encoding, the connection is closed,
     * and at most about the limit was held in memory. Read a larger body as a stream ({@link #content()},
     * {@link #iterChunked(int)}), which has no limit and bounded memory.
     *
     * <p>Cancellation: the read ends with {@link io.asyncio4j.CancelledError} and the connection is closed (a
     * half-read body is never reused).
     *
     * @return the read, run when awaited on the loop's thread; the array is shared by later calls, so do not
     *         modify it
     * @throws ClientPayloadError (when awaited) if the body was cut short, could not be decoded, or decodes to more
     *         than {@code maxDecompressSize}
     * @throws ClientConnectionError (when awaited) if the response was released before its body arrived
     * @throws io.asyncio4j.TimeoutError (when awaited) if the request's total timeout passes
     */
    @CheckReturnValue
    public Coro<byte[]> read() {
        return Coro.named("ClientResponse.read", () -> {
            if (body != null) {
                return body;
            }
            if (closed && !exchange.complete) {
                throw new ClientConnectionError("Connection closed: the response was released before its body"
                        + " was read (" + url + ")");
            }
            try {
                byte[] b = exchange.complete || deadline == null ? readAll() : readAllBefore(deadline);
                body = b;
                if (!trace.isEmpty()) {
                    trace.send(c -> c.responseChunkReceived, new TraceConfig.ResponseChunkReceivedParams(method, url,
                            b));
                }
                return b;
            } catch (Throwable e) {
                connection.abandon(exchange);
                throw e;
            }
        });
    }

    /** {@link #readAll()} within the request's {@code total} limit, whose expiry names this request. */
    private byte[] readAllBefore(double when) {
        Timeout[] limit = new Timeout[1];
        try {
            return Asyncio.timeoutAt(when, (Timeout tm) -> {
                limit[0] = tm;
                return readAll();
            }).await();
        } catch (TimeoutError e) {
            if (limit[0] != null && limit[0].expired() && total != null) {
                throw ClientTimeout.totalExpired(method, url, total, e);
            }
            throw e;
        }
    }

    /** The rest of the body; a decoded one within {@code maxDecompressSize}. */
    private byte[] readAll() {
        DecodedBody decoded = exchange.body;
        if (decoded == null || exchange.maxDecompressSize == 0) {
            return exchange.content.read(-1).await();
        }
        long max = Math.min(exchange.maxDecompressSize, Integer.MAX_VALUE - 8);     // an array's largest size
        // the blocks as they come, joined once at the end: at most the limit is held until then
        List<byte[]> blocks = new ArrayList<>();
        long total = 0;
        while (true) {
            byte[] block = exchange.content.read(StreamReader.DEFAULT_LIMIT).await();
            if (block.length == 0) {
                break;
            }
            total += block.length;
            if (total > max) {
                throw new ClientPayloadError("Decompressed data exceeds the configured limit of " + max + " bytes"
                        + " (maxDecompressSize; Content-Encoding: " + decoded.encoding() + ", from " + url
                        + "); read it as a stream, or raise the limit", null);
            }
            blocks.add(block);
        }
        byte[] all = new byte[(int) total];
        int at = 0;
        for (byte[] b : blocks) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        return all;
    }

    /**
     * aiohttp's {@code await resp.text()}: the body as text in the {@code Content-Type}'s charset, UTF-8 if there
     * is none or it is unknown.
     *
     * @return the read and decoding, run when awaited on the loop's thread
     * @throws ClientPayloadError (when awaited) as {@link #read()}
     * @throws io.asyncio4j.TimeoutError (when awaited) if the request's total timeout passes
     */
    @CheckReturnValue
    public Coro<String> text() {
        return Coro.named("ClientResponse.text", () -> new String(read().await(), bodyCharset(null)));
    }

    /**
     * aiohttp's {@code await resp.text(encoding)}: the body as text in {@code encoding}.
     *
     * @param encoding a charset name ({@code "latin-1"}); null for the {@code Content-Type}'s, as {@link #text()}
     * @return the read and decoding, run when awaited on the loop's thread
     * @throws IllegalArgumentException (when awaited) if {@code encoding} names no charset Java supports
     * @throws ClientPayloadError (when awaited) as {@link #read()}
     */
    @CheckReturnValue
    public Coro<String> text(String encoding) {
        return Coro.named("ClientResponse.text", () -> new String(read().await(), bodyCharset(encoding)));
    }

    /**
     * aiohttp's {@code await resp.json()}: the body read whole and decoded by the session's {@link JsonCodec} into
     * {@code type} ({@code Item.class}, {@code Map.class}, {@code Object.class} for maps and lists...; for a list of
     * records, {@code Item[].class} or {@link #json(TypeRef)}). Fields {@code type} lacks are ignored (aiohttp gives
     * a dict), fields missing from the JSON are null, 0 or false.
     *
     * @param type what to read the body as
     * @param <T>  the result type
     * @return the read and decoding, run when awaited on the loop's thread
     * @throws ContentTypeError   (when awaited) if the {@code Content-Type} is not JSON ({@code application/json} or
     *                            {@code +json}), as aiohttp; use {@link #json(Class, boolean)} to skip the check
     * @throws ClientResponseError (when awaited) if the body is not valid JSON for {@code type}, with the
     *                            {@link JSONDecodeError} as its cause
     */
    @CheckReturnValue
    public <T> Coro<T> json(Class<T> type) {
        return Coro.named("ClientResponse.json", json(type, true));
    }

    /**
     * As {@link #json(Class)}; {@code checkContentType} false accepts any {@code Content-Type}
     * (aiohttp's {@code content_type=None}).
     *
     * @param type             what to read the body as
     * @param checkContentType whether a {@code Content-Type} that is not JSON raises {@link ContentTypeError}
     * @param <T>              the result type
     * @return the read and decoding, run when awaited on the loop's thread
     * @throws ContentTypeError   (when awaited) if {@code checkContentType} and the {@code Content-Type} is not JSON
     * @throws ClientResponseError (when awaited) if the body is not valid JSON for {@code type}
     */
    @CheckReturnValue
    public <T> Coro<T> json(Class<T> type, boolean checkContentType) {
        return Coro.named("ClientResponse.json", json((Type) type, checkContentType));
    }

    /**
     * As {@link #json(Class)}, into any {@link Type}, a generic one too: a {@link java.lang.reflect.ParameterizedType}
     * for {@code List<Item>} (from a field's {@code getGenericType()}, or any library's type token), read as the
     * session's {@link JsonCodec} reads it. {@code T} is unchecked: {@code resp.<List<Item>>json(type).await()}.
     *
     * @param type what to read the body as
     * @param <T>  {@code type} as a Java type
     * @return the decoding, run when awaited
     */
    @CheckReturnValue
    public <T> Coro<T> json(Type type) {
        return Coro.named("ClientResponse.json", json(type, true));
    }

    /**
     * As {@link #json(Class)}, into the generic type {@code type} captures, typed:
     * {@code List<Item> items = resp.json(new TypeRef<List<Item>>() {}).await()}.
     *
     * @param type what to read the body as
     * @param <T>  the type
     * @return the read and decoding, run when awaited on the loop's thread
     * @throws ContentTypeError   (when awaited) as {@link #json(Class)}
     * @throws ClientResponseError (when awaited) if the body is not valid JSON for {@code type}
     */
    @CheckReturnValue
    public <T> Coro<T> json(TypeRef<T> type) {
        return Coro.named("ClientResponse.json", json(type.type(), true));
    }

    /**
     * As {@link #json(TypeRef)}; {@code checkContentType} false accepts any {@code Content-Type}.
     *
     * @param type             what to read the body as
     * @param checkContentType whether a {@code Content-Type} that is not JSON raises {@link ContentTypeError}
     * @param <T>              the type
     * @return the read and decoding, run when awaited on the loop's thread
     * @throws ContentTypeError   (when awaited) if {@code checkContentType} and the {@code Content-Type} is not JSON
     * @throws ClientResponseError (when awaited) if the body is not valid JSON for {@code type}
     */
    @CheckReturnValue
    public <T> Coro<T> json(TypeRef<T> type, boolean checkContentType) {
        return Coro.named("ClientResponse.json", json(type.type(), checkContentType));
    }

    /**
     * As {@link #json(Type)}; {@code checkContentType} false accepts any {@code Content-Type}.
     *
     * @param type             what to read the body as
     * @param checkContentType whether a {@code Content-Type} that is not JSON raises {@link ContentTypeError}
     * @param <T>              {@code type} as a Java type
     * @return the decoding, run when awaited
     */
    @CheckReturnValue
    public <T> Coro<T> json(Type type, boolean checkContentType) {
        Objects.requireNonNull(type, "type");
        return Coro.named("ClientResponse.json", () -> {
            String ct = contentType();
            if (checkContentType && !(ct.equals("application/json") || ct.endsWith("+json"))) {
                throw new ContentTypeError(requestInfo, history, status(), "Attempt to decode JSON with unexpected"
                        + " mimetype: " + ct, headers());
            }
            byte[] b = read().await();
            try {
                return jsonCodec.decode(b, type);
            } catch (JSONDecodeError e) {
                throw new ClientResponseError(requestInfo, history, status(), "invalid JSON body from " + url + ": "
                        + e.getMessage(), headers(), e);
            }
        });
    }

    private Charset bodyCharset(String explicit) {
        String name = explicit != null ? explicit : charset();
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            if (explicit != null) {
                throw e;
            }
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * Raises {@link ClientResponseError} with the status and reason if the status is 400 or above (releasing the
     * response first, as aiohttp); does nothing otherwise.
     */
    public void raiseForStatus() {
        if (!ok()) {
            release();
            throw new ClientResponseError(requestInfo, history, status(), reason(), headers());
        }
    }

    /**
     * aiohttp's {@code release()}: the connection goes back to the pool if the whole body arrived, else it is
     * closed. Never suspends; idempotent.
     */
    public void release() {
        if (closed) {
            return;
        }
        closed = true;
        if (!exchange.complete) {
            connection.abandon(exchange);
        } else if (exchange.body != null && exchange.body.discard()) {
            exchange.content.setException(new ClientConnectionError("Connection closed: the response was released"
                    + " before its body was decoded (" + url + ")"));
        }
    }

    /** As {@link #release()}: what the end of {@code try (ClientResponse r = ...)} does. */
    @Override
    public void close() {
        release();
    }

    /**
     * The compressed body's decoded bytes handed to {@link #content()} so far, or -1 if it is not compressed (tests).
     */
    long decodedSoFar() {
        return exchange.body == null ? -1 : exchange.body.decoded();
    }

    /** {@return whether {@link #close()} or {@link #release()} was called} */
    public boolean closed() {
        return closed;
    }

    /** {@code <ClientResponse(http://host/path) [200 OK]>}, as aiohttp's repr's first line. */
    @Override
    public String toString() {
        return "<ClientResponse(" + url + ") [" + status() + " " + reason() + "]>";
    }
}
