package io.asyncio4j.http;

/**
 * aiohttp's {@code ServerFingerprintMismatch}: the https server presented a certificate whose SHA-256 digest is not
 * the {@link Fingerprint} the request pinned; the connection was closed before anything was sent. As in aiohttp a
 * {@link ServerConnectionError} (so a {@link ClientConnectionError}), not a {@link ClientSSLError}: the handshake
 * itself succeeded.
 */
public class ServerFingerprintMismatch extends ServerConnectionError {
    private static final long serialVersionUID = 1L;
    /** The pinned digest. */
    private final byte[] expected;
    /** The presented certificate's digest. */
    private final byte[] got;
    /** The URL's host. */
    private final String host;
    /** The URL's port. */
    private final int port;

    /**
     * An error for a certificate of {@code host:port} that does not match the pin; the arrays are copied.
     *
     * @param expected the pinned digest
     * @param got      the digest of the certificate the server presented (empty if it presented none)
     * @param host     the host of the URL (not the proxy's for a tunnel)
     * @param port     its port
     * @throws NullPointerException if {@code expected} or {@code got} is null
     */
    public ServerFingerprintMismatch(byte[] expected, byte[] got, String host, int port) {
        super("<ServerFingerprintMismatch expected=" + Fingerprint.hex(expected) + " got=" + Fingerprint.hex(got)
                + " host=" + host + " port=" + port + ">");
        this.expected = expected.clone();
        this.got = got.clone();
        this.host = host;
        this.port = port;
    }

    /** {@return the pinned SHA-256 digest (a copy)} */
    public byte[] expected() {
        return expected.clone();
    }

    /** {@return the SHA-256 digest of the certificate the server presented (a copy)} */
    public byte[] got() {
        return got.clone();
    }

    /** {@return the host of the URL (not the proxy's for a tunnel)} */
    public String host() {
        return host;
    }

    /** {@return the port of the URL} */
    public int port() {
        return port;
    }
}
