package io.asyncio4j.http;

/**
 * aiohttp's {@code ClientConnectorError}: the connector could not open a connection to the host (refused,
 * unreachable, name not resolved, TLS handshake failed). The message has aiohttp's shape: the host and port, the
 * request's {@code ssl} setting ({@code default}, or {@code False} with verification off) and, in brackets, the
 * system's reason: {@code Cannot connect to host example.org:443 ssl:default [Connection refused]},
 * {@code Cannot connect to host no-such-host.invalid:80 ssl:default [Name or service not known]}. When several
 * addresses of the host failed with different errors, the brackets hold each ({@code [Multiple exceptions: cannot
 * connect to /127.0.0.1:8080: Connection refused, ...]}, CPython's words) and the cause's
 * {@link io.asyncio4j.net.ConnectionError#exceptions()} holds them.
 */
public class ClientConnectorError extends ClientOSError {
    private static final long serialVersionUID = 1L;
    /** The host that could not be reached. */
    private final String host;
    /** Its port. */
    private final int port;

    /**
     * An error for {@code host:port}, with aiohttp's message: {@code Cannot connect to host host:port ssl:default
     * [reason]}, the reason being the innermost message of {@code cause}'s chain (the system's words, such as
     * {@code Connection refused}; for a name not resolved, without the name the JDK puts before them).
     *
     * @param host  the host that could not be reached, as in the URL
     * @param port  its port
     * @param ssl   false if the request turned certificate verification off (aiohttp's {@code ssl=False}: the
     *              message says {@code ssl:False}), else true ({@code ssl:default}: the default TLS settings, or a
     *              plain http request, as aiohttp prints its {@code ssl=None})
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

    /**
     * The bracketed reason of the message: the innermost message of {@code cause}'s chain, the system's words for
     * an {@code OSError}'s {@code strerror} ({@code Connection refused}: the outer exceptions repeat them with the
     * peer); an {@link java.net.UnknownHostException}'s without the host name the JDK puts first.
     */
    static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown cause";
        }
        if (cause instanceof io.asyncio4j.net.ConnectionError ce && !ce.exceptions().isEmpty()) {
            // Several addresses failed: every one's error, as CPython's "Multiple exceptions: ..." names them.
            String m = ce.getMessage();
            int at = m.indexOf("Multiple exceptions: ");
            return at >= 0 ? m.substring(at) : m;
        }
        Throwable reason = null;
        int depth = 0;
        for (Throwable t = cause; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t.getMessage() != null) {
                reason = t;
            }
        }
        if (reason == null) {
            return cause.getClass().getSimpleName();
        }
        String message = reason.getMessage();
        int colon = message.indexOf(": ");
        if (reason instanceof java.net.UnknownHostException && colon > 0 && message.indexOf(' ') > colon) {
            return message.substring(colon + 2);       // "no-such-host.invalid: Name or service not known"
        }
        return message;
    }
}
