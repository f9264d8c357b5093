package io.asyncio4j.http.ws;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.http.ClientConnectorError;
import io.asyncio4j.http.ClientSession;
import io.asyncio4j.http.ClientTimeout;
import io.asyncio4j.http.Headers;
import io.asyncio4j.http.InvalidURL;
import io.asyncio4j.http.RequestInfo;
import io.asyncio4j.http.ServerDisconnectedError;
import io.asyncio4j.net.Connected;
import io.asyncio4j.net.ConnectionError;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.net.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * aiohttp's {@code ClientWebSocketResponse}: the client end of a WebSocket, from
 * {@link ClientSession#wsConnect(String, WSOptions)}; the API is {@link WebSocket}'s.
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
 * <p>The handshake ({@code ws://}, {@code wss://}, {@code http://} and {@code https://} URLs) sends {@code Upgrade},
 * {@code Connection}, {@code Sec-WebSocket-Version: 13}, a random {@code Sec-WebSocket-Key}, the subprotocols and
 * the session's and options' headers, and checks the answer as aiohttp does, else {@link WSServerHandshakeError}.
 * The connection is its own (not from the session's pool) and is closed by {@code close()}, or without a closing
 * handshake by closing the session (see {@link ClientSession#close()}); the session's
 * {@link ClientTimeout#total()} (or else {@code connect}) bounds connecting and the handshake. No extensions are
 * offered but permessage-deflate (unless {@link WSOptions#compress()} is false).
 */
public final class ClientWebSocketResponse implements WebSocket {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int HEAD_LIMIT = 64 * 1024;

    private final WebSocketProtocol connection;
    private final int status;
    private final Headers headers;

    private ClientWebSocketResponse(WebSocketProtocol connection, int status, Headers headers) {
        this.connection = connection;
        this.status = status;
        this.headers = headers;
    }

    @Override
    public WebSocketProtocol connection() {
        return connection;
    }

    /** The handshake's status (101). */
    public int status() {
        return status;
    }

    /** The handshake's response headers. */
    public Headers headers() {
        return headers;
    }

    /**
     * The handshake behind {@link ClientSession#wsConnect(String, WSOptions)}.
     *
     * @throws InvalidURL (when awaited) for a URL that is not ws, wss, http or https with a host
     * @throws WSServerHandshakeError (when awaited) if the server refused the handshake
     * @throws ClientConnectorError (when awaited) if the connection failed
     */
    public static Coro<ClientWebSocketResponse> connect(ClientSession session, String url, WSOptions options) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(options, "options");
        return () -> {
            if (session.closed()) {
                throw new IllegalStateException("Session is closed");
            }
            EventLoop loop = Asyncio.getRunningLoop();
            ClientTimeout t = session.timeout();
            Double limit = t.total() != null ? t.total() : t.connect();
            return Asyncio.timeoutAt(limit == null ? null : loop.time() + limit,
                    () -> handshake(loop, session, url, options)).await();
        };
    }

    private static URI parse(ClientSession session, String raw) {
        URI u;
        try {
            u = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw new InvalidURL(raw, "Invalid URL (" + e.getReason() + ")");
        }
        if (session.baseUrl() != null && !u.isAbsolute()) {
            u = session.baseUrl().resolve(u);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!u.isAbsolute() || u.isOpaque() || u.getHost() == null
                || !(scheme.equals("ws") || scheme.equals("wss") || scheme.equals("http") || scheme.equals("https"))) {
            throw new InvalidURL(raw, "Invalid URL for a WebSocket (ws, wss, http or https, with a host)");
        }
        return u;
    }

    private static ClientWebSocketResponse handshake(EventLoop loop, ClientSession session, String raw,
                                                     WSOptions o) throws Exception {
        URI u = parse(session, raw);
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        boolean ssl = scheme.equals("wss") || scheme.equals("https");
        int port = u.getPort() >= 0 ? u.getPort() : ssl ? 443 : 80;
        String host = u.getHost().startsWith("[") ? u.getHost().substring(1, u.getHost().length() - 1)
                : u.getHost();
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        Headers h = new Headers();
        boolean defaultPort = port == (ssl ? 443 : 80);
        h.set("Host", (u.getHost().contains(":") && !u.getHost().startsWith("[") ? "[" + host + "]" : u.getHost())
                + (defaultPort ? "" : ":" + port));
        h.set("Upgrade", "websocket");
        h.set("Connection", "Upgrade");
        h.set("Sec-WebSocket-Version", "13");
        h.set("Sec-WebSocket-Key", key);
        if (!o.protocols().isEmpty()) {
            h.set("Sec-WebSocket-Protocol", String.join(",", o.protocols()));
        }
        if (o.compress()) {
            h.set("Sec-WebSocket-Extensions", PerMessageDeflate.CLIENT_OFFER);
        }
        h.set("User-Agent", ClientSession.USER_AGENT);
        session.headers().forEach(h::set);
        o.headers().forEach(h::set);
        String target = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        StringBuilder sb = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
        h.forEach((n, v) -> sb.append(n).append(": ").append(v).append("\r\n"));
        sb.append("\r\n");
        RequestInfo info = new RequestInfo("GET", u, h.readOnly());

        Connected<Upgrader> c;
        try {
            c = Net.createConnection(() -> new Upgrader(loop), host, port, ssl ? TlsOptions.defaults() : null)
                    .await();
        } catch (ConnectionError e) {
            throw new ClientConnectorError(host, port, ssl, e);
        }
        Upgrader up = c.protocol();
        Transport tr = c.transport();
        try {
            tr.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            up.head.await();
            int status = up.status;
            Headers rh = up.headers.readOnly();
            String fail = null;
            if (status != 101) {
                fail = "Invalid response status";
            } else if (!rh.getOrDefault("Upgrade", "").toLowerCase(Locale.ROOT).equals("websocket")) {
                fail = "Invalid upgrade header";
            } else if (!rh.getOrDefault("Connection", "").toLowerCase(Locale.ROOT).equals("upgrade")) {
                fail = "Invalid connection header";
            } else if (!rh.getOrDefault("Sec-WebSocket-Accept", "").equals(WSHandshake.accept(key))) {
                fail = "Invalid challenge response";
            }
            PerMessageDeflate deflate = null;
            if (fail == null) {
                String ext = rh.get("Sec-WebSocket-Extensions");
                try {
                    if (ext != null && !o.compress()) {
                        throw new IllegalArgumentException("Invalid extension: " + ext);
                    }
                    deflate = PerMessageDeflate.negotiateClient(ext);
                } catch (IllegalArgumentException e) {
                    fail = e.getMessage();
                }
            }
            if (fail != null) {
                throw new WSServerHandshakeError(info, status, fail, rh);
            }
            String protocol = WSHandshake.chooseProtocol(rh.get("Sec-WebSocket-Protocol"), o.protocols());
            WebSocketProtocol ws = new WebSocketProtocol(loop, true, protocol, deflate, o);
            up.upgrade(ws);
            return new ClientWebSocketResponse(ws, status, rh);
        } catch (Throwable e) {
            tr.close();
            throw e;
        }
    }

    /** The connection's protocol: reads the handshake's answer, then hands everything to the WebSocket. */
    private static final class Upgrader implements Protocol {
        final Future<Void> head;
        private Transport transport;
        private byte[] buf = new byte[0];
        private Protocol next;
        int status;
        final Headers headers = new Headers();

        Upgrader(EventLoop loop) {
            head = loop.createFuture();
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(byte[] data) {
            if (next != null) {
                next.dataReceived(data);
                return;
            }
            if (head.done()) {
                return;
            }
            byte[] b = new byte[buf.length + data.length];
            System.arraycopy(buf, 0, b, 0, buf.length);
            System.arraycopy(data, 0, b, buf.length, data.length);
            buf = b;
            int end = indexOfBlankLine(buf);
            if (end < 0) {
                if (buf.length > HEAD_LIMIT) {
                    head.setException(new ServerDisconnectedError("the handshake's answer is longer than "
                            + HEAD_LIMIT + " bytes"));
                }
                return;
            }
            try {
                parseHead(new String(buf, 0, end, StandardCharsets.ISO_8859_1));
            } catch (RuntimeException e) {
                head.setException(new ServerDisconnectedError("malformed answer to the handshake: "
                        + e.getMessage()));
                return;
            }
            byte[] rest = new byte[buf.length - end - 4];
            System.arraycopy(buf, end + 4, rest, 0, rest.length);
            buf = rest;
            head.setResult(null);
        }

        private void parseHead(String text) {
            String[] lines = text.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new IllegalArgumentException("bad status line " + lines[0]);
            }
            status = Integer.parseInt(statusLine[1]);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("bad header line " + lines[i]);
                }
                headers.add(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip());
            }
        }

        private static int indexOfBlankLine(byte[] b) {
            for (int i = 0; i + 3 < b.length; i++) {
                if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        void upgrade(Protocol ws) {
            next = ws;
            ws.connectionMade(transport);
            if (buf.length > 0) {
                byte[] rest = buf;
                buf = new byte[0];
                ws.dataReceived(rest);
            }
        }

        @Override
        public boolean eofReceived() {
            if (next != null) {
                return next.eofReceived();
            }
            failHead(null);
            return false;
        }

        @Override
        public void connectionLost(Throwable exc) {
            if (next != null) {
                next.connectionLost(exc);
                return;
            }
            failHead(exc);
        }

        private void failHead(Throwable exc) {
            if (!head.done()) {
                head.setException(new ServerDisconnectedError("Server disconnected before answering the"
                        + " WebSocket handshake" + (exc == null ? "" : ": " + exc)));
            }
        }

        @Override
        public void pauseWriting() {
            if (next != null) {
                next.pauseWriting();
            }
        }

        @Override
        public void resumeWriting() {
            if (next != null) {
                next.resumeWriting();
            }
        }
    }
}
