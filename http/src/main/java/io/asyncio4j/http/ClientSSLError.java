package io.asyncio4j.http;

/**
 * aiohttp's {@code ClientSSLError}: the TLS handshake with the host failed; the cause is the
 * {@link io.asyncio4j.net.TlsError}. {@link ClientConnectorCertificateError} when the server's certificate was
 * refused, {@link ClientConnectorSSLError} for other handshake failures.
 */
public class ClientSSLError extends ClientConnectorError {
    private static final long serialVersionUID = 1L;

    public ClientSSLError(String host, int port, boolean ssl, Throwable cause) {
        super(host, port, ssl, cause);
    }
}
