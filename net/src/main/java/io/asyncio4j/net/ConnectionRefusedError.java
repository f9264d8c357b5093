package io.asyncio4j.net;

import java.io.IOException;

/** Python's {@code ConnectionRefusedError}: nobody listens at the address (or a firewall said no). */
public class ConnectionRefusedError extends ConnectionError {
    private static final long serialVersionUID = 1L;

    /**
     * A refused connection.
     *
     * @param message the message, naming the peer
     * @param cause the JDK's exception
     */
    public ConnectionRefusedError(String message, IOException cause) {
        super(message, cause);
    }
}
