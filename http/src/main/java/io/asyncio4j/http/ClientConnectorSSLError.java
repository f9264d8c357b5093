package io.asyncio4j.http;

/** aiohttp's {@code ClientConnectorSSLError}: a TLS handshake failure other than a refused certificate. */
public class ClientConnectorSSLError extends ClientSSLError {
    private static final long serialVersionUID = 1L;

    public ClientConnectorSSLError(String host, int port, boolean ssl, Throwable cause) {
        super(host, port, ssl, cause);
    }
}
