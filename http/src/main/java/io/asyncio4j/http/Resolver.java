package io.asyncio4j.http;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Coro;
import io.asyncio4j.net.Sockets;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * aiohttp's {@code AbstractResolver}: turns a host name into the addresses a {@link TCPConnector} tries in order.
 * The default, {@link #threaded()}, is aiohttp's {@code ThreadedResolver}: the system resolver on the loop's
 * default executor. A custom resolver maps names as it likes, for instance several test host names to loopback.
 * The connector never asks it about IP address literals, and caches its answers (see
 * {@link TCPConnector.Builder#ttlDnsCache(Double)}).
 */
@FunctionalInterface
public interface Resolver {
    /**
     * The addresses of {@code host}, each with {@code port}, in the order to try them.
     *
     * @param host a host name (never an IP address literal)
     * @param port the port each address gets
     * @return the resolution, run when awaited on the connector's loop; it must not block the loop
     * @throws java.io.UncheckedIOException (when awaited) if the name cannot be resolved
     */
    @CheckReturnValue
    Coro<List<InetSocketAddress>> resolve(String host, int port);

    /** {@return the system resolver, run on the default executor ({@link Sockets#getaddrinfo})} */
    static Resolver threaded() {
        return Sockets::getaddrinfo;
    }
}
