package io.asyncio4j.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * aiohttp's {@code _DNSCacheTable}: a {@link TCPConnector}'s resolved addresses per host and port, each kept for
 * {@code ttl} seconds of the loop's clock, and at most {@code maxSize} of them.
 *
 * <p><b>Eviction.</b> As in aiohttp 3.8.4 as Debian patches it ({@code dns_cache_max_size}, 1000): the entries are
 * in least-recently-used order (a lookup that hits and a store both make an entry the most recent), and a store
 * beyond {@code maxSize} drops the least recently used one. Beyond aiohttp, which only replaces an expired entry
 * when its host is resolved again, expired entries do not stay: a lookup that finds one removes it, and every
 * lookup or store at least {@code ttl} seconds after the last sweep removes all expired entries (a pass over at most
 * {@code maxSize} entries, once per {@code ttl}). So after a burst of distinct hosts the table shrinks back to the
 * hosts still in use one {@code ttl} later, without a timer of its own.
 *
 * <p><b>Threads.</b> The connector's loop thread only; not thread-safe.
 */
final class DnsCacheTable {
    /** aiohttp's {@code dns_cache_max_size} default. */
    static final int DEFAULT_MAX_SIZE = 1000;

    private record Cached(List<String> addresses, double at) {
    }

    private final Double ttl;
    private final int maxSize;
    private final LinkedHashMap<String, Cached> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > maxSize;
        }
    };
    /** The loop time from which the next lookup or store sweeps expired entries. */
    private double nextSweep = Double.NEGATIVE_INFINITY;

    /**
     * @param ttl     seconds an entry stays valid, or null for ever
     * @param maxSize the most entries kept
     * @throws IllegalArgumentException if {@code maxSize} is not positive
     */
    DnsCacheTable(Double ttl, int maxSize) {
        this.ttl = ttl;
        this.maxSize = checkMaxSize(maxSize);
    }

    static int checkMaxSize(int maxSize) {
        if (maxSize <= 0) {
            throw new IllegalArgumentException("dnsCacheMaxSize must be > 0, not " + maxSize
                    + " (useDnsCache(false) turns the cache off)");
        }
        return maxSize;
    }

    /** The addresses cached for {@code key} if they are younger than the TTL at {@code now}, else null. */
    List<String> get(String key, double now) {
        sweep(now);
        Cached e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (expired(e, now)) {
            entries.remove(key);
            return null;
        }
        return e.addresses();
    }

    /** Caches {@code addresses} for {@code key}, resolved at {@code now}; the least recently used entry goes if the table is full. */
    void put(String key, List<String> addresses, double now) {
        sweep(now);
        entries.put(key, new Cached(List.copyOf(addresses), now));
    }

    void remove(String key) {
        entries.remove(key);
    }

    void clear() {
        entries.clear();
    }

    /** The entries held, expired ones not yet swept included. */
    int size() {
        return entries.size();
    }

    private boolean expired(Cached e, double now) {
        return ttl != null && now - e.at() >= ttl;
    }

    private void sweep(double now) {
        if (ttl == null || now < nextSweep) {
            return;
        }
        nextSweep = now + ttl;
        entries.values().removeIf(e -> expired(e, now));
    }
}
