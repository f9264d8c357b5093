package io.asyncio4j.http;

import io.asyncio4j.TimeoutError;

/**
 * aiohttp's {@code ClientTimeout}: limits, in seconds, for one request; null means no limit. Exact meanings:
 * <ul>
 *   <li>{@code total}: the whole operation, from the call until the response's body is read: waiting for a pool
 *       slot, connecting, sending, every redirect, and {@link ClientResponse#read()}/{@code text()}/{@code json()}.
 *       Expiry raises {@link io.asyncio4j.TimeoutError} (aiohttp: {@code asyncio.TimeoutError}), whose message
 *       names the request and the limit: {@code "Timeout on GET http://h/p (total=5)"}.</li>
 *   <li>{@code connect}: getting a connection, pool wait included (one limit per redirect hop). Expiry raises
 *       {@link ServerTimeoutError} {@code "Connection timeout to host <url> (connect=<seconds>)"}.</li>
 *   <li>{@code sockConnect}: the TCP (and TLS) connection to the peer, for a new connection only. Expiry raises
 *       the same {@link ServerTimeoutError}, naming {@code sock_connect=<seconds>}.</li>
 *   <li>{@code sockRead}: the longest time between two arrivals of response bytes, counted from the request being
 *       sent (not while the reader is paused by flow control). Expiry raises {@link ServerTimeoutError}
 *       {@code "Timeout on reading data from socket of <url> (sock_read=<seconds>)"} and closes the
 *       connection.</li>
 * </ul>
 * Immutable.
 *
 * @param total       seconds for the whole operation, 0 or more, or null for no limit
 * @param connect     seconds to get a connection, pool wait included, 0 or more, or null for no limit
 * @param sockConnect seconds to open a new connection to the peer, 0 or more, or null for no limit
 * @param sockRead    seconds between two arrivals of response bytes, 0 or more, or null for no limit
 */
public record ClientTimeout(Double total, Double connect, Double sockConnect, Double sockRead) {
    /** aiohttp 3.8's default: a total of 5 minutes, no other limit. */
    public static final ClientTimeout DEFAULT = new ClientTimeout(300.0, null, null, null);
    /** No limit at all. */
    public static final ClientTimeout NONE = new ClientTimeout(null, null, null, null);

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException if a limit is negative or NaN
     */
    public ClientTimeout {
        check("total", total);
        check("connect", connect);
        check("sockConnect", sockConnect);
        check("sockRead", sockRead);
    }

    /**
     * Only a total limit ({@code timeout=5} in aiohttp).
     *
     * @param seconds the total limit, 0 or more
     * @return a timeout with no other limit
     * @throws IllegalArgumentException if {@code seconds} is negative or NaN
     */
    public static ClientTimeout ofTotal(double seconds) {
        return new ClientTimeout(seconds, null, null, null);
    }

    /**
     * This timeout with another {@code total}.
     *
     * @param seconds the limit, 0 or more, or null for none
     * @return a new timeout with the other limits unchanged
     * @throws IllegalArgumentException if {@code seconds} is negative or NaN
     */
    public ClientTimeout withTotal(Double seconds) {
        return new ClientTimeout(seconds, connect, sockConnect, sockRead);
    }

    /**
     * This timeout with another {@code connect}.
     *
     * @param seconds the limit, 0 or more, or null for none
     * @return a new timeout with the other limits unchanged
     * @throws IllegalArgumentException if {@code seconds} is negative or NaN
     */
    public ClientTimeout withConnect(Double seconds) {
        return new ClientTimeout(total, seconds, sockConnect, sockRead);
    }

    /**
     * This timeout with another {@code sockConnect}.
     *
     * @param seconds the limit, 0 or more, or null for none
     * @return a new timeout with the other limits unchanged
     * @throws IllegalArgumentException if {@code seconds} is negative or NaN
     */
    public ClientTimeout withSockConnect(Double seconds) {
        return new ClientTimeout(total, connect, seconds, sockRead);
    }

    /**
     * This timeout with another {@code sockRead}.
     *
     * @param seconds the limit, 0 or more, or null for none
     * @return a new timeout with the other limits unchanged
     * @throws IllegalArgumentException if {@code seconds} is negative or NaN
     */
    public ClientTimeout withSockRead(Double seconds) {
        return new ClientTimeout(total, connect, sockConnect, seconds);
    }

    /**
     * A limit as the expiry messages name it, aiohttp's name and the seconds: {@code total=5}, {@code sock_read=0.2}.
     */
    static String limit(String name, double seconds) {
        return name + "=" + (seconds == Math.rint(seconds) && Math.abs(seconds) < 1e15
                ? Long.toString((long) seconds) : Double.toString(seconds));
    }

    /**
     * The {@code total} limit's expiry, for {@code method url}: aiohttp raises a bare {@code asyncio.TimeoutError};
     * this one names the request and the limit ({@code Timeout on GET http://h/p (total=5)}), caused, as the
     * {@link TimeoutError} of the timeout that expired, by the cancellation it made.
     */
    static TimeoutError totalExpired(String method, Object url, double total, TimeoutError expired) {
        TimeoutError e = new TimeoutError("Timeout on " + method + " " + url + " (" + limit("total", total) + ")",
                expired.getCause());
        e.setStackTrace(expired.getStackTrace());
        return e;
    }

    /**
     * Only a total limit, given as a {@link java.time.Duration} (converted to seconds with nanosecond precision).
     *
     * @param total the total limit, zero or more; not null
     * @return a timeout with no other limit
     * @throws NullPointerException if {@code total} is null
     * @throws IllegalArgumentException if {@code total} is negative
     */
    public static ClientTimeout ofTotal(java.time.Duration total) {
        return ofTotal(seconds(total));
    }

    /**
     * As {@link #withTotal(Double)} with a primitive limit, so that {@code withTotal(5)} compiles;
     * {@code withTotal(null)} still means no limit.
     *
     * @param seconds the limit, 0 or more
     * @return a new timeout with the other limits unchanged
     * @throws IllegalArgumentException if {@code seconds} is negative or NaN
     */
    public ClientTimeout withTotal(double seconds) {
        return withTotal(Double.valueOf(seconds));
    }

    /**
     * As {@link #withConnect(Double)} with a primitive limit.
     *
     * @param seconds the limit, 0 or more
     * @return a new timeout with the other limits unchanged
     * @throws IllegalArgumentException if {@code seconds} is negative or NaN
     */
    public ClientTimeout withConnect(double seconds) {
        return withConnect(Double.valueOf(seconds));
    }

    /**
     * As {@link #withSockConnect(Double)} with a primitive limit.
     *
     * @param seconds the limit, 0 or more
     * @return a new timeout with the other limits unchanged
     * @throws IllegalArgumentException if {@code seconds} is negative or NaN
     */
    public ClientTimeout withSockConnect(double seconds) {
        return withSockConnect(Double.valueOf(seconds));
    }

    /**
     * As {@link #withSockRead(Double)} with a primitive limit.
     *
     * @param seconds the limit, 0 or more
     * @return a new timeout with the other limits unchanged
     * @throws IllegalArgumentException if {@code seconds} is negative or NaN
     */
    public ClientTimeout withSockRead(double seconds) {
        return withSockRead(Double.valueOf(seconds));
    }

    private static double seconds(java.time.Duration d) {
        return io.asyncio4j.Asyncio.seconds(java.util.Objects.requireNonNull(d, "duration is null"));
    }

    private static void check(String name, Double v) {
        if (v != null && !(v >= 0)) {
            throw new IllegalArgumentException("ClientTimeout." + name + " must be >= 0 or null, not " + v);
        }
    }
}
