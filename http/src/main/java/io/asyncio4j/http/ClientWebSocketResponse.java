package io.asyncio4j.http;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Held;
import io.asyncio4j.http.ws.WSCloseCode;
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
 *
 * <p><b>{@code try}-with-resources.</b> {@link #close()} is aiohttp's {@code await ws.close()} (it returns a
 * {@link Coro}), so this class cannot itself be {@link AutoCloseable}, whose {@code close()} returns nothing;
 * {@link #closing()} gives the resource that closes it, Python's {@code async with session.ws_connect(url) as ws:}
 *
 * <pre>{@code
 * ClientWebSocketResponse ws = session.wsConnect(url).await();
 * try (Held closing = ws.closing()) {
 *     ws.sendStr("hello").await();
 *     System.out.println(ws.receiveStr().await());
 * }                                      // a normal close (1000) is sent if the WebSocket is still open
 * }</pre>
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
    @CheckReturnValue
    public static Coro<ClientWebSocketResponse> connect(ClientSession session, String url, WSOptions options) {
        return Coro.named("ClientWebSocketResponse.connect", session.wsConnect(url, options));
    }

    /**
     * The {@code try}-with-resources form of {@code async with ws:} (see the class comment): a {@link Held} whose
     * {@link Held#close()} closes this WebSocket normally ({@link io.asyncio4j.http.ws.WSCloseCode#OK}) if it is
     * still open, and does nothing if it is closed already (by {@code ws.close().await()} in the body, or by the
     * peer). It never throws a checked exception: a failure to send is kept as {@link #exception()}.
     *
     * <p><b>It does not suspend</b>, as no {@code close()} of the library does, so it works while the task unwinds
     * from a cancellation: it writes the close frame and closes the connection once the frame is sent, without
     * waiting for the peer's close frame (see {@link WebSocketProtocol#closeWithoutWaiting(int, String)});
     * {@link #closeCode()} is then {@code 1006} unless the peer's close frame had already come. Await
     * {@link #close()} in the body for the full closing handshake.
     *
     * <p><b>Threads.</b> On the loop's thread (a task or a callback) the close happens inside {@code Held.close()}.
     * From any other thread, or on the loop's thread while the loop is not running, it is handed to the loop with
     * {@link io.asyncio4j.EventLoop#callSoonThreadsafe(Runnable)} and happens in the loop's next iteration;
     * if the loop is closed, nothing is sent (closing the loop has dropped the connection already).
     *
     * @return a resource to close once; its second {@code close()} does nothing
     */
    public Held closing() {
        return Held.releasing(() -> {
            EventLoop loop = connection.loop();
            if (runningLoop() == loop) {
                connection.closeWithoutWaiting(WSCloseCode.OK, "");
            } else if (!loop.isClosed()) {
                try {
                    loop.callSoonThreadsafe(() -> connection.closeWithoutWaiting(WSCloseCode.OK, ""));
                } catch (IllegalStateException closedMeanwhile) {
                    // the loop closed between the check and the call: it dropped the connection
                }
            }
        });
    }

    private static EventLoop runningLoop() {
        try {
            return Asyncio.getRunningLoop();
        } catch (IllegalStateException none) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "<ClientWebSocketResponse(" + response.url() + ") " + connection + ">";
    }
}
