package io.asyncio4j.http;

import io.asyncio4j.http.internal.Hosts;

/**
 * aiohttp's {@code ClientProxyConnectionError}: the HTTP proxy a request goes through could not be reached
 * (refused, unreachable, name not resolved). {@link #host()} and {@link #port()} are the proxy's; the message names
 * the proxy and the request's host: {@code Cannot connect to proxy 127.0.0.1:3128 for host example.org:443
 * ssl:default [Connection refused]}.
 */
public class ClientProxyConnectionError extends ClientConnectorError {
    private static final long serialVersionUID = 1L;
    /** The host the request was for. */
    private final String targetHost;
    /** The port the request was for. */
    private final int targetPort;

    /**
     * An error for the proxy {@code proxyHost:proxyPort}, with the message the class comment shows.
     *
     * @param proxyHost  the proxy's host
     * @param proxyPort  the proxy's port
     * @param targetHost the host the request was for
     * @param targetPort the port the request was for
     * @param ssl        false if the request turned certificate verification off ({@code ssl:False}), else true
     *                   ({@code ssl:default}), as for {@link ClientConnectorError}
     * @param cause      the exception that caused it, or null
     */
    public ClientProxyConnectionError(String proxyHost, int proxyPort, String targetHost, int targetPort, boolean ssl,
                                      Throwable cause) {
        super("Cannot connect to proxy " + hostPort(proxyHost, proxyPort) + " for host "
                + hostPort(targetHost, targetPort) + " ssl:" + (ssl ? "default" : "False") + " [" + describe(cause)
                + "]", proxyHost, proxyPort, cause);
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** {@return the host the request was for} */
    public String targetHost() {
        return targetHost;
    }

    /** {@return the port the request was for} */
    public int targetPort() {
        return targetPort;
    }

    private static String hostPort(String host, int port) {
        return Hosts.bracketed(host) + ":" + port;
    }
}
