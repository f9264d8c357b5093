package io.asyncio4j.net;

import java.io.IOException;

/** Python's {@code ssl.SSLError}: a TLS handshake or record failed; the message names the peer and the reason. */
public class TlsError extends ConnectionError {
    private static final long serialVersionUID = 1L;

    /**
     * A TLS failure.
     *
     * @param message the message, naming the peer
     * @param cause the JDK's exception
     */
    public TlsError(String message, IOException cause) {
        super(message, cause);
    }
}
