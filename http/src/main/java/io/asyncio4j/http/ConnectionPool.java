package io.asyncio4j.http;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The pool of a {@link TCPConnector} (aiohttp's {@code BaseConnector}): idle connections per {@link ConnectionKey},
 * the connections in use or being connected, the {@code limit} and {@code limitPerHost} accounting, the FIFO queue
 * of requests waiting for a slot, keep-alive expiry and closing. It opens no socket: the connector resolves names,
 * connects (TLS, proxy tunnels) and tells the pool how it went.
 *
 * <p><b>Slots.</b> {@link #acquire} gives an idle connection for the key (now acquired), or reserves a slot for a
 * new one and returns null; the caller then either {@link #register registers} the connection it opened or reports
 * {@link #slotFailed}. Every slot so taken is given back exactly once, by {@link #release} or
 * {@link #connectionLost} (or {@code slotFailed}). The pool guarantees that at most {@code limit} sockets (0: no
 * limit) are open at once, counting those acquired (in use or being connected) and those idle, by closing the least
 * recently used idle connection of another host when a new one is needed at the limit; that at most
 * {@code limitPerHost} (0: no limit) are acquired per key; and that an idle connection is reused most recently
 * released first and closed after {@code keepaliveTimeout} seconds idle (not pooled at all with
 * {@code forceClose} or a zero timeout).
 *
 * <p><b>Fairness.</b> Waiters are served in FIFO order, each the moment a release lets it go, so every queued
 * waiter is blocked whenever {@link #acquire} runs: a request that can go at once (another host, under the limits)
 * goes without overtaking anyone who could. A waiter for a key at its per-host limit does not hold back waiters for
 * other keys; when the total limit binds and nothing idle can be closed, no later waiter is tried.
 *
 * <p><b>Cancellation.</b> A waiter cancelled while queued leaves the queue. If it was cancelled just after being
 * granted a slot (its future done with a result, the task not yet resumed), the slot is not lost: a granted idle
 * connection is released back to the pool (closed if no longer open), a reserved slot is freed, and the next
 * waiters are woken; then {@link CancelledError} propagates.
 *
 * <p><b>Closing.</b> {@link #close()} shuts every connection down, idle or in use, and fails the waiting requests
 * with {@link ClientConnectionError}; later acquisitions fail the same way, and a connection registered after it is
 * closed at once.
 *
 * <p><b>Connections.</b> The pool moves a connection through its {@link ClientConnectionState} by the connection's
 * own methods ({@link ClientConnection#acquire()}, {@link ClientConnection#markIdle markIdle},
 * {@link ClientConnection#discard()}); a connection holds a slot exactly while
 * {@link ClientConnection#holdsSlot()}.
 *
 * <p><b>Threads.</b> Not thread-safe: the loop thread of the connector only (its first request's loop, given by
 * {@link #bind}).
 */
final class ConnectionPool {
    /** The slot a waiter is granted for a new connection (else it gets an idle {@link ClientConnection}). */
    private static final Object NEW = new Object();

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

    private record Waiter(ConnectionKey key, Future<Object> future) {
    }

    /** The limits are the connector's, already checked. */
    ConnectionPool(int limit, int limitPerHost, double keepaliveTimeout, boolean forceClose) {
        this.limit = limit;
        this.limitPerHost = limitPerHost;
        this.keepaliveTimeout = keepaliveTimeout;
        this.forceClose = forceClose;
    }

    /** The loop the pool's waiters and keep-alive timers run on: the connector's, set once at its first request. */
    void bind(EventLoop loop) {
        this.loop = loop;
    }

    boolean closed() {
        return closed;
    }

    /** Sockets open now: acquired (in use or being connected) or idle. */
    int openConnections() {
        return acquiredCount + idleCount;
    }

    int idleConnections() {
        return idleCount;
    }

    int waiting() {
        return waiters.size();
    }

    /** Shuts every connection down and fails the waiters; idempotent. */
    void close() {
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

    /**
     * A slot for {@code key}, waiting in FIFO order while the limits are reached: an idle connection (now
     * acquired), or null for a slot reserved for a new connection, which the caller must
     * {@link #register} or give back by {@link #slotFailed}. Sends the trace's queued events if it waited.
     *
     * @throws ClientConnectionError (when awaited) if the pool is closed meanwhile
     * @throws CancelledError (when awaited) if the request is cancelled while waiting (see the class javadoc)
     */
    ClientConnection acquire(ConnectionKey key, Trace trace) {
        Object slot = tryTake(key);
        boolean waited = slot == null;
        if (slot == null) {
            Future<Object> f = loop.createFuture();
            Waiter w = new Waiter(key, f);
            waiters.add(w);
            if (!trace.isEmpty()) {
                trace.send(c -> c.connectionQueuedStart, new TraceConfig.ConnectionParams());
            }
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
        if (waited && !trace.isEmpty()) {
            trace.send(c -> c.connectionQueuedEnd, new TraceConfig.ConnectionParams());
        }
        return slot instanceof ClientConnection c ? c : null;
    }

    /**
     * The new connection {@code c} fills the slot {@link #acquire} reserved for it: acquired, and counted among
     * the open ones.
     *
     * @throws ClientConnectionError (c closed) if the pool was closed while it was being connected; the slot is
     *                               still the caller's to give back
     */
    void register(ClientConnection c) {
        if (closed) {
            c.close();
            throw new ClientConnectionError("Connector is closed.");
        }
        c.acquire();
        all.add(c);
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
            if (c.isOpen()) {
                count(key, +1);
                c.acquire();
                return c;
            }
            c.discard();
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
        dropIdle(oldest);       // closes it
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

    /** The new connection a slot was reserved for could not be opened: the slot goes to the next waiter. */
    void slotFailed(ConnectionKey key) {
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
        if (!c.holdsSlot()) {
            return;
        }
        count(c.key(), -1);
        if (keep && !forceClose && !closed && keepaliveTimeout > 0 && c.isOpen()) {
            idle.computeIfAbsent(c.key(), k -> new ArrayDeque<>()).addLast(c);
            idleCount++;
            c.markIdle(keepaliveTimeout, () -> {
                dropIdle(c);
                wakeWaiters();
            });
        } else {
            c.discard();
            all.remove(c);
        }
        wakeWaiters();
    }

    /** A connection closed (by the server, a timer, or an upgraded one ending): its slot or idle place is freed. */
    void connectionLost(ClientConnection c) {
        all.remove(c);
        if (c.holdsSlot()) {
            release(c, false);
            return;
        }
        if (dropIdle(c)) {
            wakeWaiters();
        }
    }

    /** Takes the idle {@code c} out of the pool and closes it; false if it was not idle here. */
    private boolean dropIdle(ClientConnection c) {
        ArrayDeque<ClientConnection> q = idle.get(c.key());
        if (q != null && q.remove(c)) {
            idleCount--;
            if (q.isEmpty()) {
                idle.remove(c.key());
            }
            c.discard();
            all.remove(c);
            return true;
        }
        return false;
    }
}
