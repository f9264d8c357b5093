package io.asyncio4j.http;

import java.nio.file.Path;

/**
 * aiohttp's {@code UnixClientConnectorError}: a {@link UnixConnector} could not connect to its Unix domain socket
 * (no such file, no one listening there), or was asked for TLS, which it does not offer. The message has aiohttp's
 * shape, the path, the request's {@code ssl} setting and, in brackets, the system's reason:
 * {@code Cannot connect to unix socket /run/app.sock ssl:default [No such file or directory]}. {@link #host()} and
 * {@link #port()} are the URL's, as aiohttp's {@code host} and {@code port}.
 */
public class UnixClientConnectorError extends ClientConnectorError {
    private static final long serialVersionUID = 1L;
    /** The socket file that could not be reached, as a string (a {@link Path} is not serializable). */
    private final String path;

    /**
     * An error for the socket file {@code path}, with aiohttp's message.
     *
     * @param path  the socket file of the connector
     * @param host  the URL's host
     * @param port  the URL's port
     * @param ssl   false if the request turned certificate verification off (the message says {@code ssl:False}),
     *              else true ({@code ssl:default})
     * @param cause the exception that caused it, whose innermost message the message quotes; or null
     */
    public UnixClientConnectorError(Path path, String host, int port, boolean ssl, Throwable cause) {
        super("Cannot connect to unix socket " + path + " ssl:" + (ssl ? "default" : "False") + " ["
                + describe(cause) + "]", host, port, cause);
        this.path = String.valueOf(path);
    }

    /** {@return the socket file that could not be reached (aiohttp's {@code path})} */
    public Path path() {
        return Path.of(path);
    }
}
