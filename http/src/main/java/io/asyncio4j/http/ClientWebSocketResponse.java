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
     * constructor; {@link ClientSession#wsConnect} makes them). {@code connection} must already be the protocol of
     * the switched connection; this object only joins the two.
     *
     * @param connection the WebSocket's protocol, over the connection the 101 answer came on
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

    /**
     * The handshake's status.
     *
     * @return 101, the only status that opens a WebSocket
     */
    public int status() {
        return response.status();
    }

    /**
     * The header fields of the handshake's answer ({@code Sec-WebSocket-Protocol}, {@code Set-Cookie}...).
     *
     * @return the fields, read-only
     */
    public Headers headers() {
        return response.headers();
    }

    /**
     * The handshake's answer: its URL (after redirects), request info, cookies and history. Its body is the
     * WebSocket's: do not read it.
     *
     * @return the 101 response
     */
    public ClientResponse response() {
        return response;
    }

    /**
     * As {@code session.wsConnect(url, options)}: see {@link ClientSession#wsConnect(String, WSOptions,
     * RequestOptions)}.
     *
     * @param session the session whose connector, cookies, defaults and settings the handshake uses
     * @param url     a {@code ws}, {@code wss}, {@code http} or {@code https} URL, or one relative to the session's
     *                base URL
     * @param options the WebSocket's settings
     * @return the open WebSocket, when awaited
     * @throws InvalidURL (when awaited) for a URL that is not ws, wss, http or https with a host
     * @throws WSServerHandshakeError (when awaited) if the server refused the handshake
     * @throws ClientConnectorError (when awaited) if the connection failed
     * @throws IllegalStateException (when awaited) if the session is closed
     */
    public static Coro<ClientWebSocketResponse> connect(ClientSession session, String url, WSOptions options) {
        return session.wsConnect(url, options);
    }

    @Override
    public String toString() {
        return "<ClientWebSocketResponse(" + response.url() + ") " + connection + ">";
    }
}
