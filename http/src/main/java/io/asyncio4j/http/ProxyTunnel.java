package io.asyncio4j.http;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.http.internal.HeadWriter;
import io.asyncio4j.http.internal.Hosts;
import io.asyncio4j.http.internal.ResponseHead;
import io.asyncio4j.http.internal.ResponseParser;
import io.asyncio4j.net.Connected;
import io.asyncio4j.net.ConnectionError;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Opens a {@link TCPConnector} connection through an HTTP proxy (aiohttp's {@code _create_proxy_connection}):
 * <ul>
 * <li>for an http target, a plain connection to the proxy, which the request then gets with its absolute URL as the
 * target; as in aiohttp (many proxies' keep-alive is unreliable) it is closed after its response, never pooled;</li>
 * <li>for an https target, {@code CONNECT host:port} to the proxy (with {@code Host}, the proxy header fields and
 * {@code Proxy-Authorization}); a 2xx answer makes the connection a tunnel, in which TLS to the target starts, its
 * certificate and host name checked against the target as on a direct connection; that connection is pooled under
 * its key (target, TLS settings and proxy);</li>
 * <li>for a plain WebSocket ({@link ConnectionKey#tunnel()} without TLS), the same {@code CONNECT} tunnel with the
 * handshake sent in it in the clear (RFC 6455 section 4.1: proxies drop the hop-by-hop {@code Upgrade} of a plain
 * proxied request).</li>
 * </ul>
 * Failures: the proxy cannot be reached, {@link ClientProxyConnectionError}; it answers the {@code CONNECT} with
 * another status, {@link ClientHttpProxyError}; it closes before answering, {@link ServerDisconnectedError}; the TLS
 * handshake with the target fails, what a direct connection raises. Runs on the connector's loop, in the requesting
 * task; cancelling it closes the socket.
 */
final class ProxyTunnel {
    private ProxyTunnel() {
    }

    /**
     * A connection for {@code key} (whose proxy is set), ready for a request. As in aiohttp, {@code sockConnect}
     * (seconds, null for none) bounds the connection to the proxy and, separately, the TLS handshake with the
     * target; the proxy's answer to {@code CONNECT} (its own connection to the target) falls under the request's
     * {@code connect} and {@code total} timeouts only.
     */
    static ClientConnection open(TCPConnector connector, ConnectionKey key, EventLoop loop, List<String> addresses,
                                 Double sockConnect) {
        if (!key.tunnel()) {
            ClientConnection c = Asyncio.timeout(sockConnect,
                    () -> dial(connector, key, addresses, () -> new ClientConnection(connector, key, loop)))
                    .await().protocol();
            c.forceClose();
            return c;
        }
        Connected<Handshake> cc = Asyncio.timeout(sockConnect,
                () -> dial(connector, key, addresses, () -> new Handshake(loop, key))).await();
        Transport t = cc.transport();
        try {
            Headers sent = connectHeaders(key);
            t.write(connectRequest(authority(key), sent));
            ResponseHead head = cc.protocol().head.await();
            if (head.status() < 200 || head.status() >= 300) {
                URI target = URI.create((key.ssl() ? "https://" : "http://") + authority(key) + "/");
                throw new ClientHttpProxyError(new RequestInfo("CONNECT", target, sent), head.status(),
                        head.reason(), head.headers(), key.proxy().url(), authority(key));
            }
            ClientConnection c = new ClientConnection(connector, key, loop);
            if (!key.ssl()) {
                t.setProtocol(c);
                c.connectionMade(t);
                t.resumeReading();      // the Handshake paused it after the proxy's answer
                return c;
            }
            Transport secure = Asyncio.timeout(sockConnect, () -> Net.startTls(t, c, key.targetTls(), false).await())
                    .await();
            c.connectionMade(secure);
            key.checkPinned(secure);   // the target's certificate, not the proxy's
            return c;
        } catch (Throwable e) {
            t.abort();
            throw e;
        }
    }

    /** A connection to the proxy: the first of its addresses to answer (the connector's happy eyeballs). */
    private static <P extends Protocol> Connected<P> dial(TCPConnector connector, ConnectionKey key,
                                                          List<String> addresses, Supplier<P> factory) {
        try {
            return connector.dial(addresses, key.proxy().port(), null, factory, t -> { });
        } catch (ConnectionError e) {
            throw unreachable(key, e);
        }
    }

    /** The error for a proxy that could not be reached for {@code key}'s request. */
    static ClientProxyConnectionError unreachable(ConnectionKey key, Throwable cause) {
        return new ClientProxyConnectionError(key.proxy().host(), key.proxy().port(), key.host(), key.port(),
                TCPConnector.sslDefault(key), cause);
    }

    /** {@code host:port} of the target, IPv6 in brackets: the CONNECT's request target. */
    private static String authority(ConnectionKey key) {
        return Hosts.bracketed(key.host()) + ":" + key.port();
    }

    /**
     * The CONNECT's fields: the proxy header fields (repeated ones kept), {@code Host} (as the request's, whatever a
     * proxy header says: aiohttp sets it last), the credentials.
     */
    private static Headers connectHeaders(ConnectionKey key) {
        Headers h = new Headers();
        for (Map.Entry<String, String> e : key.proxy().headers()) {
            h.add(e.getKey(), e.getValue());
        }
        h.set("Host", Hosts.hostHeader(key.host(), key.port(), 443));
        h.setDefault("User-Agent", ClientSession.USER_AGENT);
        if (key.proxy().auth() != null) {
            h.set("Proxy-Authorization", key.proxy().auth().encode());
        }
        return h.readOnly();
    }

    private static byte[] connectRequest(String authority, Headers h) {
        return HeadWriter.request("CONNECT", authority).fields(h).toBytes();
    }

    /** Reads the proxy's answer to CONNECT; once its head arrived, stops reading (TLS takes the connection over). */
    private static final class Handshake implements Protocol, ResponseParser.Listener {
        final Future<ResponseHead> head;
        private final ConnectionKey key;
        private final ResponseParser parser = new ResponseParser(this);
        private Transport transport;
        /** A 1xx answer was parsed: the parser is reset for the final one. */
        private boolean interim;

        Handshake(EventLoop loop, ConnectionKey key) {
            this.head = loop.createFuture();
            this.key = key;
            parser.reset(true);     // a 2xx answer to CONNECT has no body; another's is not read
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(byte[] data) {
            if (head.done()) {
                return;
            }
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining() && !head.done() && parser.feed(buf)) {
                if (!interim) {
                    break;
                }
                interim = false;
                parser.reset(true);
            }
        }

        @Override
        public boolean eofReceived() {
            disconnected(null);
            return false;
        }

        @Override
        public void connectionLost(Throwable exc) {
            disconnected(exc);
        }

        private void disconnected(Throwable exc) {
            if (!head.done()) {
                head.setException(new ServerDisconnectedError("Server disconnected: the proxy " + key.proxy()
                        + " closed the connection before answering CONNECT " + authority(key)
                        + (exc == null ? "" : ": " + ClientConnectorError.describe(exc)), exc));
            }
        }

        @Override
        public void onHead(ResponseHead h) {
            if (h.status() >= 100 && h.status() < 200) {
                interim = true;
                return;
            }
            if (transport != null && !transport.isClosing()) {
                transport.pauseReading();   // the rest belongs to TLS
            }
            if (!head.done()) {
                head.setResult(h);
            }
        }

        @Override
        public void onBody(byte[] data) {
        }

        @Override
        public void onComplete() {
        }

        @Override
        public void onError(String reason, boolean early) {
            if (early) {
                disconnected(null);
            } else if (!head.done()) {
                head.setException(new ClientResponseError(null, null, 400, reason + " (the proxy " + key.proxy()
                        + "'s answer to CONNECT " + authority(key) + ")", null));
            }
        }
    }
}
