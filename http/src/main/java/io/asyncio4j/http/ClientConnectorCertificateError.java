package io.asyncio4j.http;

/**
 * aiohttp's {@code ClientConnectorCertificateError}: the server's certificate was refused (not trusted by the
 * context's trust managers, expired, or not issued for the host name). The cause chain holds the JDK's
 * {@link java.security.cert.CertificateException}.
 */
public class ClientConnectorCertificateError extends ClientSSLError {
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
    public ClientConnectorCertificateError(String host, int port, boolean ssl, Throwable cause) {
        super(host, port, ssl, cause);
    }
}
