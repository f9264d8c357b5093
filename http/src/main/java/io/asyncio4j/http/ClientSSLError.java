package io.asyncio4j.http;

/**
 * aiohttp's {@code ClientSSLError}: the TLS handshake with the host failed; the cause is the
 * {@link io.asyncio4j.net.TlsError}. {@link ClientConnectorCertificateError} when the server's certificate was
 * refused, {@link ClientConnectorSSLError} for other handshake failures.
 */
public class ClientSSLError extends ClientConnectorError {
    private static final long serialVersionUID = 1L;

    /**
     * An error for {@code host:port}, with aiohttp's message.
     *
     * @param host  the host that could not be reached, as in the URL
     * @param port  its port
     * @param ssl   false if the request turned certificate verification off (aiohttp's {@code ssl=False}: the
     *              message says {@code ssl:False}), else true ({@code ssl:default}: the default TLS settings, or a
     *              plain http request, as aiohttp prints its {@code ssl=None})
     * @param cause the {@link io.asyncio4j.net.TlsError} or the JDK's exception
     */
    public ClientSSLError(String host, int port, boolean ssl, Throwable cause) {
        super(host, port, ssl, cause);
    }
}
