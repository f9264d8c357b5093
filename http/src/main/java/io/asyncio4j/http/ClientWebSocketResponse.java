package io.asyncio4j.http;

import io.asyncio4j.Coro;
import io.asyncio4j.http.ws.WSOptions;
import io.asyncio4j.http.ws.WebSocket;
import io.asyncio4j.http.ws.WebSocketProtocol;
import java.util.Objects;

/**
 * aiohttp's {@code ClientWebSocketResponse}: the client end of a WebSocket, from
 * {@link ClientSession#wsConnect(String, WSOptions, RequestOptions)}; the API is {@link WebSocket}'s.
 *
 * <pre>{@code
 * try (ClientSession session = new ClientSession()) {
 *     ClientWebSocketResponse ws = session.wsConnect("ws://127.0.0.1:8080/ws").await();
 *     ws.sendStr("hello").await();
 *     String answer = ws.receiveStr().await();
 *     ws.close().await();
 * }
 * }</pre>
 *
 * <p>The handshake is a GET through the session's request machinery (connector, TLS settings, cookies, auth,
 * proxies, timeouts, traces), checked as aiohttp checks it, else {@link WSServerHandshakeError}; see
 * {@link ClientSession#wsConnect(String, WSOptions, RequestOptions)}. The connection was the session connector's:
 * it stays acquired (counting toward the connector's limits) until the WebSocket's connection closes, by
 * {@code close()}, by the peer, or without a closing handshake by closing the session (see
 * {@link ClientSession#close()}). No extensions are offered but permessage-deflate (unless
 * {@link WSOptions#compress()} is false).
 */
public final class ClientWebSocketResponse implements WebSocket {
    private final WebSocketProtocol connection;
    private final ClientResponse response;

    /**
     * A WebSocket over {@code connection}, opened by the handshake whose 101 answer is {@code response} (aiohttp's
     * constructor; {@link ClientSession#wsConnect} makes them).
     *
     * @param connection the client end's engine, its transport connected
     * @param response   the handshake's 101 answer
     * @throws NullPointerException if {@code connection} or {@code response} is null
     */
    public ClientWebSocketResponse(WebSocketProtocol connection, ClientResponse response) {
        this.connection = Objects.requireNonNull(connection, "connection is null");
        this.response = Objects.requireNonNull(response, "response is null");
    }

    @Override
    public WebSocketProtocol connection() {
        return connection;
    }

    /** {@return the handshake's status (101)} */
    public int status() {
        return response.status();
    }

    /** {@return the handshake's response header fields; a read-only view} */
    public Headers headers() {
        return response.headers();
    }

    /** {@return the handshake's answer: its URL (after redirects), request info, cookies and history} */
    public ClientResponse response() {
        return response;
    }

    /**
     * As {@code session.wsConnect(url, options)}.
     *
     * @param session the session whose connector, cookies and defaults the handshake uses
     * @param url     a {@code ws}, {@code wss}, {@code http} or {@code https} URL
     * @param options the WebSocket's settings
     * @return the handshake, run when awaited in a task on the session's loop
     * @throws io.asyncio4j.http.InvalidURL (when awaited) for a URL that is not ws, wss, http or https with a host
     * @throws WSServerHandshakeError (when awaited) if the server refused the handshake
     * @throws io.asyncio4j.http.ClientConnectorError (when awaited) if the connection failed
     */
    public static Coro<ClientWebSocketResponse> connect(ClientSession session, String url, WSOptions options) {
        return session.wsConnect(url, options);
    }

    @Override
    public String toString() {
        return "<ClientWebSocketResponse(" + response.url() + ") " + connection + ">";
    }
}
