package io.asyncio4j.http.web;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.http.internal.HeadWriter;
import io.asyncio4j.http.ws.PerMessageDeflate;
import io.asyncio4j.http.ws.WSHandshake;
import io.asyncio4j.http.ws.WSOptions;
import io.asyncio4j.http.ws.WebSocket;
import io.asyncio4j.http.ws.WebSocketProtocol;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * aiohttp's {@code web.WebSocketResponse}: the server end of a WebSocket (RFC 6455), made inside a handler.
 *
 * <pre>{@code
 * app.router().get("/ws", request -> {
 *     WebSocketResponse ws = new WebSocketResponse();
 *     ws.prepare(request).await();                     // the 101 answer: from now on the connection is ws's
 *     for (WSMessage msg : ws) {                       // until the client closes
 *         if (msg.type() == WSMsgType.TEXT) {
 *             ws.sendStr(msg.str() + "/answer").await();
 *         }
 *     }
 *     return ws;
 * });
 * }</pre>
 *
 * <p>{@link #prepare(Request)} checks the handshake as aiohttp does: {@code GET} (else 405), {@code Upgrade:
 * websocket}, {@code Connection: upgrade}, {@code Sec-WebSocket-Version} 13 (or the drafts' 8 and 7) and a
 * {@code Sec-WebSocket-Key} of 16 bytes in base64, else {@link HTTPBadRequest} (400); it picks the first of the
 * client's subprotocols that {@link WSOptions#protocols()} lists, and accepts the client's first permessage-deflate
 * offer it can honour (unless {@link WSOptions#compress()} is false): then data messages go compressed.
 *
 * <p>Everything else is {@link WebSocket}'s, over a {@link WebSocketProtocol}. When the handler returns, the
 * connection closes (after the close handshake, if the handler did it); the response returned is not sent.
 * Closing the {@link Site} closes open WebSocket connections.
 */
public class WebSocketResponse extends Response implements WebSocket {
    private final WSOptions options;
    private WebSocketProtocol connection;

    /** A WebSocket with aiohttp's defaults ({@link WSOptions#DEFAULT}). */
    public WebSocketResponse() {
        this(WSOptions.DEFAULT);
    }

    /**
     * A WebSocket with {@code options}, aiohttp's {@code WebSocketResponse(protocols=..., heartbeat=..., ...)}.
     *
     * @param options the WebSocket's settings
     * @throws NullPointerException if {@code options} is null
     */
    public WebSocketResponse(WSOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        status(101);
    }

    /**
     * Whether {@code request} is a WebSocket handshake this response would accept (aiohttp's {@code can_prepare}).
     * It checks the request only; it sends nothing.
     *
     * @param request the request to check
     * @return true if {@link #prepare(Request)} would succeed
     */
    public boolean canPrepare(Request request) {
        try {
            handshake(request);
            return true;
        } catch (HTTPException e) {
            return false;
        }
    }

    /**
     * aiohttp's {@code await ws.prepare(request)}: performs the handshake: runs the
     * {@link Application#onResponsePrepare()} hooks, writes the 101 answer (with the headers set on this response)
     * and takes the connection over. The connection's JSON codec is the application's ({@code request.app()}).
     *
     * @param request the handshake request; not null
     * @return the handshake, run when awaited on the handler's task
     * @throws NullPointerException if {@code request} is null (at once)
     * @throws HTTPBadRequest (when awaited) for a bad handshake, {@link HTTPMethodNotAllowed} for another method
     * @throws IllegalStateException (when awaited) if already prepared
     */
    @CheckReturnValue
    public Coro<Void> prepare(Request request) {
        Objects.requireNonNull(request, "request");
        return Coro.named("WebSocketResponse.prepare", () -> {
            if (connection != null) {
                throw new IllegalStateException("WebSocketResponse is already prepared");
            }
            String protocol = handshake(request);
            request.prepareHook(this); // they may add headers to the 101 answer
            HeadWriter head = HeadWriter.response(101, "Switching Protocols")
                    .field("Upgrade", "websocket").field("Connection", "upgrade")
                    .field("Sec-WebSocket-Accept", WSHandshake.accept(request.header("Sec-WebSocket-Key").strip()));
            if (protocol != null) {
                head.field("Sec-WebSocket-Protocol", protocol);
            }
            PerMessageDeflate deflate = options.compress()
                    ? PerMessageDeflate.negotiateServer(request.header("Sec-WebSocket-Extensions")) : null;
            if (deflate != null) {
                head.field("Sec-WebSocket-Extensions", deflate.response());
            }
            head.fields(headers());
            byte[] bytes = head.toBytes();
            connection = new WebSocketProtocol(Asyncio.getRunningLoop(), false, protocol, deflate, options,
                    request.app().jsonCodec());
            request.protocol().upgrade(bytes, connection);
            return null;
        });
    }

    /** Checks the handshake; the chosen subprotocol or null. */
    private String handshake(Request request) {
        if (!request.method().equals("GET")) {
            throw new HTTPMethodNotAllowed(request.method(), List.of("GET"));
        }
        String upgrade = request.header("Upgrade");
        if (upgrade == null || !upgrade.strip().toLowerCase(Locale.ROOT).equals("websocket")) {
            throw new HTTPBadRequest("No WebSocket UPGRADE hdr: " + upgrade + "\n Can \"Upgrade\" only to"
                    + " \"WebSocket\".");
        }
        String connectionHeader = request.header("Connection");
        if (connectionHeader == null || !connectionHeader.toLowerCase(Locale.ROOT).contains("upgrade")) {
            throw new HTTPBadRequest("No CONNECTION upgrade hdr: " + connectionHeader);
        }
        String protocol = WSHandshake.chooseProtocol(request.header("Sec-WebSocket-Protocol"), options.protocols());
        String version = request.headers().getOrDefault("Sec-WebSocket-Version", "");
        if (!version.equals("13") && !version.equals("8") && !version.equals("7")) {
            throw new HTTPBadRequest("Unsupported version: " + version);
        }
        String key = request.header("Sec-WebSocket-Key");
        boolean good;
        try {
            good = key != null && Base64.getDecoder().decode(key.strip()).length == 16;
        } catch (IllegalArgumentException e) {
            good = false;
        }
        if (!good) {
            throw new HTTPBadRequest("Handshake error: " + key);
        }
        return protocol;
    }

    /** @throws IllegalStateException if {@link #prepare(Request)} has not run ("Call .prepare() first") */
    @Override
    public WebSocketProtocol connection() {
        if (connection == null) {
            throw new IllegalStateException("Call .prepare() first");
        }
        return connection;
    }

    /** {@return whether {@link #prepare(Request)} has run} */
    public boolean prepared() {
        return connection != null;
    }

    @Override
    public String toString() {
        return "<WebSocketResponse " + (connection == null ? "not prepared" : connection.closed() ? "closed"
                : "open") + ">";
    }
}
