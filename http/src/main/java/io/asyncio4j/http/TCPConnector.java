package io.asyncio4j.http;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.net.Connected;
import io.asyncio4j.net.ConnectionError;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.TlsOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * aiohttp's {@code TCPConnector}: the pool of HTTP/1.1 connections a {@link ClientSession} sends its requests
 * over.
 *
 * <p><b>Limits.</b> At most {@code limit} sockets (default 100; 0: no limit) are open at once, counting those in
 * use, those being connected and those idle in the pool: when a new connection is needed at the limit, an idle
 * connection to another host is closed to make room, else the request waits. At most {@code limitPerHost} (default
 * 0: no limit) are in use or being connected for one scheme, host and port. Waiting requests are served in FIFO
 * order, each as soon as the limits allow it; a waiting request that is cancelled leaves the queue (if it had just
 * been granted a slot, the slot goes to the next).
 *
 * <p><b>Keep-alive.</b> A connection whose response arrived whole, and that the server did not mark
 * {@code Connection: close} (or HTTP/1.0 without keep-alive) and that did not delimit the body by closing, goes back
 * to the pool the moment the last byte arrives, and is reused by the next request to the same host (the most
 * recently used first). It is closed after {@code keepaliveTimeout} seconds idle (15), when the server closes it, or
 * at once with {@code forceClose}. A request on a reused connection that fails before any byte of the response
 * arrived (the server had closed it meanwhile) is retried once on a new connection if its method is idempotent.
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
    private EventLoop loop;
    private boolean closed;

    /** Idle connections per key, the most recently released last. */
    private final Map<ConnectionKey, ArrayDeque<ClientConnection>> idle = new HashMap<>();
    private int idleCount;
    /** Connections in use or being connected, per key. */
    private final Map<ConnectionKey, Integer> acquired = new HashMap<>();
    private int acquiredCount;
    /** Every open connection (for close()). */
    private final List<ClientConnection> all = new ArrayList<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    /** aiohttp's defaults: limit 100, no per-host limit, 15 s keep-alive, reuse on. */
    public TCPConnector() {
        this(100, 0, 15.0, false);
    }

    /**
     * @param limit            the most sockets open at once (0: no limit)
     * @param limitPerHost     the most connections in use per scheme, host and port (0: no limit)
     * @param keepaliveTimeout seconds an idle connection stays in the pool
     * @param forceClose       close every connection after its response instead of pooling it
     */
    public TCPConnector(int limit, int limitPerHost, double keepaliveTimeout, boolean forceClose) {
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
        this.forceClose = forceClose;
    }

    public int limit() {
        return limit;
    }

    public int limitPerHost() {
        return limitPerHost;
    }

    public double keepaliveTimeout() {
        return keepaliveTimeout;
    }

    public boolean forceClose() {
        return forceClose;
    }

    public boolean closed() {
        return closed;
    }

    /** Sockets open now: in use, being connected, or idle in the pool. */
    public int openConnections() {
        return acquiredCount + idleCount;
    }

    /** Idle connections in the pool now. */
    public int idleConnections() {
        return idleCount;
    }

    /** Closes every connection and the pool; never suspends. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ClientConnection c : new ArrayList<>(all)) {
            c.shutdown();
        }
        all.clear();
        idle.clear();
        idleCount = 0;
        for (Waiter w : waiters) {
            if (!w.future.done()) {
                w.future.setException(new ClientConnectionError("Connector is closed."));
            }
        }
        waiters.clear();
    }

    // ---- acquiring ----

    private static final Object NEW = new Object();

    private record Waiter(ConnectionKey key, Future<Object> future) {
    }

    /**
     * A connection for {@code key}, reused from the pool or newly opened (within {@code sockConnect} seconds),
     * waiting in FIFO order while the limits are reached.
     */
    ClientConnection connect(ConnectionKey key, Double sockConnect, TlsOptions tls) {
        if (closed) {
            throw new ClientConnectionError("Connector is closed.");
        }
        EventLoop running = Asyncio.getRunningLoop();
        if (loop == null) {
            loop = running;
        } else if (loop != running) {
            throw new IllegalStateException("this TCPConnector belongs to another event loop");
        }
        // Slots are granted to waiters the moment they free up, so every queued waiter is blocked right now: a
        // request that can go (another host, under the limits) goes without overtaking anyone who could.
        Object slot = tryTake(key);
        if (slot == null) {
            Future<Object> f = loop.createFuture();
            Waiter w = new Waiter(key, f);
            waiters.add(w);
            try {
                slot = f.await();
            } catch (CancelledError e) {
                waiters.remove(w);
                if (f.done() && !f.cancelled() && f.exception() == null) {
                    giveBack(key, f.result());
                }
                throw e;
            }
        }
        if (slot instanceof ClientConnection c) {
            c.reused = true;
            return c;
        }
        try {
            Connected<ClientConnection> cc = Asyncio.timeout(sockConnect,
                    () -> Net.createConnection(() -> new ClientConnection(this, key, loop), key.host(), key.port(),
                            tls).await()).await();
            ClientConnection c = cc.protocol();
            c.acquired = true;
            if (closed) {
                c.close();
                throw new ClientConnectionError("Connector is closed.");
            }
            all.add(c);
            return c;
        } catch (ConnectionError e) {
            slotFailed(key);
            throw new ClientConnectorError(key.host(), key.port(), key.ssl(), e);
        } catch (Throwable e) {
            slotFailed(key);
            throw e;
        }
    }

    /** An idle connection for key (now acquired), or NEW (a slot reserved for a new one), or null. */
    private Object tryTake(ConnectionKey key) {
        if (limitPerHost > 0 && acquired.getOrDefault(key, 0) >= limitPerHost) {
            return null;
        }
        ArrayDeque<ClientConnection> q = idle.get(key);
        while (q != null && !q.isEmpty()) {
            ClientConnection c = q.pollLast();
            idleCount--;
            if (c.idleTimer != null) {
                c.idleTimer.cancel();
                c.idleTimer = null;
            }
            if (c.isOpen()) {
                count(key, +1);
                c.acquired = true;
                return c;
            }
            all.remove(c);
        }
        if (limit > 0 && acquiredCount + idleCount >= limit && !evictIdle()) {
            return null;
        }
        count(key, +1);
        return NEW;
    }

    /** Closes the least recently used idle connection of any host; false if there is none. */
    private boolean evictIdle() {
        ClientConnection oldest = null;
        for (ArrayDeque<ClientConnection> q : idle.values()) {
            // the first of each deque is its least recently used; pick any (hosts are few)
            if (!q.isEmpty() && oldest == null) {
                oldest = q.peekFirst();
            }
        }
        if (oldest == null) {
            return false;
        }
        dropIdle(oldest);
        oldest.close();
        return true;
    }

    private void count(ConnectionKey key, int delta) {
        acquired.merge(key, delta, Integer::sum);
        if (acquired.get(key) == 0) {
            acquired.remove(key);
        }
        acquiredCount += delta;
    }

    /** A granted slot whose waiter was cancelled: back to the pool, then the next waiter. */
    private void giveBack(ConnectionKey key, Object slot) {
        if (slot instanceof ClientConnection c) {
            release(c, c.isOpen());
        } else {
            slotFailed(key);
        }
    }

    private void slotFailed(ConnectionKey key) {
        count(key, -1);
        wakeWaiters();
    }

    /** Grants slots to waiters in FIFO order while the limits allow. */
    private void wakeWaiters() {
        if (closed) {
            return;
        }
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.future.done()) {
                it.remove();
                continue;
            }
            Object slot = tryTake(w.key);
            if (slot != null) {
                it.remove();
                w.future.setResult(slot);
            } else if (limit > 0 && acquiredCount + idleCount >= limit && idleCount == 0) {
                break;      // the total limit binds: no later waiter can go either
            }
        }
    }

    // ---- releasing ----

    /** The connection's exchange ended: pooled if {@code keep}, else closed; the slot goes to the next waiter. */
    void release(ClientConnection c, boolean keep) {
        if (!c.acquired) {
            return;
        }
        c.acquired = false;
        count(c.key, -1);
        if (keep && !forceClose && !closed && keepaliveTimeout > 0 && c.isOpen()) {
            idle.computeIfAbsent(c.key, k -> new ArrayDeque<>()).addLast(c);
            idleCount++;
            c.idleTimer = loop.callLater(keepaliveTimeout, () -> {
                c.idleTimer = null;
                dropIdle(c);
                c.close();
                wakeWaiters();
            });
        } else {
            c.close();
            all.remove(c);
        }
        wakeWaiters();
    }

    /** An idle connection closed (by the server or a timer): it leaves the pool. */
    void connectionLost(ClientConnection c) {
        all.remove(c);
        if (c.acquired) {
            release(c, false);
            return;
        }
        if (dropIdle(c)) {
            wakeWaiters();
        }
    }

    private boolean dropIdle(ClientConnection c) {
        ArrayDeque<ClientConnection> q = idle.get(c.key);
        if (q != null && q.remove(c)) {
            idleCount--;
            if (q.isEmpty()) {
                idle.remove(c.key);
            }
            if (c.idleTimer != null) {
                c.idleTimer.cancel();
                c.idleTimer = null;
            }
            all.remove(c);
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "<TCPConnector limit=" + limit + " limitPerHost=" + limitPerHost + " open=" + openConnections()
                + " idle=" + idleCount + " waiting=" + waiters.size() + (closed ? " closed" : "") + ">";
    }
}
