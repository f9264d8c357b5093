package io.asyncio4j.http;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.net.ConnectOptions;
import io.asyncio4j.net.Connected;
import io.asyncio4j.net.ConnectionError;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Sockets;
import io.asyncio4j.net.TlsOptions;
import io.asyncio4j.net.TlsError;
import io.asyncio4j.net.Transport;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * aiohttp's {@code TCPConnector}: the pool of HTTP/1.1 connections a {@link ClientSession} sends its requests
 * over.
 *
 * <p><b>Limits.</b> At most {@code limit} sockets (default 100; 0: no limit) are open at once, counting those in
 * use, those being connected and those idle in the pool: when a new connection is needed at the limit, an idle
 * connection to another host is closed to make room, else the request waits. At most {@code limitPerHost} (default
 * 0: no limit) are in use or being connected for one scheme, host and port. Waiting requests are served in FIFO
 * order, each as soon as the limits allow it; a waiting request that is cancelled leaves the queue (if it had just
 * been granted a slot, the slot goes to the next). The connection of a WebSocket ({@link ClientSession#wsConnect})
 * never returns to the pool but holds its slot until it closes, as in aiohttp.
 *
 * <p><b>Keep-alive.</b> A connection whose response arrived whole, and that the server did not mark
 * {@code Connection: close} (or HTTP/1.0 without keep-alive) and that did not delimit the body by closing, goes back
 * to the pool the moment the last byte arrives, and is reused by the next request to the same host (the most
 * recently used first). It is closed after {@code keepaliveTimeout} seconds idle (15), when the server closes it, or
 * at once with {@code forceClose}. A request on a reused connection that fails before any byte of the response
 * arrived (the server had closed it meanwhile) is retried once on a new connection if its method is idempotent.
 *
 * <p><b>Names.</b> Host names are resolved by the {@link Resolver} (the system's, on the default executor, unless
 * {@link Builder#resolver} gives another; IP address literals are not looked up), and the answers cached per host
 * and port for {@code ttlDnsCache} seconds of the loop's clock (10; {@code useDnsCache(false)} turns the cache off),
 * at most {@code dnsCacheMaxSize} of them (1000; the least recently used go first, expired ones are swept: see
 * {@link DnsCacheTable}).
 *
 * <p><b>Happy eyeballs.</b> As aiohttp 3.10+ does, the addresses of a host are raced (RFC 8305, CPython's
 * {@code create_connection(happy_eyeballs_delay=, interleave=)}): interleaved by family ({@code interleave}, 1 by
 * default: IPv4 and IPv6 in turn), a new connection attempt starts every {@code happyEyeballsDelay} seconds (0.25)
 * while the earlier ones are still pending, or at once when the latest fails; the first to connect wins, the others
 * are cancelled and their sockets closed. So a host whose first address never answers is reached after the delay,
 * not after the connect timeout. {@code happyEyeballsDelay(null)} tries the addresses one after another instead.
 * The TLS handshake runs on the winner; if it (or a pinned certificate) fails, the other addresses are raced again
 * without it. When every address fails, the {@link ClientConnectorError} names each one's error.
 *
 * <p><b>TLS.</b> https connections use the JDK's trusted CAs and check the host name, unless {@link Builder#ssl}
 * gives another context (a private CA) or {@link Builder#verifySsl(boolean)} false turns verification off; a
 * request may bring its own ({@link RequestOptions.Builder#ssl}), and only shares connections made with the same
 * settings. A refused certificate raises {@link ClientConnectorCertificateError}, another handshake failure
 * {@link ClientConnectorSSLError}. With a {@link Fingerprint} ({@link Builder#ssl(Fingerprint)}, or a request's,
 * which wins), the certificate is pinned instead: no CA or host name check, but the server's leaf certificate must
 * have that SHA-256 digest, else the connection is closed and {@link ServerFingerprintMismatch} raised (after trying
 * the host's other addresses, as aiohttp does); connections are only shared by requests with the same fingerprint.
 *
 * <p><b>Proxies.</b> A request through an HTTP proxy connects to the proxy (its name resolved and cached as
 * above): an http request's connection is closed after its response, as aiohttp does; an https request's
 * {@code CONNECT} tunnel, with TLS to the target inside it, is pooled like a direct connection, but only shared by
 * requests to the same target through the same proxy with the same credentials and proxy header fields. A
 * WebSocket's handshake goes in a {@code CONNECT} tunnel even for a plain {@code ws} URL.
 *
 * <p><b>Threads.</b> A connector belongs to the event loop of the first request made through it; use it from that
 * loop's thread only. {@link #close()} never suspends: it closes every connection, idle or in use (a request
 * or body read under way fails with {@link ClientConnectionError}), and makes later requests fail.
 */
public final class TCPConnector implements AutoCloseable {
    private final int limit;
    private final int limitPerHost;
    private final double keepaliveTimeout;
    private final boolean forceClose;
    private final Resolver resolver;
    private final boolean useDnsCache;
    private final Double ttlDnsCache;
    private final int dnsCacheMaxSize;
    /** How the addresses of a host are tried: happy eyeballs (0.25 s, interleave 1) by default, as aiohttp 3.10+. */
    private final ConnectOptions connectOptions;
    /** Null until needed when it is the JDK's default: building that context costs a fifth of a second. */
    private volatile TlsOptions tls;
    /** The certificate pinned for https, or null (aiohttp's {@code ssl=Fingerprint}). */
    private final Fingerprint fingerprint;
    /** Resolved addresses per host and port. */
    private final DnsCacheTable dnsCache;
    private EventLoop loop;
    /** The connections: idle per key, acquired, the limits and the waiters. */
    private final ConnectionPool pool;
    /** The Unix domain socket every connection goes to ({@link UnixConnector}), or null for TCP. */
    private final java.nio.file.Path unixPath;

    /** aiohttp's defaults: limit 100, no per-host limit, 15 s keep-alive, reuse on. */
    public TCPConnector() {
        this(100, 0, 15.0, false);
    }

    /**
     * A connector with these limits and keep-alive settings, and the defaults of {@link Builder} for the rest
     * (aiohttp's {@code TCPConnector(limit=, limit_per_host=, keepalive_timeout=, force_close=)}).
     *
     * @param limit            the most sockets open at once, 0 or more (0: no limit)
     * @param limitPerHost     the most connections in use per scheme, host and port, 0 or more (0: no limit)
     * @param keepaliveTimeout seconds an idle connection stays in the pool, 0 or more
     * @param forceClose       close every connection after its response instead of pooling it
     * @throws IllegalArgumentException if a limit or {@code keepaliveTimeout} is negative, or
     *                                  {@code keepaliveTimeout} is NaN
     */
    public TCPConnector(int limit, int limitPerHost, double keepaliveTimeout, boolean forceClose) {
        this(builder().limit(limit).limitPerHost(limitPerHost).keepaliveTimeout(keepaliveTimeout)
                .forceClose(forceClose));
    }

    private TCPConnector(Builder b) {
        int limit = b.limit;
        int limitPerHost = b.limitPerHost;
        double keepaliveTimeout = b.keepaliveTimeout;
        if (limit < 0 || limitPerHost < 0) {
            throw new IllegalArgumentException("limits must be >= 0: limit=" + limit + ", limitPerHost="
                    + limitPerHost);
        }
        if (!(keepaliveTimeout >= 0)) {
            throw new IllegalArgumentException("keepaliveTimeout must be >= 0, not " + keepaliveTimeout);
        }
        this.limit = limit;
        this.limitPerHost = limitPerHost;
        this.keepaliveTimeout = keepaliveTimeout;
        this.forceClose = b.forceClose;
        this.resolver = b.resolver;
        this.useDnsCache = b.useDnsCache;
        this.ttlDnsCache = b.ttlDnsCache;
        this.dnsCacheMaxSize = b.dnsCacheMaxSize;
        this.connectOptions = new ConnectOptions(b.happyEyeballsDelay, b.interleave, false);
        this.dnsCache = new DnsCacheTable(b.ttlDnsCache, b.dnsCacheMaxSize);
        this.tls = b.tls;
        this.fingerprint = b.fingerprint;
        this.pool = new ConnectionPool(limit, limitPerHost, keepaliveTimeout, b.forceClose);
        this.unixPath = b.unixPath;
    }

    /**
     * Starts a connector with non-default settings (aiohttp's {@code TCPConnector(...)} keyword arguments).
     *
     * @return a new builder, for one thread's use
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * aiohttp's {@code connector.limit}.
     *
     * @return the most sockets open at once (0: no limit)
     */
    public int limit() {
        return limit;
    }

    /**
     * aiohttp's {@code connector.limit_per_host}.
     *
     * @return the most connections in use or being connected per scheme, host and port (0: no limit)
     */
    public int limitPerHost() {
        return limitPerHost;
    }

    /**
     * The keep-alive timeout.
     *
     * @return seconds an idle connection stays in the pool
     */
    public double keepaliveTimeout() {
        return keepaliveTimeout;
    }

    /**
     * aiohttp's {@code connector.force_close}.
     *
     * @return whether every connection is closed after its response instead of pooled
     */
    public boolean forceClose() {
        return forceClose;
    }

    /**
     * aiohttp's {@code connector.closed}; read it on the loop's thread.
     *
     * @return whether {@link #close()} was called; a closed connector's requests fail with
     *         {@link ClientConnectionError}
     */
    public boolean closed() {
        return pool.closed();
    }

    /**
     * The TLS settings of https connections (the JDK's trusted CAs and host name check by default), unless a
     * request gives its own ({@link RequestOptions.Builder#ssl(TlsOptions)}).
     *
     * @return the settings given to the builder, else the JDK's defaults, made at the first call
     * @throws IllegalStateException if the defaults are needed and the JDK has no default TLS context
     */
    public TlsOptions tls() {
        TlsOptions t = tls;
        if (t == null) {
            tls = t = TlsOptions.defaults();
        }
        return t;
    }

    /**
     * The certificate https connections are pinned to ({@link Builder#ssl(Fingerprint)}), unless a request pins
     * its own.
     *
     * @return the pinned certificate's digest, or null
     */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /**
     * aiohttp's {@code use_dns_cache}.
     *
     * @return whether resolved addresses are cached
     */
    public boolean useDnsCache() {
        return useDnsCache;
    }

    /**
     * aiohttp's {@code ttl_dns_cache}.
     *
     * @return seconds of the loop's clock a resolved address stays cached, or null for ever
     */
    public Double ttlDnsCache() {
        return ttlDnsCache;
    }

    /**
     * aiohttp's {@code dns_cache_max_size}.
     *
     * @return the most host and port entries the DNS cache keeps (1000 by default)
     */
    public int dnsCacheMaxSize() {
        return dnsCacheMaxSize;
    }

    /**
     * aiohttp's {@code happy_eyeballs_delay}.
     *
     * @return seconds between the starts of two connection attempts to a host's addresses, or null if they are tried
     *         one after another
     */
    public Double happyEyeballsDelay() {
        return connectOptions.happyEyeballsDelay();
    }

    /**
     * aiohttp's {@code interleave}.
     *
     * @return how a host's addresses are interleaved by family (see {@link ConnectOptions#interleave()}), or null
     *         for the default (1 with happy eyeballs, else the resolver's order)
     */
    public Integer interleave() {
        return connectOptions.interleave();
    }

    /** The entries the DNS cache holds now (tests). */
    int dnsCacheSize() {
        return dnsCache.size();
    }

    /**
     * Forgets the cached addresses of {@code host} and {@code port}, or of every host if {@code host} is null
     * (aiohttp's {@code clear_dns_cache}); the next request to them resolves the name again. Connections already
     * open are not affected. Call it on the loop's thread.
     *
     * @param host the host name as requested, or null for all
     * @param port the port (ignored if {@code host} is null)
     */
    public void clearDnsCache(String host, int port) {
        if (host == null) {
            dnsCache.clear();
        } else {
            dnsCache.remove(host + ":" + port);
        }
    }

    /**
     * The sockets open now, what {@code limit} bounds; read it on the loop's thread.
     *
     * @return the connections in use (a WebSocket's included), being connected, or idle in the pool
     */
    public int openConnections() {
        return pool.openConnections();
    }

    /**
     * The idle connections in the pool now, ready for reuse; read it on the loop's thread.
     *
     * @return their number
     */
    public int idleConnections() {
        return pool.idleConnections();
    }

    /** Closes every connection and the pool; never suspends. Idempotent. */
    @Override
    public void close() {
        pool.close();
    }

    // ---- acquiring ----

    /**
     * A connection for {@code key}, reused from the pool or newly opened (within {@code sockConnect} seconds),
     * waiting in FIFO order while the limits are reached.
     */
    ClientConnection connect(ConnectionKey key, Double sockConnect, Trace trace) {
        if (pool.closed()) {
            throw new ClientConnectionError("Connector is closed.");
        }
        EventLoop running = Asyncio.getRunningLoop();
        if (loop == null) {
            loop = running;
            pool.bind(running);
        } else if (loop != running) {
            throw new IllegalStateException("this TCPConnector belongs to another event loop");
        }
        ClientConnection reused = pool.acquire(key, trace);
        if (reused != null) {
            if (!trace.isEmpty()) {
                trace.send(x -> x.connectionReuseconn, new TraceConfig.ConnectionParams());
            }
            return reused;
        }
        try {
            if (!trace.isEmpty()) {
                trace.send(c -> c.connectionCreateStart, new TraceConfig.ConnectionParams());
            }
            ClientConnection c;
            if (unixPath != null) {
                c = openUnix(key, sockConnect);
            } else if (key.proxy() == null) {
                List<String> addresses = resolve(key.host(), key.port(), trace);
                c = Asyncio.timeout(sockConnect, () -> open(key, addresses)).await().protocol();
            } else {
                List<String> proxyAddresses = resolve(key.proxy().host(), key.proxy().port(), trace);
                c = ProxyTunnel.open(this, key, loop, proxyAddresses, sockConnect);
            }
            pool.register(c);
            if (!trace.isEmpty()) {
                trace.send(x -> x.connectionCreateEnd, new TraceConfig.ConnectionParams());
            }
            return c;
        } catch (ConnectionError e) {
            pool.slotFailed(key);
            throw connectorError(key, e);
        } catch (java.io.UncheckedIOException e) {
            pool.slotFailed(key);
            throw key.proxy() != null ? ProxyTunnel.unreachable(key, e.getCause())
                    : new ClientConnectorError(key.host(), key.port(), sslDefault(key), e.getCause());
        } catch (Throwable e) {
            pool.slotFailed(key);
            throw e;
        }
    }

    /**
     * aiohttp's {@code _create_direct_connection}: a TCP connection to one of {@code addresses} (happy eyeballs, see
     * {@link Builder#happyEyeballsDelay(Double)}), then TLS on it; if the handshake or the pinned certificate fails,
     * the same without that address. The last failure if none is left.
     */
    private Connected<ClientConnection> open(ConnectionKey key, List<String> addresses) {
        TlsOptions t = key.targetTls();
        return dial(addresses, key.port(), t, () -> new ClientConnection(this, key, loop), key::checkPinned);
    }

    /**
     * Connects {@code factory}'s protocol to the first of {@code addresses} (IP literals) that answers, as
     * {@link #connectOptions}' happy eyeballs say, over TLS if {@code tls} is set; {@code check} vets the transport.
     * A handshake or check failure drops that address and races the others again (aiohttp's loop).
     */
    <P extends io.asyncio4j.net.BaseProtocol> Connected<P> dial(List<String> addresses, int port, TlsOptions tls,
            java.util.function.Supplier<P> factory, java.util.function.Consumer<Transport> check) {
        List<InetSocketAddress> remaining = new ArrayList<>(addresses.size());
        for (String a : addresses) {
            String literal = a.startsWith("[") && a.endsWith("]") ? a.substring(1, a.length() - 1) : a;
            remaining.add(new InetSocketAddress(java.net.InetAddress.ofLiteral(literal), port));
        }
        RuntimeException last = null;
        while (!remaining.isEmpty()) {
            // If every address left fails to connect, their error ends it (aiohttp would race them all again).
            SocketChannel ch = Sockets.startConnection(remaining, connectOptions).await();
            InetSocketAddress peer = remoteAddress(ch);
            try {
                Connected<P> cc = Net.createConnection(factory, ch, tls).await();
                try {
                    check.accept(cc.transport());
                } catch (RuntimeException e) {
                    cc.transport().abort();
                    throw e;
                }
                return cc;
            } catch (ConnectionError | ServerFingerprintMismatch e) {
                last = e;
                if (!remaining.remove(peer)) {
                    remaining.remove(0);
                }
            }
        }
        throw last;     // resolve() gives at least one address
    }

    /**
     * A connection to the Unix socket ({@link UnixConnector}, aiohttp's {@code UnixConnector._create_connection}),
     * whatever the URL's host; no TLS over it (aiohttp would send an https request in the clear).
     */
    private ClientConnection openUnix(ConnectionKey key, Double sockConnect) {
        if (key.ssl()) {
            throw new UnixClientConnectorError(unixPath, key.host(), key.port(), sslDefault(key),
                    new java.io.IOException("TLS over a Unix socket is not supported"));
        }
        try {
            return Asyncio.timeout(sockConnect, () -> Net.createUnixConnection(
                    () -> new ClientConnection(this, key, loop), unixPath).await()).await().protocol();
        } catch (ConnectionError e) {
            throw new UnixClientConnectorError(unixPath, key.host(), key.port(), sslDefault(key), e);
        }
    }

    /** The Unix socket of a {@link UnixConnector}'s pool, or null for TCP. */
    java.nio.file.Path unixPath() {
        return unixPath;
    }

    private static InetSocketAddress remoteAddress(SocketChannel ch) {
        try {
            return (InetSocketAddress) ch.getRemoteAddress();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static ClientConnectorError connectorError(ConnectionKey key, ConnectionError e) {
        if (e instanceof TlsError) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof java.security.cert.CertificateException
                        || c instanceof java.security.cert.CertPathValidatorException) {
                    return new ClientConnectorCertificateError(key.host(), key.port(), sslDefault(key), e);
                }
            }
            return new ClientConnectorSSLError(key.host(), key.port(), sslDefault(key), e);
        }
        return new ClientConnectorError(key.host(), key.port(), sslDefault(key), e);
    }

    /**
     * The addresses to try for {@code host}: the literal itself for an IP address, else the resolver's answer,
     * from the cache while it is younger than {@code ttlDnsCache}.
     */
    List<String> resolve(String host, int port, Trace trace) {
        if (CookieJar.isIpAddress(host)) {
            return List.of(host);
        }
        String cacheKey = host + ":" + port;
        if (useDnsCache) {
            List<String> cached = dnsCache.get(cacheKey, Asyncio.getRunningLoop().time());
            if (cached != null) {
                if (!trace.isEmpty()) {
                    trace.send(c -> c.dnsCacheHit, new TraceConfig.DnsParams(host));
                }
                return cached;
            }
            if (!trace.isEmpty()) {
                trace.send(c -> c.dnsCacheMiss, new TraceConfig.DnsParams(host));
            }
        }
        if (!trace.isEmpty()) {
            trace.send(c -> c.dnsResolveHostStart, new TraceConfig.DnsParams(host));
        }
        List<String> out = new ArrayList<>();
        for (InetSocketAddress a : resolver.resolve(host, port).await()) {
            out.add(a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString());
        }
        if (!trace.isEmpty()) {
            trace.send(c -> c.dnsResolveHostEnd, new TraceConfig.DnsParams(host));
        }
        if (out.isEmpty()) {
            throw new java.io.UncheckedIOException(new java.net.UnknownHostException("cannot resolve host " + host
                    + ": no address"));
        }
        if (useDnsCache) {
            dnsCache.put(cacheKey, out, Asyncio.getRunningLoop().time());
        }
        return out;
    }

    // ---- releasing ----

    /** The connection's exchange ended: pooled if {@code keep}, else closed (see {@link ConnectionPool#release}). */
    void release(ClientConnection c, boolean keep) {
        pool.release(c, keep);
    }

    /** A connection closed: it leaves the pool (see {@link ConnectionPool#connectionLost}). */
    void connectionLost(ClientConnection c) {
        pool.connectionLost(c);
    }

    /** The TLS options of a request: its own, else the connector's. */
    TlsOptions tlsFor(TlsOptions requestTls) {
        return requestTls != null ? requestTls : tls();
    }

    /** The certificate a request pins: its own, else the connector's (aiohttp's {@code _get_fingerprint}). */
    Fingerprint fingerprintFor(Fingerprint requestFingerprint) {
        return requestFingerprint != null ? requestFingerprint : fingerprint;
    }

    /** The TLS options of pinned connections: no CA or name check (one instance, so their keys can be equal). */
    static TlsOptions pinnedTls() {
        return Pinned.TLS;
    }

    private static final class Pinned {
        static final TlsOptions TLS = TlsOptions.of(insecureContext());
    }

    /**
     * The TLS options of {@code verifySsl(false)}, aiohttp's {@code ssl=False}: one instance, so that the keys of
     * such connections can be equal and a connector error can say {@code ssl:False}.
     */
    static TlsOptions unverifiedTls() {
        return Unverified.TLS;
    }

    private static final class Unverified {
        static final TlsOptions TLS = TlsOptions.of(insecureContext());
    }

    /**
     * Whether {@code key}'s request kept certificate verification: what aiohttp's connector errors print after
     * {@code ssl:}, its {@code ssl} argument: {@code default} (the default settings, a plain http request too, as
     * aiohttp prints {@code ssl=None}), or {@code False} for {@code verifySsl(false)}.
     */
    static boolean sslDefault(ConnectionKey key) {
        return key.tls() != Unverified.TLS;
    }

    /**
     * An {@link SSLContext} that accepts any server certificate for any host name: aiohttp's {@code ssl=False}.
     * The connection is still encrypted, but not authenticated.
     *
     * @return a new context trusting every certificate
     * @throws IllegalStateException if the JDK has no TLS
     */
    public static SSLContext insecureContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context: " + e.getMessage(), e);
        }
    }

    /** Builds a {@link TCPConnector} (aiohttp's keyword arguments); not thread-safe. */
    public static final class Builder {
        private int limit = 100;
        private int limitPerHost;
        private double keepaliveTimeout = 15.0;
        private boolean forceClose;
        private Resolver resolver = Resolver.threaded();
        private boolean useDnsCache = true;
        private Double ttlDnsCache = 10.0;
        private int dnsCacheMaxSize = DnsCacheTable.DEFAULT_MAX_SIZE;
        private TlsOptions tls; // null: the JDK's default, made when first needed
        private Fingerprint fingerprint;
        /** Set by {@link UnixConnector} only. */
        java.nio.file.Path unixPath;
        private Double happyEyeballsDelay = ConnectOptions.DEFAULT_HAPPY_EYEBALLS_DELAY;
        private Integer interleave;

        private Builder() {
        }

        /**
         * Seconds between the starts of two connection attempts to a host's addresses (aiohttp's
         * {@code happy_eyeballs_delay}, RFC 8305's "Connection Attempt Delay"): a new attempt starts every delay
         * while the earlier ones are still pending, the first to connect wins.
         *
         * @param seconds 0 or more (0.25 by default), or null to try the addresses one after another
         * @return this builder
         * @throws IllegalArgumentException if {@code seconds} is negative or NaN
         */
        public Builder happyEyeballsDelay(Double seconds) {
            new ConnectOptions(seconds, null, false); // checks it
            happyEyeballsDelay = seconds;
            return this;
        }

        /**
         * How a host's addresses are interleaved by family before they are tried (aiohttp's {@code interleave}; see
         * {@link ConnectOptions#interleave()}).
         *
         * @param n 0 or more (0: the resolver's order), or null for the default (1 with happy eyeballs)
         * @return this builder
         * @throws IllegalArgumentException if {@code n} is negative
         */
        public Builder interleave(Integer n) {
            new ConnectOptions(null, n, false); // checks it
            interleave = n;
            return this;
        }

        /**
         * The most sockets open at once, counting those in use, being connected and idle (aiohttp's {@code limit}).
         *
         * @param n the limit, 0 or more (100 by default; 0: no limit); checked by {@link #build()}
         * @return this builder
         */
        public Builder limit(int n) {
            limit = n;
            return this;
        }

        /**
         * The most connections in use or being connected per scheme, host and port (aiohttp's
         * {@code limit_per_host}).
         *
         * @param n the limit, 0 or more (0, the default: no limit); checked by {@link #build()}
         * @return this builder
         */
        public Builder limitPerHost(int n) {
            limitPerHost = n;
            return this;
        }

        /**
         * How long an idle connection stays in the pool before it is closed (aiohttp's {@code keepalive_timeout}).
         *
         * @param seconds 0 or more (15 by default); checked by {@link #build()}
         * @return this builder
         */
        public Builder keepaliveTimeout(double seconds) {
            keepaliveTimeout = seconds;
            return this;
        }

        /**
         * As {@link #keepaliveTimeout(double)} with a {@link java.time.Duration} (nanosecond precision).
         *
         * @param timeout zero or more; not null; checked by {@link #build()}
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         */
        public Builder keepaliveTimeout(java.time.Duration timeout) {
            return keepaliveTimeout(io.asyncio4j.Asyncio.seconds(
                    java.util.Objects.requireNonNull(timeout, "timeout is null")));
        }

        /**
         * Close every connection after its response instead of pooling it (aiohttp's {@code force_close}).
         *
         * @param on whether to close each connection after its response (false by default)
         * @return this builder
         */
        public Builder forceClose(boolean on) {
            forceClose = on;
            return this;
        }

        /**
         * The resolver of host names (aiohttp's {@code resolver}; {@link Resolver#threaded()}, the system's on the
         * default executor, by default). IP address literals are not given to it.
         *
         * @param r the resolver, called on the loop's thread
         * @return this builder
         * @throws NullPointerException if {@code r} is null
         */
        public Builder resolver(Resolver r) {
            resolver = java.util.Objects.requireNonNull(r, "resolver is null");
            return this;
        }

        /**
         * Whether resolved addresses are cached (aiohttp's {@code use_dns_cache}).
         *
         * @param on whether to cache (true by default)
         * @return this builder
         */
        public Builder useDnsCache(boolean on) {
            useDnsCache = on;
            return this;
        }

        /**
         * How long a resolved address stays cached, in seconds of the loop's clock (aiohttp's
         * {@code ttl_dns_cache}).
         *
         * @param seconds 0 or more (10 by default), or null for ever
         * @return this builder
         * @throws IllegalArgumentException if {@code seconds} is negative or NaN
         */
        public Builder ttlDnsCache(Double seconds) {
            if (seconds != null && !(seconds >= 0)) {
                throw new IllegalArgumentException("ttlDnsCache must be >= 0, not " + seconds);
            }
            ttlDnsCache = seconds;
            return this;
        }

        /**
         * As {@link #ttlDnsCache(Double)} with a primitive time to live, so that {@code ttlDnsCache(60)} compiles;
         * {@code ttlDnsCache(null)} still means for ever.
         *
         * @param seconds 0 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code seconds} is negative or NaN
         */
        public Builder ttlDnsCache(double seconds) {
            return ttlDnsCache(Double.valueOf(seconds));
        }

        /**
         * The most host and port entries the DNS cache keeps (1000, aiohttp's {@code dns_cache_max_size}): beyond
         * it the least recently used entry is dropped. Expired entries are dropped too (see {@link DnsCacheTable}).
         *
         * @param n the most entries, 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code n} is not positive ({@code useDnsCache(false)} turns the cache off)
         */
        public Builder dnsCacheMaxSize(int n) {
            dnsCacheMaxSize = DnsCacheTable.checkMaxSize(n);
            return this;
        }

        /**
         * https connections use {@code context} (aiohttp's {@code ssl=SSLContext}): its trust managers decide which
         * servers are trusted, and the host name is still checked. Replaces a fingerprint or an earlier
         * {@code ssl}.
         *
         * @param context the TLS context
         * @return this builder
         * @throws NullPointerException if {@code context} is null
         */
        public Builder ssl(SSLContext context) {
            tls = TlsOptions.of(context);
            fingerprint = null;
            return this;
        }

        /**
         * https connections use these TLS options (context, expected server name, handshake and shutdown timeouts).
         * Replaces a fingerprint or an earlier {@code ssl}.
         *
         * @param options the TLS options
         * @return this builder
         * @throws NullPointerException if {@code options} is null
         */
        public Builder ssl(TlsOptions options) {
            tls = java.util.Objects.requireNonNull(options, "ssl is null");
            fingerprint = null;
            return this;
        }

        /**
         * With false, https connections accept any certificate for any name (aiohttp's {@code ssl=False}): still
         * encrypted, not authenticated. With true, the JDK's trusted CAs and the host name check (the default).
         * Replaces a fingerprint or an earlier {@code ssl}.
         *
         * @param verify whether to verify the servers' certificates and names
         * @return this builder
         */
        public Builder verifySsl(boolean verify) {
            tls = verify ? null : unverifiedTls();
            fingerprint = null;
            return this;
        }

        /**
         * https connections are pinned to the certificate with this digest (aiohttp's {@code ssl=Fingerprint}):
         * its chain and host name are not verified, but a server presenting another certificate is refused with
         * {@link ServerFingerprintMismatch}. Replaces the other {@code ssl} settings, as they replace it.
         *
         * @param pinned the digest of the servers' certificate
         * @return this builder
         * @throws NullPointerException if {@code pinned} is null
         */
        public Builder ssl(Fingerprint pinned) {
            fingerprint = java.util.Objects.requireNonNull(pinned, "fingerprint is null");
            tls = pinnedTls();
            return this;
        }

        /**
         * A connector with the settings given so far; it belongs to the event loop of the first request made
         * through it. The builder may go on to build others.
         *
         * @return a new, open connector with no connection yet
         * @throws IllegalArgumentException if {@code limit}, {@code limitPerHost} or {@code keepaliveTimeout} is
         *                                  negative, or {@code keepaliveTimeout} is NaN
         */
        public TCPConnector build() {
            return new TCPConnector(this);
        }
    }

    @Override
    public String toString() {
        return "<TCPConnector " + (unixPath == null ? "" : "unix=" + unixPath + " ") + "limit=" + limit + " limitPerHost=" + limitPerHost + " open=" + openConnections()
                + " idle=" + idleConnections() + " waiting=" + pool.waiting() + (closed() ? " closed" : "") + ">";
    }
}
