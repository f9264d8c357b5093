package io.asyncio4j.http;

/**
 * aiohttp's {@code ClientConnectorError}: the connector could not open a connection to the host (refused,
 * unreachable, name not resolved, TLS handshake failed). The message is aiohttp's:
 * {@code Cannot connect to host example.org:443 ssl:default [Connection refused]}.
 */
public class ClientConnectorError extends ClientOSError {
    private static final long serialVersionUID = 1L;
    /** The host that could not be reached. */
    private final String host;
    /** Its port. */
    private final int port;

    /**
     * An error for {@code host:port}, with aiohttp's message: {@code Cannot connect to host host:port ssl:default
     * [cause's message]}.
     *
     * @param host  the host that could not be reached, as in the URL
     * @param port  its port
     * @param ssl   whether the connection was to use TLS (the message says {@code ssl:default} or {@code ssl:False})
     * @param cause the exception that caused it, whose innermost message the message quotes; or null
     */
    public ClientConnectorError(String host, int port, boolean ssl, Throwable cause) {
        super("Cannot connect to host " + host + ":" + port + " ssl:" + (ssl ? "default" : "False") + " ["
                + describe(cause) + "]", cause);
        this.host = host;
        this.port = port;
    }

    /**
     * For subclasses with a message of their own; {@code host} and {@code port} are what could not be reached.
     *
     * @param message the message
     * @param host    the host that could not be reached
     * @param port    its port
     * @param cause   the exception that caused it, or null
     */
    protected ClientConnectorError(String message, String host, int port, Throwable cause) {
        super(message, cause);
        this.host = host;
        this.port = port;
    }

    /** {@return the host that could not be reached, as in the URL} */
    public String host() {
        return host;
    }

    /** {@return the port that could not be reached} */
    public int port() {
        return port;
    }

    static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown cause";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
