package io.asyncio4j.http;

/**
 * aiohttp's {@code ClientConnectorCertificateError}: the server's certificate was refused (not trusted by the
 * context's trust managers, expired, or not issued for the host name). The cause chain holds the JDK's
 * {@link java.security.cert.CertificateException}.
 */
public class ClientConnectorCertificateError extends ClientSSLError {
    private static final long serialVersionUID = 1L;

    public ClientConnectorCertificateError(String host, int port, boolean ssl, Throwable cause) {
        super(host, port, ssl, cause);
    }
}
