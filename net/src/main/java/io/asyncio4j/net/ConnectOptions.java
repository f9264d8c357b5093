package io.asyncio4j.net;

/**
 * How a client connection tries the addresses of a host: CPython's {@code create_connection} keyword arguments
 * {@code happy_eyeballs_delay=} and {@code interleave=} (3.8, RFC 8305 "Happy Eyeballs") and
 * {@code all_errors=} (3.12). Immutable; the {@code with*} methods return a copy.
 *
 * <p>Without a delay (the {@link #defaults()}) the addresses are tried one after another, each attempt waiting for
 * the previous one to fail. With a delay, a new attempt starts every {@code happyEyeballsDelay} seconds (of the
 * loop's clock) while the earlier ones are still pending, or at once when the latest one fails; the first to
 * connect wins and the others are cancelled and their sockets closed (CPython's {@code staggered_race}).
 *
 * @param happyEyeballsDelay seconds between the starts of two attempts, 0 or more (RFC 8305 recommends 0.25); null:
 *        no happy eyeballs, one address at a time
 * @param interleave how addresses are reordered by family (IPv4, IPv6) before trying them: {@code n} takes
 *        {@code n} addresses of the first family, then one of each family in turn (CPython's
 *        {@code _interleave_addrinfos}); 0: the resolver's order; null: 1 with a delay, else 0 (as CPython)
 * @param allErrors when every attempt failed, throw an {@link io.asyncio4j.ExceptionGroup} of every address's
 *        error (message {@code "create_connection failed"}) instead of one {@link ConnectionError}
 */
public record ConnectOptions(Double happyEyeballsDelay, Integer interleave, boolean allErrors) {
    /** RFC 8305's recommended delay between attempts, aiohttp's default: 0.25 s. */
    public static final double DEFAULT_HAPPY_EYEBALLS_DELAY = 0.25;

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException if {@code happyEyeballsDelay} is negative or NaN, or {@code interleave} is
     *         negative
     */
    public ConnectOptions {
        if (happyEyeballsDelay != null && !(happyEyeballsDelay >= 0)) {
            throw new IllegalArgumentException("happyEyeballsDelay must be >= 0, not " + happyEyeballsDelay);
        }
        if (interleave != null && interleave < 0) {
            throw new IllegalArgumentException("interleave must be >= 0, not " + interleave);
        }
    }

    /**
     * CPython's defaults: no happy eyeballs, the resolver's order, one {@link ConnectionError} naming every address
     * that failed.
     *
     * @return the options
     */
    public static ConnectOptions defaults() {
        return new ConnectOptions(null, null, false);
    }

    /**
     * Happy eyeballs as RFC 8305 recommends and aiohttp 3.10+ does by default: a delay of 0.25 s, interleave 1.
     *
     * @return the options
     */
    public static ConnectOptions happyEyeballs() {
        return new ConnectOptions(DEFAULT_HAPPY_EYEBALLS_DELAY, 1, false);
    }

    /**
     * A copy with this delay.
     *
     * @param seconds 0 or more, or null for no happy eyeballs
     * @return the new options
     * @throws IllegalArgumentException if {@code seconds} is negative or NaN
     */
    public ConnectOptions withHappyEyeballsDelay(Double seconds) {
        return new ConnectOptions(seconds, interleave, allErrors);
    }

    /**
     * A copy with this interleave.
     *
     * @param n 0 or more, or null for the default (1 with a delay, else 0)
     * @return the new options
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public ConnectOptions withInterleave(Integer n) {
        return new ConnectOptions(happyEyeballsDelay, n, allErrors);
    }

    /**
     * A copy with this {@code all_errors}.
     *
     * @param on whether a failure of every address throws an {@link io.asyncio4j.ExceptionGroup}
     * @return the new options
     */
    public ConnectOptions withAllErrors(boolean on) {
        return new ConnectOptions(happyEyeballsDelay, interleave, on);
    }

    /** The interleave in effect: CPython's rule, 1 when a delay is set and no interleave is given. */
    int effectiveInterleave() {
        return interleave != null ? interleave : happyEyeballsDelay != null ? 1 : 0;
    }
}
