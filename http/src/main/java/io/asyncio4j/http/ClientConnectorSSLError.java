package io.asyncio4j.http;

/** aiohttp's {@code ClientConnectorSSLError}: a TLS handshake failure other than a refused certificate. */
public class ClientConnectorSSLError extends ClientSSLError {
    private static final long serialVersionUID = 1L;

    /**
     * An error for {@code host:port}, with aiohttp's message.
     *
     * @param host  the host that could not be reached, as in the URL
     * @param port  its port
     * @param ssl   whether the connection was to use TLS (the message says {@code ssl:default} or {@code ssl:False})
     * @param cause the {@link io.asyncio4j.net.TlsError} or the JDK's exception
     */
    public ClientConnectorSSLError(String host, int port, boolean ssl, Throwable cause) {
        super(host, port, ssl, cause);
    }
}
